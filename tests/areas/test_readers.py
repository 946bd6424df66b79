# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stuurdata.areas.model import AreaLevel
from stuurdata.areas.readers import read_layer
from stuurdata.errors import AreaError

from .conftest import collection, feature, square


def test_geojson_without_crs_member_has_no_declared_crs(subsets: Path) -> None:
    layer = read_layer(subsets / "gemeenten_2024_4gm.geojson")
    assert layer.crs is None
    assert [f.row for f in layer.features] == [1, 2, 3, 4]
    assert layer.features[0].properties["gemeentecode"] == "GM0402"
    assert layer.features[0].geometry.geom_type in ("Polygon", "MultiPolygon")


def test_metadata_year_is_read(boundaries: Path) -> None:
    assert read_layer(boundaries / "nl_gemeenten_2019_wgs84_kwb.geojson").year == 2019


@pytest.mark.parametrize(
    "member",
    [
        {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
        {"type": "name", "properties": {"name": "EPSG:28992"}},
        {"type": "EPSG", "properties": {"code": 28992}},
    ],
)
def test_geojson_crs_member(write_json: Callable[[str, Any], Path], member: Any) -> None:
    path = write_json(
        "g.geojson", collection(feature({"gemeentecode": "GM0001"}, None), crs=member)
    )
    assert read_layer(path).crs == "EPSG:28992"


def test_unknown_crs_member_is_an_error(write_json: Callable[[str, Any], Path]) -> None:
    doc = collection(crs={"type": "name", "properties": {"name": "urn:nonsense"}})
    with pytest.raises(AreaError) as info:
        read_layer(write_json("g.geojson", doc))
    assert info.value.problems[0].rule == "areas.crs"


def test_feature_id_becomes_a_property(write_json: Callable[[str, Any], Path]) -> None:
    doc = collection({**feature({}, square(5, 52, 0.01)), "id": "GM0001"})
    assert read_layer(write_json("g.json", doc)).features[0].properties == {"id": "GM0001"}


def test_bad_features_are_reported_not_fatal(write_json: Callable[[str, Any], Path]) -> None:
    doc = collection(
        feature({"gemeentecode": "GM0001"}, square(5, 52, 0.01)),
        {"type": "Point"},
        feature({"gemeentecode": "GM0002"}, {"type": "Polygon", "coordinates": "nope"}),
    )
    layer = read_layer(write_json("g.geojson", doc))
    assert [(p.rule, p.row) for p in layer.problems] == [
        ("areas.feature", 2),
        ("areas.geometry_unreadable", 3),
    ]
    assert [f.row for f in layer.features] == [1, 3]


@pytest.mark.parametrize(
    ("name", "content", "rule"),
    [
        ("a.shp", "x", "areas.format"),
        ("a.geojson", "{not json", "areas.json"),
        ("a.json", "[1, 2]", "areas.json"),
        ("a.json", '{"type": "Feature"}', None),
        ("a.topojson", '{"type": "Topology", "objects": {}}', "areas.topojson"),
        ("a.geojson", '{"type": "GeometryCollection"}', "areas.json"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: str, rule: str | None) -> None:
    path = tmp_path / name
    path.write_text(content)
    if rule is None:
        assert len(read_layer(path).features) == 1
        return
    with pytest.raises(AreaError) as info:
        read_layer(path)
    assert info.value.problems[0].rule == rule
    assert info.value.problems[0].file == str(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AreaError, match="onleesbaar") as info:
        read_layer(tmp_path / "weg.geojson")
    assert info.value.problems[0].rule == "areas.missing_file"


def test_topojson_by_json_extension(boundaries: Path, tmp_path: Path) -> None:
    copy = tmp_path / "wijken.json"
    copy.write_bytes((boundaries / "nl_wijken_2014_wgs84_q1e3.topojson").read_bytes())
    layer = read_layer(copy, AreaLevel.WIJK)
    assert len(layer.features) == 2738
    assert layer.features[0].properties["statcode"] == layer.features[0].properties["id"]
