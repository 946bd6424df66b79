# SPDX-License-Identifier: EUPL-1.2
"""CSRF protection for every state-changing request.

Signed-in browsers: the session's own token (synchronizer token). Anonymous forms (sign-in,
the request form): a random token in an HttpOnly cookie that the form repeats (double
submit). Forms put it in a hidden field ``csrf_token``; scripts send header ``X-CSRF-Token``.
Requests with a Bearer token carry no ambient credentials and need none; neither do anonymous
API calls without cookies (they have no authority a forged request could borrow).
"""

from __future__ import annotations

import hmac
import re
import secrets
from typing import Final
from urllib.parse import parse_qs

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import Message, Receive, Scope

CSRF_COOKIE: Final = "stuurdata_csrf"
CSRF_FIELD: Final = "csrf_token"
CSRF_HEADER: Final = "x-csrf-token"
SAFE_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def well_formed(token: str | None) -> bool:
    return token is not None and bool(_TOKEN.match(token))


def same(expected: str | None, submitted: str | None) -> bool:
    """Constant-time comparison; a missing or malformed token never matches."""
    if not well_formed(expected) or not well_formed(submitted):
        return False
    assert expected is not None and submitted is not None
    return hmac.compare_digest(expected.encode(), submitted.encode())


def replay(body: bytes) -> Receive:
    """A ``receive`` that hands the buffered ``body`` to the application once."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def submitted_token(scope: Scope, body: bytes) -> str | None:
    """The token the request carries: the header, else the form field."""
    headers = Headers(scope=scope)
    if headers.get(CSRF_HEADER):
        return headers[CSRF_HEADER]
    kind = headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        values = parse_qs(body.decode("latin-1"), max_num_fields=1000).get(CSRF_FIELD)
        return values[0] if values else None
    if kind == "multipart/form-data":
        request = Request(scope, receive=replay(body))
        try:
            form = await request.form()
        except Exception:  # malformed multipart: no token
            return None
        try:
            value = form.get(CSRF_FIELD)
            return value if isinstance(value, str) else None
        finally:
            await form.close()
    return None
