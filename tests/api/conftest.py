# SPDX-License-Identifier: EUPL-1.2
"""The catalog workspace served by a real uvicorn server on a free loopback port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

from stuurdata.portal import create_app
from stuurdata.warehouse import build
from stuurdata.workspace import Workspace
from tests.catalog.workspace import write_catalog_workspace


@pytest.fixture(scope="session")
def api_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_catalog_workspace(tmp_path_factory.mktemp("api") / "ws")
    build(Workspace.load(root))
    return root


@pytest.fixture(scope="session")
def client(api_workspace: Path) -> Iterator[TestClient]:
    with TestClient(create_app(api_workspace)) as test_client:
        yield test_client


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def server(api_workspace: Path) -> Iterator[str]:
    """Base URL of a real HTTP server running the portal in a thread."""
    port = _free_port()
    config = uvicorn.Config(
        create_app(api_workspace), host="127.0.0.1", port=port, log_level="warning"
    )
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn kwam niet op")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)
