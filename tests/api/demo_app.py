# SPDX-License-Identifier: EUPL-1.2
"""The built demo region served by the portal app: fixtures for the REST, download and
OpenAPI tests (import the fixtures into a test module to use them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from stuurdata.portal import create_app
from stuurdata.warehouse import build, open_current
from stuurdata.workspace import Workspace

HIDDEN = "personen_sociaal_domein"
"""The demo dataset that is not openbaar: it must not exist without login."""
UNKNOWN = "bestaat_niet"


@pytest.fixture(scope="session")
def built_demo(demo_workspace: Path) -> Path:
    """The demo workspace with a published version (built once per session)."""
    if open_current(demo_workspace) is None:
        build(Workspace.load(demo_workspace))
    return demo_workspace


@pytest.fixture(scope="session")
def demo_client(built_demo: Path) -> Iterator[TestClient]:
    with TestClient(create_app(built_demo)) as client:
        yield client
