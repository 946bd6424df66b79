# SPDX-License-Identifier: EUPL-1.2
"""Sign-in and sign-out pages: ``/inloggen`` (local account or OpenID Connect) and
``/uitloggen``.

Signing in always starts a new session and ends the browser's previous one (no session
fixation); ``?next=`` is followed only to a path on this site (no open redirect).
"""

from __future__ import annotations

import re
from typing import Annotated, Final
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from stuurdata.governance.audit import AuditEvent
from stuurdata.governance.auth import AuthServices, cookie_flags
from stuurdata.governance.oidc import OidcClient, OidcError, grants
from stuurdata.governance.principal import current_principal
from stuurdata.governance.sessions import SESSION_COOKIE
from stuurdata.portal.pages import render
from stuurdata.portal.snapshot import store_of

router = APIRouter(include_in_schema=False)
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\]")
OIDC_CALLBACK: Final = "/inloggen/oidc/terug"


def safe_next(target: str | None) -> str:
    """``target`` when it is a path on this site, else ``/``: no scheme, no host, no
    ``//host``, no backslashes or control characters (browsers read ``/\\host`` as a host)."""
    if not target or len(target) > 2000 or _UNSAFE.search(target):
        return "/"
    if not target.startswith("/") or target.startswith("//"):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return target


def _services(request: Request) -> AuthServices:
    services: AuthServices = request.app.state.auth
    return services


def _form(
    request: Request, next_path: str, error: str | None = None, status_code: int = 200
) -> HTMLResponse:
    store = store_of(request)
    principal = current_principal(request)
    return render(
        request,
        "login.html",
        None,
        status_code=status_code,
        csrf_token=request.state.csrf_token,
        next_path=next_path,
        error=error,
        oidc=store.workspace.config.oidc is not None,
        signed_in=principal.authenticated,
        user_name=principal.name,
    )


def _signed_in(request: Request, user_id: str, via: str, next_path: str) -> Response:
    services = _services(request)
    previous = request.state.session_id or request.cookies.get(SESSION_COOKIE)
    session_id = services.sessions.start(user_id, via, previous=previous)
    response = RedirectResponse(safe_next(next_path), status_code=303)
    response.headers.append(
        "set-cookie", f"{SESSION_COOKIE}={session_id}{cookie_flags(request.scope)}"
    )
    return response


def _audit(request: Request, actor: str, name: str, via: str, allowed: bool, reason: str) -> None:
    _services(request).audit.append(
        AuditEvent(
            actor=actor,
            actor_name=name,
            via=via,
            action="inloggen",
            resource="sessie",
            classification="intern",
            purpose=None,
            result="toegestaan" if allowed else "geweigerd",
            reason=reason,
            ip=request.client.host if request.client else None,
            user_agent=request.headers.get("user-agent"),
        )
    )


@router.get("/inloggen", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return _form(request, safe_next(next))


@router.post("/inloggen", response_model=None)
def login(
    request: Request,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    services = _services(request)
    address = request.client.host if request.client else "-"
    if services.throttle.blocked(username, address):
        _audit(request, "anoniem", username[:100], "password", False, "te veel pogingen")
        return _form(request, safe_next(next), "governance.login.throttled", 429)
    user = services.accounts.authenticate(username, password) if username else None
    if user is None:
        services.throttle.failed(username, address)
        _audit(request, "anoniem", username[:100], "password", False, "onjuiste inloggegevens")
        return _form(request, safe_next(next), "governance.login.failed", 401)
    services.throttle.succeeded(username)
    _audit(request, user.id, user.username, "password", True, "wachtwoord")
    return _signed_in(request, user.id, "password", next)


@router.get("/uitloggen", response_class=HTMLResponse, response_model=None)
def logout_page(request: Request) -> Response:
    if not current_principal(request).authenticated:
        return RedirectResponse("/", status_code=303)
    return _form(request, "/")


@router.post("/uitloggen", response_model=None)
def logout(request: Request) -> Response:
    session_id = request.state.session_id
    if session_id:
        _services(request).sessions.end(session_id)
    response = RedirectResponse("/", status_code=303)
    response.headers.append(
        "set-cookie", f"{SESSION_COOKIE}=; Max-Age=0{cookie_flags(request.scope)}"
    )
    return response


def _oidc(request: Request) -> OidcClient | None:
    store = store_of(request)
    config = store.workspace.config.oidc
    if config is None:
        return None
    services = _services(request)
    client = services.extra.get("oidc")
    if not isinstance(client, OidcClient) or client.config != config:
        client = OidcClient(config, services.database.engine, services.root)
        services.extra["oidc"] = client
    return client


def _callback_url(request: Request) -> str:
    return str(request.base_url).rstrip("/") + OIDC_CALLBACK


@router.get("/inloggen/oidc", response_model=None)
def oidc_start(request: Request, next: str = "/") -> Response:
    client = _oidc(request)
    if client is None:
        return _form(request, "/", "governance.login.no_oidc", 404)
    try:
        target = client.begin(_callback_url(request), safe_next(next))
    except OidcError:
        return _form(request, safe_next(next), "governance.login.oidc_failed", 502)
    return RedirectResponse(target, status_code=303)


@router.get(OIDC_CALLBACK, response_model=None)
def oidc_callback(request: Request, code: str = "", state: str = "") -> Response:
    client = _oidc(request)
    if client is None:
        return _form(request, "/", "governance.login.no_oidc", 404)
    try:
        if not code or not state:
            raise OidcError("code of state ontbreekt")
        found = client.finish(_callback_url(request), state, code)
    except OidcError as exc:
        _audit(request, "anoniem", "", "oidc", False, str(exc)[:300])
        return _form(request, "/", "governance.login.oidc_failed", 400)
    services = _services(request)
    user = services.accounts.from_oidc(
        found.issuer,
        found.subject,
        found.username,
        found.display_name,
        grants(client.config, found.claims),
    )
    _audit(request, user.id, user.username, "oidc", True, "OpenID Connect")
    return _signed_in(request, user.id, "oidc", found.next_path)
