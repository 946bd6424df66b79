# SPDX-License-Identifier: EUPL-1.2
"""The catalog workspace served by a real uvicorn server on a free loopback port."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from stuurdata.portal import create_app
from stuurdata.warehouse import build
from stuurdata.workspace import Workspace
from tests.api.demo_server import serve
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


@pytest.fixture(scope="session")
def server(api_workspace: Path) -> Iterator[str]:
    """Base URL of a real HTTP server running the portal in a thread."""
    yield from serve(create_app(api_workspace))
