# SPDX-License-Identifier: EUPL-1.2
"""The security headers middleware: a plain ASGI wrapper that sets headers the app left unset."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from stuurdata.portal.security import SECURITY_HEADERS, SecurityHeadersMiddleware


def _plain(request: Request) -> Response:
    return PlainTextResponse("ok")


def _own_policy(request: Request) -> Response:
    return PlainTextResponse("ok", headers={"X-Frame-Options": "SAMEORIGIN"})


def _stream(request: Request) -> Response:
    def body() -> Iterator[bytes]:
        yield from (b"a" * 1000 for _ in range(50))

    return StreamingResponse(body(), media_type="text/plain")


def _app() -> Starlette:
    app = Starlette(
        routes=[Route("/", _plain), Route("/own", _own_policy), Route("/stream", _stream)]
    )
    app.add_middleware(SecurityHeadersMiddleware)
    return app


def test_headers_on_plain_streamed_and_missing_responses() -> None:
    with TestClient(_app()) as client:
        for path, status in (("/", 200), ("/stream", 200), ("/none", 404)):
            response = client.get(path)
            assert response.status_code == status
            for name, value in SECURITY_HEADERS.items():
                assert response.headers[name] == value, (path, name)
                assert len(response.headers.get_list(name)) == 1
        assert len(client.get("/stream").content) == 50_000


def test_header_set_by_the_app_is_kept() -> None:
    with TestClient(_app()) as client:
        response = client.get("/own")
    assert response.headers.get_list("x-frame-options") == ["SAMEORIGIN"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_portal_uses_the_plain_asgi_middleware(client: TestClient) -> None:
    kinds = [m.cls for m in client.app.user_middleware]  # type: ignore[attr-defined]
    assert SecurityHeadersMiddleware in kinds
    assert BaseHTTPMiddleware not in kinds
