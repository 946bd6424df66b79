# SPDX-License-Identifier: EUPL-1.2
"""``stuurdata init``: a new workspace with the folders and a valid ``stuurdata.yaml``."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from stuurdata.errors import Problem, WorkspaceError
from stuurdata.workspace.config import GEMEENTECODE
from stuurdata.workspace.workspace import CONFIG_FILE

FOLDERS = ("sources", "models/staging", "models/marts", "datasets", "data/grenzen")


def create_workspace(
    root: Path, name: str, tenants: list[tuple[str, str]], year: int
) -> list[Path]:
    """Create the folders and ``stuurdata.yaml``; refuse to overwrite an existing workspace."""
    problems = [
        Problem(
            "--gemeente",
            "gemeentecode",
            f"'{code}' is geen CBS-gemeentecode",
            expected="GM gevolgd door vier cijfers",
            found=code,
        )
        for code, _ in tenants
        if not re.match(GEMEENTECODE, code)
    ]
    if (root / CONFIG_FILE).exists():
        problems.append(
            Problem(str(root / CONFIG_FILE), "bestaat", "er staat hier al een werkruimte")
        )
    if problems:
        raise WorkspaceError("kan geen werkruimte maken", problems)
    config = {
        "name": name,
        "boundary_year": year,
        "tenants": [{"code": code, "name": naam} for code, naam in tenants],
        "areas": {
            "gemeenten": f"data/grenzen/gemeenten_{year}.geojson",
            "wijken": f"data/grenzen/wijken_{year}.geojson",
            "buurten": f"data/grenzen/buurten_{year}.geojson",
        },
        "purposes": [],
        "engine": {"kind": "duckdb"},
    }
    created = []
    for folder in FOLDERS:
        (root / folder).mkdir(parents=True, exist_ok=True)
        created.append(root / folder)
    header = (
        "# Stuurdata-werkruimte. Schema: `stuurdata schema stuurdata`.\n"
        "# Zet de CBS Wijk- en buurtkaart (GeoJSON, TopoJSON of GeoPackage) in data/grenzen/.\n"
    )
    (root / CONFIG_FILE).write_text(
        header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return [root / CONFIG_FILE, *created]
