# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import json
from pathlib import Path

import pytest

from stuurdata.areas import AreaLevel, load_workspace_areas
from stuurdata.errors import AreaError
from stuurdata.workspace.config import AreaFiles, Region, Tenant, WorkspaceConfig

BOLLENSTREEK = ["GM0534", "GM0553", "GM1525"]


@pytest.fixture
def workspace(tmp_path: Path, subsets: Path, wijken_4gm: list[Path]) -> Path:
    """A workspace folder with the real 2024 gemeenten and wijken of the four gemeenten and,
    as there are no real 2024 buurten here, one derived buurt per wijk (its wijk's shape)."""
    areas = tmp_path / "areas"
    areas.mkdir()
    (areas / "gemeenten.geojson").write_bytes((subsets / "gemeenten_2024_4gm.geojson").read_bytes())
    wijken = [f for path in wijken_4gm for f in json.loads(path.read_text())["features"]]
    (areas / "wijken.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": wijken})
    )
    buurten = [
        {
            "type": "Feature",
            "geometry": f["geometry"],
            "properties": {
                "buurtcode": "BU" + f["properties"]["wijkcode"][2:] + "01",
                "buurtnaam": f["properties"]["wijknaam"],
                "jaar": 2024,
            },
        }
        for f in wijken
    ]
    (areas / "buurten.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": buurten})
    )
    return tmp_path


def config(region: Region | None, year: int = 2024) -> WorkspaceConfig:
    return WorkspaceConfig(
        name="test",
        boundary_year=year,
        tenants=[Tenant(code=c, name=c) for c in BOLLENSTREEK],
        region=region,
        areas=AreaFiles(
            gemeenten="areas/gemeenten.geojson",
            wijken="areas/wijken.geojson",
            buurten="areas/buurten.geojson",
        ),
    )


def test_load_workspace_areas_with_region(workspace: Path) -> None:
    region = Region(code="RG99", name="Bollenstreek", members=BOLLENSTREEK)
    areas = load_workspace_areas(workspace, config(region))
    assert areas.year == 2024
    assert len(areas.codes(AreaLevel.BUURT)) == 29
    assert [a.code for a in areas.children("RG99")] == BOLLENSTREEK
    bollenstreek = areas.get("RG99").geometry_rd.area
    members = sum(areas.get(c).geometry_rd.area for c in BOLLENSTREEK)
    assert bollenstreek == pytest.approx(members, rel=5e-3)  # simplified borders overlap a bit
    assert areas.locate([99_700.0], [478_000.0]).tolist() == ["BU05340301"]  # Hillegom


def test_load_workspace_areas_without_region(workspace: Path) -> None:
    areas = load_workspace_areas(workspace, config(None))
    assert areas.codes(AreaLevel.REGIO) == frozenset()


def test_wrong_year_is_refused(workspace: Path) -> None:
    with pytest.raises(AreaError) as info:
        load_workspace_areas(workspace, config(None, year=2023))
    problems = info.value.problems
    assert {p.rule for p in problems} == {"areas.year"}
    assert problems[0].file.endswith("buurten.geojson")
