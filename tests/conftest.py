# SPDX-License-Identifier: EUPL-1.2
"""Fixtures shared by all test packages."""

from __future__ import annotations

from pathlib import Path

import pytest


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
