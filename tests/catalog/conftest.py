# SPDX-License-Identifier: EUPL-1.2
"""The catalog workspace, built once by the real warehouse."""

from __future__ import annotations

from pathlib import Path

import pytest

from stuurdata.warehouse import PublishedVersion, build, open_current
from stuurdata.workspace import Workspace
from tests.catalog.workspace import write_catalog_workspace


@pytest.fixture(scope="session")
def catalog_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_catalog_workspace(tmp_path_factory.mktemp("catalog") / "ws")
    build(Workspace.load(root))
    return root


@pytest.fixture
def workspace(catalog_workspace: Path) -> Workspace:
    return Workspace.load(catalog_workspace)


@pytest.fixture
def published(catalog_workspace: Path) -> PublishedVersion:
    found = open_current(catalog_workspace)
    assert found is not None
    return found
