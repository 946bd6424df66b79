# SPDX-License-Identifier: EUPL-1.2
"""Fixtures shared by all test packages."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.postgres_server import PostgresServer


@pytest.fixture(scope="session")
def demo_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic demo region (three gemeenten, seed 42), generated once per test session.

    Definitions come from the package (examples/demo-regio links to them), data is generated
    into ``<root>/data``. Tests that build it share one warehouse: do not change the files.
    """
    from stuurdata.demo import generate_demo

    root = tmp_path_factory.mktemp("demo-regio")
    generate_demo(root, seed=42)
    return root


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for this test session (see tests/postgres_server.py).

    Its folder is a fresh one in /tmp, not pytest's (0700 for root, closed to the ``postgres``
    user the server runs as under root)."""
    from tests.postgres_server import start_postgres

    base = Path(tempfile.mkdtemp(prefix="stuurdata-pg-"))
    server = start_postgres(base)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)
