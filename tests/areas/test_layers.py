# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stuurdata.areas.layers import read_boundary_layer
from stuurdata.areas.model import AreaLevel
from stuurdata.errors import AreaError

from .conftest import collection, feature, square

Write = Callable[[str, Any], Path]
BOWTIE = {
    "type": "Polygon",
    "coordinates": [[[5, 52], [5.01, 52.01], [5.01, 52], [5, 52.01], [5, 52]]],
}


@pytest.mark.parametrize(
    ("props", "level", "code", "name", "parent"),
    [
        (
            {"gemeentecode": "GM0402", "gemeentenaam": "Hilversum"},
            AreaLevel.GEMEENTE,
            "GM0402",
            "Hilversum",
            None,
        ),
        (
            {"GM_CODE": "GM0402", "GM_NAAM": "Hilversum"},
            AreaLevel.GEMEENTE,
            "GM0402",
            "Hilversum",
            None,
        ),
        (
            {"statcode": "GM0402", "statnaam": "Hilversum", "rubriek": "gemeente"},
            AreaLevel.GEMEENTE,
            "GM0402",
            "Hilversum",
            None,
        ),
        (
            {"WK_CODE": "WK040201", "WK_NAAM": "Centrum", "GM_CODE": "GM0402"},
            AreaLevel.WIJK,
            "WK040201",
            "Centrum",
            "GM0402",
        ),
        (
            {"wk_code": "WK040201", "wk_naam": "Centrum"},
            AreaLevel.WIJK,
            "WK040201",
            "Centrum",
            "GM0402",
        ),
        (
            {
                "BU_CODE": "BU04020101",
                "BU_NAAM": "Oost",
                "WK_CODE": "WK040201",
                "GM_CODE": "GM0402",
                "GM_NAAM": "Hilversum",
            },
            AreaLevel.BUURT,
            "BU04020101",
            "Oost",
            "WK040201",
        ),
        (
            {"buurtcode": "BU0363AA01", "buurtnaam": "Kop Zeedijk"},
            AreaLevel.BUURT,
            "BU0363AA01",
            "Kop Zeedijk",
            "WK0363AA",
        ),
        (
            {"statcode": "BU04020101", "statnaam": "Oost"},
            AreaLevel.BUURT,
            "BU04020101",
            "Oost",
            "WK040201",
        ),
    ],
)
def test_field_variants_and_level_detection(
    write_json: Write,
    props: dict[str, Any],
    level: AreaLevel,
    code: str,
    name: str,
    parent: str | None,
) -> None:
    path = write_json("f.geojson", collection(feature(props, square(5, 52, 0.01))))
    layer = read_boundary_layer(path, year=2024)
    assert layer.level == level
    assert layer.errors == [] and layer.warnings == []
    (area,) = layer.areas
    assert (area.code, area.name, area.level, area.parent_code, area.year) == (
        code,
        name,
        level,
        parent,
        2024,
    )
    assert area.geometry_rd.bounds[0] > 1000  # in RD metres


def test_year_water_and_numeric_codes(write_json: Write) -> None:
    doc = collection(
        feature(
            {"GM_CODE": "0402", "JRSTATCODE": "2014GM0402", "WATER": "NEE"}, square(5, 52, 0.01)
        ),
        feature({"GM_CODE": 534, "JRSTATCODE": "2014GM0534", "WATER": "JA"}, square(4, 52, 0.01)),
    )
    layer = read_boundary_layer(write_json("g.geojson", doc))
    assert layer.year == 2014
    assert [(a.code, a.water, a.name) for a in layer.areas] == [
        ("GM0402", False, "GM0402"),
        ("GM0534", True, "GM0534"),
    ]
    assert Counter(p.rule for p in layer.warnings) == {"areas.missing_name": 2}


