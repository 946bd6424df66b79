# SPDX-License-Identifier: EUPL-1.2
"""Checks across levels, on small hand-made files (real files: test_load.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stuurdata.areas import AreaLevel, load_area_set
from stuurdata.errors import AreaError

from .conftest import collection, feature, square

Write = Callable[[str, Any], Path]
RD = {"type": "name", "properties": {"name": "EPSG:28992"}}


def rd_square(x: float, y: float, size: float) -> dict[str, Any]:
    return square(x, y, size)


@pytest.fixture
def files(write_json: Write) -> dict[str, Path]:
    """GM0001 = [0,2000]², wijken WK000101 (left half) and WK000102 (right half), in RD."""
    x0, y0 = 100_000, 450_000
    gemeenten = collection(
        feature({"gemeentecode": "GM0001", "gemeentenaam": "Een"}, rd_square(x0, y0, 2000)),
        crs=RD,
    )
    wijken = collection(
        feature(
            {"wijkcode": "WK000101", "wijknaam": "West", "gemeentecode": "GM0001"},
            {
                "type": "Polygon",
                "coordinates": [
                    [[x0, y0], [x0 + 1000, y0], [x0 + 1000, y0 + 2000], [x0, y0 + 2000], [x0, y0]]
                ],
            },
        ),
        feature(
            {"wijkcode": "WK000102", "wijknaam": "Oost"},
            {
                "type": "Polygon",
                "coordinates": [
                    [
                        [x0 + 1000, y0],
                        [x0 + 2000, y0],
                        [x0 + 2000, y0 + 2000],
                        [x0 + 1000, y0 + 2000],
                        [x0 + 1000, y0],
                    ]
                ],
            },
        ),
        crs=RD,
    )
    buurten = collection(
        feature({"buurtcode": "BU00010101", "buurtnaam": "A"}, rd_square(x0, y0, 1000)),
        feature({"buurtcode": "BU00010102", "buurtnaam": "B"}, rd_square(x0, y0 + 1000, 1000)),
        feature({"buurtcode": "BU00010201", "buurtnaam": "C"}, rd_square(x0 + 1000, y0, 1000)),
        # half outside its wijk WK000102 and the gemeente: 60% lies east of x0+2000
        feature(
            {"buurtcode": "BU00010202", "buurtnaam": "D"}, rd_square(x0 + 1600, y0 + 1000, 1000)
        ),
        # its wijk WK000103 does not exist
        feature({"buurtcode": "BU00010301", "buurtnaam": "E"}, rd_square(x0, y0, 10)),
        crs=RD,
    )
    return {
        "gemeenten": write_json("gemeenten.geojson", gemeenten),
        "wijken": write_json("wijken.geojson", wijken),
        "buurten": write_json("buurten.geojson", buurten),
    }


def test_strict_raises_with_every_error(files: dict[str, Path]) -> None:
    with pytest.raises(AreaError) as info:
        load_area_set(files["gemeenten"], files["wijken"], files["buurten"], 2024)
    (problem,) = info.value.problems
    assert problem.rule == "areas.missing_parent"
    assert (problem.file, problem.row, problem.column) == (str(files["buurten"]), 5, "buurtcode")
    assert problem.expected == "wijk WK000103 in het wijkbestand"
    assert "BU00010301" in problem.message


def test_lenient_derives_and_reports(files: dict[str, Path]) -> None:
    areas = load_area_set(files["gemeenten"], files["wijken"], files["buurten"], 2024, strict=False)
    rules = sorted((p.rule, p.row) for p in areas.problems())
    assert rules == [
        ("areas.derived_parent", 5),
        ("areas.missing_parent", 5),
        ("areas.outside_parent", 4),
    ]
    outside = next(p for p in areas.problems() if p.rule == "areas.outside_parent")
    assert outside.found == "40.0%"
    derived = areas.get("WK000103")
    assert (derived.parent_code, derived.name, derived.level) == ("GM0001", "WK000103", "wijk")
    assert derived.geometry_rd.area == pytest.approx(100)
    assert [b.code for b in areas.children("WK000103")] == ["BU00010301"]
    assert [w.code for w in areas.children("GM0001")] == ["WK000101", "WK000102", "WK000103"]


def test_tolerance_is_adjustable(files: dict[str, Path]) -> None:
    areas = load_area_set(
        files["gemeenten"], files["wijken"], files["buurten"], 2024, strict=False, min_inside=0.3
    )
    assert "areas.outside_parent" not in {p.rule for p in areas.problems()}


def test_derived_gemeenten_take_names_from_the_wijken(files: dict[str, Path]) -> None:
    areas = load_area_set(None, files["wijken"], None, 2024)
    (gemeente,) = areas.areas(AreaLevel.GEMEENTE)
    assert (gemeente.code, gemeente.name) == ("GM0001", "GM0001")  # no gemeentenaam given
    assert gemeente.geometry_rd.area == pytest.approx(4e6)
    assert [p.rule for p in areas.problems()] == ["areas.derived_parent"]


def test_duplicates_across_files_and_childless(files: dict[str, Path], write_json: Write) -> None:
    extra = collection(
        feature({"wijkcode": "WK000102", "gemeentecode": "GM0001"}, rd_square(100_000, 450_000, 5)),
        crs=RD,
    )
    more = collection(
        feature(
            {"gemeentecode": "GM0002", "gemeentenaam": "Twee"}, rd_square(200_000, 450_000, 50)
        ),
        crs=RD,
    )
    with pytest.raises(AreaError) as info:
        load_area_set(
            [files["gemeenten"], write_json("more.geojson", more)],
            [files["wijken"], write_json("extra.geojson", extra)],
            None,
            2024,
        )
    (problem,) = info.value.problems
    assert problem.rule == "areas.duplicate_code"
    assert problem.found == "WK000102" and problem.row == 1
    assert f"{files['wijken']} (rij 2)" in problem.message
    lenient = load_area_set(
        [files["gemeenten"], write_json("more.geojson", more)],
        files["wijken"],
        None,
        2024,
        strict=False,
    )
    assert [(p.rule, p.found) for p in lenient.problems()] == [("areas.no_children", "geen")]
    assert "GM0002" in lenient.problems()[0].message


def test_file_errors_are_collected_from_all_files(
    files: dict[str, Path], write_json: Write
) -> None:
    bad_wijken = collection(
        feature({"wijkcode": "WK00010", "gemeentecode": "GM0001"}, None),
        feature({"wijkcode": "WK000101", "gemeentecode": "GM0002"}, None),
        crs=RD,
    )
    bad_gemeenten = collection(feature({"gemeentecode": "GM0001", "jaar": 2023}, None), crs=RD)
    with pytest.raises(AreaError) as info:
        load_area_set(
            write_json("g.geojson", bad_gemeenten), write_json("w.geojson", bad_wijken), None, 2024
        )
    assert sorted(p.rule for p in info.value.problems) == [
        "areas.code_pattern",
        "areas.parent_mismatch",
        "areas.year",
    ]
