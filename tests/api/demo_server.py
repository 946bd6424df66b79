# SPDX-License-Identifier: EUPL-1.2
"""The built demo workspace served by a real uvicorn server on a free loopback port.

Used by the OGC API Features and SQL endpoint tests (import the fixtures into the test module).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

from stuurdata.portal import create_app
from stuurdata.warehouse import build, open_current
from stuurdata.workspace import Workspace

_BUILD_LOCK = threading.Lock()


def ensure_built(root: Path) -> Path:
    """Build the workspace at ``root`` unless a version is published already."""
    with _BUILD_LOCK:
        ws = Workspace.load(root)
        if open_current(root, ws.config.engine.path) is None:
            build(ws)
    return root


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def serve(app: FastAPI) -> Iterator[str]:
    """Run ``app`` on 127.0.0.1 in a thread; yields the base URL, stops afterwards."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn kwam niet op")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def demo_built(demo_workspace: Path) -> Path:
    return ensure_built(demo_workspace)


@pytest.fixture(scope="module")
def demo_app(demo_built: Path) -> FastAPI:
    return create_app(demo_built)


@pytest.fixture(scope="module")
def demo_server(demo_app: FastAPI) -> Iterator[str]:
    yield from serve(demo_app)