def test_every_code_problem_is_reported_with_place(write_json: Write) -> None:
    doc = collection(
        feature({"wijkcode": "WK040201", "gemeentecode": "GM0402"}, square(5, 52, 0.01)),
        feature({"wijkcode": "WK040201", "gemeentecode": "GM0402"}, square(5, 52, 0.01)),
        feature({"wijkcode": "WK04021", "gemeentecode": "GM0402"}, square(5, 52, 0.01)),
        feature({"wijkcode": "WK040202", "gemeentecode": "GM0534"}, square(5, 52, 0.01)),
        feature({"wijknaam": "zonder code"}, square(5, 52, 0.01)),
    )
    layer = read_boundary_layer(write_json("w.geojson", doc), AreaLevel.WIJK, 2024)
    found = [(p.rule, p.row, p.column, p.expected, p.found) for p in layer.errors]
    assert found == [
        ("areas.duplicate_code", 2, "wijkcode", "unieke code", "WK040201"),
        (
            "areas.code_pattern",
            3,
            "wijkcode",
            "WK, 4 cijfers gemeente, 2 tekens wijk (WKggggww)",
            "WK04021",
        ),
        ("areas.parent_mismatch", 4, "gemeentecode", "GM0402", "GM0534"),
        (
            "areas.missing_code",
            5,
            "wijkcode",
            "WK, 4 cijfers gemeente, 2 tekens wijk (WKggggww)",
            None,
        ),
    ]
    assert all(p.file == layer.file for p in layer.errors)
    assert "rij 2, kolom wijkcode" in str(layer.errors[0])
    # the parent is derived from the code, whatever the explicit field says
    assert [(a.code, a.parent_code) for a in layer.areas] == [
        ("WK040201", "GM0402"),
        ("WK040202", "GM0402"),
    ]


def test_geometry_problems_are_warnings(write_json: Write) -> None:
    doc = collection(
        feature({"gemeentecode": "GM0001"}, BOWTIE),
        feature({"gemeentecode": "GM0002"}, None),
        feature({"gemeentecode": "GM0003"}, {"type": "Polygon", "coordinates": []}),
        feature(
            {"gemeentecode": "GM0004"},
            {"type": "Polygon", "coordinates": [[[5, 52], [5.01, 52], [5.02, 52], [5, 52]]]},
        ),
        feature({"gemeentecode": "GM0005"}, {"type": "Point", "coordinates": [5, 52]}),
    )
    layer = read_boundary_layer(write_json("g.geojson", doc), year=2024)
    assert [(p.rule, p.row) for p in layer.warnings if p.rule != "areas.missing_name"] == [
        ("areas.invalid_geometry", 1),
        ("areas.empty_geometry", 2),
        ("areas.empty_geometry", 3),
        ("areas.invalid_geometry", 4),
        ("areas.empty_geometry", 4),
    ]
    assert layer.warnings[0].found.startswith("Self-intersection")
    assert "make_valid" in layer.warnings[0].message
    assert [(p.rule, p.row, p.found) for p in layer.errors] == [("areas.geometry_type", 5, "Point")]
    repaired = layer.areas[0].geometry_rd
    assert repaired.is_valid and repaired.geom_type == "MultiPolygon" and repaired.area > 0
    assert [a.geometry_rd is None for a in layer.areas[1:]] == [True, True, True, True]


def test_rd_geojson_with_crs_member_and_by_range(write_json: Write) -> None:
    rd = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
    props = {"gemeentecode": "GM0001", "gemeentenaam": "X"}
    declared = read_boundary_layer(
        write_json("a.geojson", collection(feature(props, square(140000, 470000, 1000)), crs=rd)),
        year=2024,
    )
    guessed = read_boundary_layer(
        write_json("b.geojson", collection(feature(props, square(140000, 470000, 1000)))), year=2024
    )
    for layer in (declared, guessed):
        assert layer.errors == []
        assert layer.areas[0].geometry_rd.area == pytest.approx(1e6)
    assert declared.warnings == []
    assert [p.rule for p in guessed.warnings] == ["areas.crs_guessed"]


def test_crs_that_does_not_fit_the_coordinates(write_json: Write) -> None:
    rd = {"type": "name", "properties": {"name": "EPSG:28992"}}
    props = {"gemeentecode": "GM0001"}
    lonlat_as_rd = collection(feature(props, square(5, 52, 0.01)), crs=rd)
    layer = read_boundary_layer(write_json("a.geojson", lonlat_as_rd), year=2024)
    assert [p.rule for p in layer.errors] == ["areas.crs"]
    utm = collection(feature(props, square(600000, 5800000, 1000)))
    layer = read_boundary_layer(write_json("b.geojson", utm), year=2024)
    assert [p.rule for p in layer.errors] == ["areas.crs"]


