# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the area tests: the real CBS boundary files in shared/data/boundaries."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stuurdata.areas import AreaSet, load_area_set

FOUR = ("GM0402", "GM0534", "GM0553", "GM1525")


@pytest.fixture(scope="session")
def boundaries() -> Path:
    path = (Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "boundaries").resolve()
    if not path.is_dir():
        pytest.fail(f"gedeelde testdata ontbreekt: {path}")
    return path


@pytest.fixture(scope="session")
def subsets(boundaries: Path) -> Path:
    return boundaries / "subsets"


@pytest.fixture(scope="session")
def wijken_4gm(subsets: Path) -> list[Path]:
    files = sorted(subsets.glob("wijken_2024_GM*.geojson"))
    assert len(files) == 4, files
    return files


@pytest.fixture(scope="session")
def four_gemeenten(subsets: Path, wijken_4gm: list[Path]) -> AreaSet:
    return load_area_set(subsets / "gemeenten_2024_4gm.geojson", wijken_4gm, None, 2024)


@pytest.fixture(scope="session")
def country_2014(boundaries: Path) -> AreaSet:
    """Whole-country 2014 wijken and buurten (TopoJSON, coarse); gemeenten derived."""
    return load_area_set(
        None,
        boundaries / "nl_wijken_2014_wgs84_q1e3.topojson",
        boundaries / "nl_buurten_2014_wgs84_q1e3.topojson",
        2014,
        strict=False,
    )


@pytest.fixture
def write_json(tmp_path: Path) -> Callable[[str, Any], Path]:
    def write(name: str, document: Any) -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(document), encoding="utf-8")
        return path

    return write


def feature(properties: dict[str, Any], geometry: dict[str, Any] | None) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def square(x: float, y: float, size: float) -> dict[str, Any]:
    """A GeoJSON polygon: the square with lower left (x, y)."""
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def collection(*features: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features), **extra}
