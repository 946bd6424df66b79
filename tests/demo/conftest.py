# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the demo generator tests: the real CBS gemeente lists in shared/data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = SHARED.resolve()
    if not path.is_dir():
        pytest.fail(f"gedeelde testdata ontbreekt: {path}")
    return path


@pytest.fixture(scope="session")
def real_gemeenten(shared_data: Path) -> dict[str, str]:
    """Code -> name of every real gemeente in the CBS boundary files 2019-2024."""
    found: dict[str, str] = {}
    files = sorted((shared_data / "boundaries").glob("nl_gemeenten_*_wgs84_kwb.geojson"))
    if len(files) < 4:
        pytest.fail(f"CBS-gemeentebestanden ontbreken in {shared_data / 'boundaries'}")
    for path in files:
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            props = feature["properties"]
            found[props["gemeentecode"]] = props["gemeentenaam"]
    assert "GM0534" in found and found["GM0534"] == "Hillegom"
    return found


@pytest.fixture(scope="session")
def iv3_file(shared_data: Path) -> Path:
    path = shared_data / "iv3" / "iv3_definities_Gemeente_2024.json"
    if not path.is_file():
        pytest.fail(f"Iv3-definitiebestand ontbreekt: {path}")
    return path
