# SPDX-License-Identifier: EUPL-1.2
"""The load benchmark's HTTP client against a real uvicorn server: bodies read whole, keep-alive,
errors counted."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from benchmarks.load import _Connection, _load, _percentile
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

CONNECTIONS: set[tuple[str, int]] = set()


def _fixed(request: Request) -> Response:
    assert request.client is not None
    CONNECTIONS.add((request.client.host, request.client.port))
    return PlainTextResponse("x" * int(request.query_params.get("n", "10")))


def _chunked(request: Request) -> Response:
    return StreamingResponse(iter([b"ab" * 1000, b"", b"cd" * 3000]), media_type="text/plain")


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = Starlette(routes=[Route("/fixed", _fixed), Route("/chunked", _chunked)])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn kwam niet op"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_connection_reads_sized_and_chunked_bodies(base: str) -> None:
    host, port = base.removeprefix("http://").split(":")

    async def run() -> list[tuple[int, bytes]]:
        connection = _Connection(host, int(port))
        try:
            return [
                await connection.get("/fixed?n=70000"),
                await connection.get("/chunked"),
                await connection.get("/missing"),
                await connection.get("/fixed?n=3"),
            ]
        finally:
            connection.close()

    CONNECTIONS.clear()
    (s1, b1), (s2, b2), (s3, _), (s4, b4) = asyncio.run(run())
    assert (s1, len(b1)) == (200, 70_000)
    assert (s2, b2) == (200, b"ab" * 1000 + b"cd" * 3000)
    assert s3 == 404
    assert (s4, b4) == (200, b"xxx")
    assert len(CONNECTIONS) == 1  # one keep-alive connection for all requests


def test_load_counts_requests_and_errors(base: str) -> None:
    latencies, errors, elapsed, first_error = asyncio.run(
        _load(base, ["/fixed", "/missing"], clients=4, seconds=5, max_requests=200)
    )
    # the cap is checked before each request: clients in flight may each finish one more
    assert 200 <= len(latencies) + errors < 200 + 4
    assert abs(len(latencies) - errors) <= 4  # the two paths alternate
    assert first_error is not None and first_error.startswith("404")
    assert 0 < elapsed < 5
    assert _percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 3.0
