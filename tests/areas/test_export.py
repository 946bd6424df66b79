# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pytest
import shapely

from stuurdata.areas import AreaLevel, AreaSet

COLUMNS = [
    "code",
    "name",
    "level",
    "parent_code",
    "year",
    "water",
    "area_m2",
    "geometry_wkb",
    "centroid_x",
    "centroid_y",
    "lon",
    "lat",
]


def test_to_arrow(four_gemeenten: AreaSet) -> None:
    table = four_gemeenten.to_arrow(AreaLevel.WIJK)
    assert table.column_names == COLUMNS
    assert table.num_rows == 29
    assert table.schema.field("geometry_wkb").metadata[b"crs"] == b"EPSG:28992"
    assert table.schema.field("year").type == pa.int32()
    rows = {r["code"]: r for r in table.to_pylist()}
    centrum = rows["WK040201"]
    assert (centrum["name"], centrum["level"], centrum["parent_code"], centrum["year"]) == (
        "Centrum",
        "wijk",
        "GM0402",
        2024,
    )
    geometry = shapely.from_wkb(centrum["geometry_wkb"])
    assert geometry.equals(four_gemeenten.get("WK040201").geometry_rd)
    assert centrum["area_m2"] == pytest.approx(geometry.area)
    assert (centrum["centroid_x"], centrum["centroid_y"]) == pytest.approx(
        (geometry.centroid.x, geometry.centroid.y)
    )
    assert centrum["lon"] == pytest.approx(5.17, abs=0.02)  # Hilversum centre
    assert centrum["lat"] == pytest.approx(52.225, abs=0.02)
    total = sum(r["area_m2"] for r in rows.values())
    gemeenten = four_gemeenten.to_arrow(AreaLevel.GEMEENTE).column("area_m2").to_pylist()
    assert total == pytest.approx(sum(gemeenten), rel=0.03)


def test_to_arrow_with_empty_shapes(country_2014: AreaSet) -> None:
    table = country_2014.to_arrow(AreaLevel.BUURT)
    assert table.num_rows == 11691
    missing = sum(b.geometry_rd is None for b in country_2014.areas(AreaLevel.BUURT))
    assert missing > 0
    for column in ("geometry_wkb", "area_m2", "centroid_x", "lon", "lat"):
        assert table.column(column).null_count == missing


def test_to_geojson_wgs84_matches_the_source(four_gemeenten: AreaSet, subsets: Path) -> None:
    collection = four_gemeenten.to_geojson(AreaLevel.GEMEENTE)
    json.dumps(collection)  # serialisable
    assert "crs" not in collection
    assert next(f["properties"] for f in collection["features"]) == {
        "code": "GM0402",
        "name": "Hilversum",
        "parent_code": None,
    }
    source = json.loads((subsets / "gemeenten_2024_4gm.geojson").read_text())
    original = shapely.geometry.shape(source["features"][0]["geometry"])
    exported = shapely.geometry.shape(collection["features"][0]["geometry"])
    assert exported.symmetric_difference(original).area < 1e-6 * original.area
    lon = collection["features"][0]["geometry"]["coordinates"][0][0][0]
    assert round(lon, 6) == lon


def test_to_geojson_rd(four_gemeenten: AreaSet) -> None:
    collection = four_gemeenten.to_geojson(AreaLevel.WIJK, crs="rd", precision=0)
    assert collection["crs"]["properties"]["name"] == "urn:ogc:def:crs:EPSG::28992"
    feature = collection["features"][0]
    assert feature["properties"]["parent_code"] == "GM0402"
    x, y = feature["geometry"]["coordinates"][0][0]
    assert x == int(x) and 130_000 < x < 150_000 and 460_000 < y < 480_000
    with pytest.raises(ValueError, match="crs"):
        four_gemeenten.to_geojson(AreaLevel.WIJK, crs="utm")  # type: ignore[arg-type]


def test_empty_shapes_give_null_geometry(country_2014: AreaSet) -> None:
    features = country_2014.to_geojson(AreaLevel.BUURT)["features"]
    nulls = [f for f in features if f["geometry"] is None]
    assert len(nulls) == sum(b.geometry_rd is None for b in country_2014.areas(AreaLevel.BUURT))
