# SPDX-License-Identifier: EUPL-1.2
"""Editing a test or benchmark workspace's ``stuurdata.yaml`` (used by tests and benchmarks)."""

from __future__ import annotations

from pathlib import Path

import yaml


def set_engine(root: Path, **engine: object) -> None:
    """Set (merge) keys of the ``engine:`` section of the workspace's ``stuurdata.yaml``."""
    path = root / "stuurdata.yaml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["engine"] = {**config.get("engine", {}), **engine}
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
