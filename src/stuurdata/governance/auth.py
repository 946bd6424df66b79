# SPDX-License-Identifier: EUPL-1.2
"""Authentication middleware: who is asking, for every request.

:func:`install_auth` puts :class:`AuthServices` (accounts, sessions, tokens, audit log on the
workspace's application database) on ``app.state.auth`` and adds :class:`AuthMiddleware`,
which for each HTTP request

* refuses a body larger than ``max_body`` (413) before the application reads it;
* finds the principal: ``Authorization: Bearer <API token>``, else the session cookie, else
  :data:`~stuurdata.governance.principal.ANONYMOUS`, and sets ``request.state.principal``;
* checks the CSRF token of state-changing requests (:mod:`stuurdata.governance.csrf`) and
  puts the expected one on ``request.state.csrf_token`` for forms.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Final

from anyio import to_thread
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from stuurdata.appdb import AppDatabase, open_app_database
from stuurdata.governance.accounts import Accounts
from stuurdata.governance.audit import AuditLog
from stuurdata.governance.csrf import (
    CSRF_COOKIE,
    SAFE_METHODS,
    new_token,
    replay,
    same,
    submitted_token,
    well_formed,
)
from stuurdata.governance.principal import ANONYMOUS, Principal
from stuurdata.governance.sessions import SESSION_COOKIE, Sessions
from stuurdata.governance.throttle import LoginThrottle
from stuurdata.governance.tokens import Tokens

MAX_BODY: Final = 1024 * 1024
"""Largest request body accepted, in bytes (1 MiB)."""


@dataclass
class AuthServices:
    """Accounts, sessions, tokens and audit log of one workspace's application database."""

    database: AppDatabase
    root: Path
    max_body: int = MAX_BODY
    extra: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def accounts(self) -> Accounts:
        return Accounts(self.database.engine)

    @cached_property
    def sessions(self) -> Sessions:
        return Sessions(self.database.engine)

    @cached_property
    def tokens(self) -> Tokens:
        return Tokens(self.database.engine)

    @cached_property
    def audit(self) -> AuditLog:
        return AuditLog(self.database.engine)

    @cached_property
    def throttle(self) -> LoginThrottle:
        return LoginThrottle(self.database.engine)


def install_auth(app: Any, workspace_root: Path, max_body: int = MAX_BODY) -> None:
    """Give ``app`` (a FastAPI/Starlette app) its auth services and middleware."""
    root = Path(workspace_root)
    app.state.auth = AuthServices(open_app_database(root), root, max_body)
    app.add_middleware(AuthMiddleware)


def cookie_flags(scope: Scope) -> str:
    """HttpOnly and SameSite=Lax always; Secure when the request came over https."""
    secure = "; Secure" if scope.get("scheme") == "https" else ""
    return f"; Path=/; HttpOnly; SameSite=Lax{secure}"


@dataclass
class _Found:
    principal: Principal = ANONYMOUS
    session_id: str | None = None
    csrf: str | None = None
    bearer: bool = False
    bad_token: bool = False


def _resolve(services: AuthServices, headers: Headers, cookies: dict[str, str]) -> _Found:
    authorization = headers.get("authorization", "")
    if authorization[:7].lower() == "bearer ":
        user_id = services.tokens.user_of(authorization[7:].strip())
        user = services.accounts.by_id(user_id) if user_id else None
        if user is None or not user.active:
            return _Found(bearer=True, bad_token=True)
        return _Found(user.principal("token"), bearer=True)
    session_id = cookies.get(SESSION_COOKIE)
    if session_id:
        session = services.sessions.get(session_id)
        user = services.accounts.by_id(session.user_id) if session else None
        if session is not None and user is not None and user.active:
            return _Found(user.principal(session.via), session_id, session.csrf_token)
    token = cookies.get(CSRF_COOKIE)
    return _Found(csrf=token if well_formed(token) else None)


async def _json(
    send: Send, status: int, detail: str, headers: dict[str, str] | None = None
) -> None:
    body = json.dumps({"detail": detail}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None when it exceeds ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


TOO_LARGE: Final = "Het verzoek is te groot."
CSRF_FAILED: Final = "Het formulier is verlopen of ongeldig (CSRF); laad de pagina opnieuw."
BAD_TOKEN: Final = "Ongeldig of verlopen API-token."  # noqa: S105 (a message)
_NO_COOKIE: Final = ("/api/", "/static/", "/ogc/", "/catalog", "/datasets/")
"""Paths that never show a form: no CSRF cookie is set on their (cacheable) responses."""


class AuthMiddleware:
    """Plain ASGI middleware (see the module docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        services: AuthServices = scope["app"].state.auth
        headers = Headers(scope=scope)
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > services.max_body):
            await _json(send, 413, TOO_LARGE, {"connection": "close"})
            return
        method = scope["method"]
        if method not in SAFE_METHODS:
            body = await _read_body(receive, services.max_body)
            if body is None:
                await _json(send, 413, TOO_LARGE, {"connection": "close"})
                return
            receive = replay(body)
        else:
            body = b""
        cookies = cookie_parser(headers.get("cookie", ""))
        if "authorization" in headers or SESSION_COOKIE in cookies:
            found = await to_thread.run_sync(_resolve, services, headers, cookies)
        else:  # no credentials: anonymous without touching the database
            found = _resolve(services, headers, cookies)
        if found.bad_token:
            await _json(send, 401, BAD_TOKEN, {"www-authenticate": 'Bearer error="invalid_token"'})
            return
        fresh_csrf = None
        if found.csrf is None and not found.bearer:
            found.csrf = new_token()
            if not scope["path"].startswith(_NO_COOKIE):
                fresh_csrf = found.csrf
        if method not in SAFE_METHODS and not found.bearer:
            needs = found.session_id is not None or not scope["path"].startswith("/api/")
            if needs and not same(found.csrf, await submitted_token(scope, body)):
                await _json(send, 403, CSRF_FAILED)
                return
        state = scope.setdefault("state", {})
        state["principal"] = found.principal
        state["csrf_token"] = found.csrf
        state["session_id"] = found.session_id
        private = found.principal.authenticated
        if fresh_csrf is None and not private:
            await self.app(scope, receive, send)
            return

        async def send_marked(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                if fresh_csrf is not None:
                    out.append("set-cookie", f"{CSRF_COOKIE}={fresh_csrf}{cookie_flags(scope)}")
                if private:  # what a signed-in user sees is never cached for others
                    out["cache-control"] = "private, no-store"
                    out.append("vary", "Authorization, Cookie")
            await send(message)

        await self.app(scope, receive, send_marked)
