# SPDX-License-Identifier: EUPL-1.2
"""Security headers on every response of the portal.

The Content-Security-Policy allows scripts and styles from the portal itself only (no inline
scripts: all JavaScript lives in static files). MapLibre runs its worker from a ``blob:`` URL and
draws tiles into ``blob:``/``data:`` images, hence those two sources for workers and images.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "child-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


class SecurityHeadersMiddleware:
    """ASGI middleware: set the headers of :data:`SECURITY_HEADERS` on every HTTP response
    unless the application already set them.

    A plain ASGI wrapper (``app.add_middleware(SecurityHeadersMiddleware)``): it only edits the
    ``http.response.start`` message, so unlike ``BaseHTTPMiddleware`` no task or body stream is
    added per request and streamed responses pass through untouched.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _RAW_HEADERS:
                    if name not in headers:
                        headers.append(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


_RAW_HEADERS: tuple[tuple[str, str], ...] = tuple(
    (name.lower(), value) for name, value in SECURITY_HEADERS.items()
)
