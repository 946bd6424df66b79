# SPDX-License-Identifier: EUPL-1.2
"""The demo workspace's definitions (no data, no build) for the dashboard model and rule tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from stuurdata.demo.template import install_template


@pytest.fixture
def definitions(tmp_path: Path) -> Path:
    """A fresh copy of the demo workspace definitions, free to edit."""
    root = tmp_path / "ws"
    root.mkdir()
    install_template(root)
    return root
