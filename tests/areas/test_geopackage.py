# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
import pyogrio
import pyogrio.raw
import pytest
import shapely

from stuurdata.areas import AreaLevel, AreaSet, load_area_set, read_boundary_file, write_geopackage
from stuurdata.errors import AreaError


def test_round_trip(four_gemeenten: AreaSet, tmp_path: Path) -> None:
    path = tmp_path / "grenzen.gpkg"
    areas = [*four_gemeenten.areas(AreaLevel.GEMEENTE), *four_gemeenten.areas(AreaLevel.WIJK)]
    write_geopackage(path, areas)
    assert sorted(str(n) for n, _ in pyogrio.list_layers(path)) == ["gemeenten", "wijken"]
    with sqlite3.connect(path) as db:
        srs = db.execute(
            "SELECT s.organization_coordsys_id FROM gpkg_geometry_columns g JOIN "
            "gpkg_spatial_ref_sys s USING (srs_id)"
        ).fetchall()
    assert srs == [(28992,), (28992,)]
    back = read_boundary_file(path, AreaLevel.WIJK)
    assert [a.code for a in back] == sorted(four_gemeenten.codes(AreaLevel.WIJK))
    for area in back:
        original = four_gemeenten.get(area.code)
        assert (area.name, area.parent_code, area.year, area.water) == (
            original.name,
            original.parent_code,
            2024,
            False,
        )
        assert area.geometry_rd.equals_exact(
            shapely.MultiPolygon(shapely.get_parts(original.geometry_rd)), tolerance=1e-6
        )
    reloaded = load_area_set(path, path, None, 2024)
    assert reloaded.codes(AreaLevel.WIJK) == four_gemeenten.codes(AreaLevel.WIJK)
    assert reloaded.problems() == []
    with pytest.raises(AreaError, match="eenduidige laag"):
        read_boundary_file(path)


def test_import_a_wgs84_geopackage_made_from_the_real_geojson(
    subsets: Path, tmp_path: Path
) -> None:
    source = subsets / "wijken_2024_GM0402.geojson"
    features = json.loads(source.read_text())["features"]
    geoms = np.array([shapely.geometry.shape(f["geometry"]) for f in features])
    fields = ["WK_CODE", "WK_NAAM", "GM_CODE", "JRSTATCODE", "WATER"]
    data = [
        np.array([f["properties"]["wijkcode"] for f in features], dtype=object),
        np.array([f["properties"]["wijknaam"] for f in features], dtype=object),
        np.array([f["properties"]["gemeentecode"] for f in features], dtype=object),
        np.array([f"2024{f['properties']['wijkcode']}" for f in features], dtype=object),
        np.array(["NEE"] * len(features), dtype=object),
    ]
    path = tmp_path / "wijken.gpkg"
    pyogrio.raw.write(
        path,
        shapely.to_wkb(geoms),
        data,
        fields,
        layer="cbs_wijken_2024",
        driver="GPKG",
        crs="EPSG:4326",
        geometry_type="MultiPolygon",
        promote_to_multi=True,
    )
    from_gpkg = read_boundary_file(path)
    from_geojson = read_boundary_file(source, year=2024)
    assert [a.code for a in from_gpkg] == [a.code for a in from_geojson]
    assert {a.year for a in from_gpkg} == {2024}
    for a, b in zip(from_gpkg, from_geojson, strict=True):
        assert a.name == b.name and a.parent_code == b.parent_code == "GM0402"
        assert a.geometry_rd.area == pytest.approx(b.geometry_rd.area, rel=1e-9)
        assert a.geometry_rd.bounds[0] > 100_000  # transformed to RD


def test_geopackage_without_srs_in_rd_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "g.gpkg"
    with pytest.warns(UserWarning, match="crs"):
        pyogrio.raw.write(
            path,
            shapely.to_wkb(np.array([shapely.box(140000, 470000, 141000, 471000)])),
            [np.array(["GM0402"], dtype=object)],
            ["gemeentecode"],
            driver="GPKG",
            geometry_type="Polygon",
            layer="gemeenten",
        )
    from stuurdata.areas.layers import read_boundary_layer

    layer = read_boundary_layer(path, year=2024)
    assert [p.rule for p in layer.warnings] == ["areas.crs_guessed", "areas.missing_name"]
    assert layer.areas[0].geometry_rd.area == pytest.approx(1e6)


def test_write_replaces_atomically(four_gemeenten: AreaSet, tmp_path: Path) -> None:
    path = tmp_path / "g.gpkg"
    write_geopackage(path, four_gemeenten.areas(AreaLevel.WIJK))
    write_geopackage(path, four_gemeenten.areas(AreaLevel.GEMEENTE))
    assert [str(n) for n, _ in pyogrio.list_layers(path)] == ["gemeenten"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.gpkg"]