def test_year_rules(write_json: Write) -> None:
    doc = collection(
        feature({"gemeentecode": "GM0001", "jaar": 2023}, None), metadata={"year": 2023}
    )
    path = write_json("g.geojson", doc)
    assert read_boundary_layer(path).year == 2023
    layer = read_boundary_layer(path, year=2024)
    assert {(p.rule, p.expected, p.found) for p in layer.errors} == {("areas.year", "2024", "2023")}
    with pytest.raises(AreaError, match="Jaar"):
        read_boundary_layer(
            write_json("h.geojson", collection(feature({"gemeentecode": "GM1"}, None)))
        )
    mixed = collection(
        feature({"gemeentecode": "GM0001", "jaar": 2023}, None),
        feature({"gemeentecode": "GM0002", "jaar": 2024}, None),
    )
    with pytest.raises(AreaError) as info:
        read_boundary_layer(write_json("i.geojson", mixed))
    assert info.value.problems[0].found == "2023, 2024"


def test_level_problems(write_json: Write, subsets: Path) -> None:
    with pytest.raises(AreaError) as info:
        read_boundary_layer(subsets / "wijken_2024_GM0534.geojson", AreaLevel.BUURT, 2024)
    assert (info.value.problems[0].expected, info.value.problems[0].found) == ("buurt", "wijk")
    with pytest.raises(AreaError, match="Niveau"):
        read_boundary_layer(write_json("x.geojson", collection(feature({"a": 1}, None))), year=2024)


def test_real_wijken_2024_with_amsterdam_letters(boundaries: Path) -> None:
    layer = read_boundary_layer(boundaries / "nl_wijken_2024_wgs84_kwb.geojson")
    assert layer.year == 2024 and layer.level == AreaLevel.WIJK
    assert layer.errors == []
    assert len(layer.areas) == 3475
    assert sum(a.code.startswith("WK0363") and not a.code.isalnum() for a in layer.areas) == 0
    assert sum(a.code.startswith("WK0363") and a.code[6:].isalpha() for a in layer.areas) == 110
    assert layer.parent_names["GM0402"] == "Hilversum"
    assert {p.rule for p in layer.warnings} <= {"areas.invalid_geometry"}


def test_real_buurten_2014_topojson(boundaries: Path) -> None:
    layer = read_boundary_layer(boundaries / "nl_buurten_2014_wgs84_q1e3.topojson", year=2014)
    assert layer.level == AreaLevel.BUURT and layer.errors == []
    assert len(layer.areas) == 11691
    counts = Counter(a.code[2:6] for a in layer.areas)
    assert (counts["0402"], counts["0534"], counts["0553"], counts["1525"]) == (42, 8, 20, 11)
    rules = Counter(p.rule for p in layer.warnings)
    assert set(rules) == {"areas.empty_geometry", "areas.invalid_geometry", "areas.sliver_geometry"}
    empty = sum(a.geometry_rd is None for a in layer.areas)
    assert empty == rules["areas.empty_geometry"] + rules["areas.sliver_geometry"]
    assert empty > 1000  # coarse: many collapsed buurten, reported, not fatal
    assert rules["areas.sliver_geometry"] >= 1
    assert all(a.geometry_rd.is_valid for a in layer.areas if a.geometry_rd is not None)


def test_slivers_are_reported(write_json: Write) -> None:
    thin = {"type": "Polygon", "coordinates": [[[5, 52], [5.1, 52], [5.1, 52.00001], [5, 52]]]}
    tiny = square(5, 52, 1e-6)
    doc = collection(
        feature({"gemeentecode": "GM0001"}, thin),
        feature({"gemeentecode": "GM0002"}, tiny),
        feature({"gemeentecode": "GM0003"}, square(5, 52, 0.001)),
    )
    layer = read_boundary_layer(write_json("g.geojson", doc), year=2024)
    slivers = [p for p in layer.warnings if p.rule == "areas.sliver_geometry"]
    assert [p.row for p in slivers] == [1, 2]
    assert [a.geometry_rd is None for a in layer.areas] == [True, True, False]
