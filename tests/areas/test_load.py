# SPDX-License-Identifier: EUPL-1.2
"""The hierarchy on the real CBS boundary files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import shapely

from stuurdata.areas import AreaLevel, AreaSet, load_area_set, read_boundary_file
from stuurdata.errors import AreaError

from .conftest import FOUR


def test_four_gemeenten_2024(four_gemeenten: AreaSet) -> None:
    areas = four_gemeenten
    assert areas.year == 2024
    assert areas.codes(AreaLevel.GEMEENTE) == frozenset(FOUR)
    assert len(areas.codes(AreaLevel.WIJK)) == 9 + 5 + 4 + 11
    assert areas.problems() == []
    assert areas.get("GM0402").name == "Hilversum"
    assert [w.code for w in areas.children("GM0402")] == [f"WK0402{i:02d}" for i in range(1, 10)]
    assert [w.code for w in areas.children("GM1525")] == [
        "WK152501",
        "WK152502",
        "WK152503",
        "WK152504",
        "WK152511",
        "WK152512",
        "WK152513",
        "WK152514",
        "WK152515",
        "WK152521",
        "WK152522",
    ]
    # every wijk in exactly one gemeente, geometrically too
    for wijk in areas.areas(AreaLevel.WIJK):
        shares = {
            g.code: shapely.area(shapely.intersection(wijk.geometry_rd, g.geometry_rd))
            / wijk.geometry_rd.area
            for g in areas.areas(AreaLevel.GEMEENTE)
        }
        best = max(shares, key=lambda c: shares[c])
        assert best == wijk.parent_code
        assert shares[best] > 0.9
    # the wijken tile the gemeente (simplified boundaries: within a few percent)
    for gemeente in areas.areas(AreaLevel.GEMEENTE):
        union = shapely.union_all([w.geometry_rd for w in areas.children(gemeente.code)])
        assert union.area == pytest.approx(gemeente.geometry_rd.area, rel=0.03)
    # Hilversum is about 46 km² (CBS: 46.1 km² land)
    assert areas.get("GM0402").geometry_rd.area / 1e6 == pytest.approx(46.5, abs=1.0)


def test_country_2024_gemeenten_and_wijken(boundaries: Path) -> None:
    areas = load_area_set(
        boundaries / "nl_gemeenten_2024_wgs84_kwb.geojson",
        boundaries / "nl_wijken_2024_wgs84_kwb.geojson",
        None,
        2024,
    )
    assert len(areas.codes(AreaLevel.GEMEENTE)) == 343
    assert len(areas.codes(AreaLevel.WIJK)) == 3475
    wijken_per_gemeente = Counter(w.parent_code for w in areas.areas(AreaLevel.WIJK))
    assert set(wijken_per_gemeente) == areas.codes(AreaLevel.GEMEENTE)
    rules = Counter(p.rule for p in areas.problems())
    assert set(rules) == {"areas.outside_parent", "areas.invalid_geometry"}
    # The gemeente shapes are land only; the 'Groot water' wijken (code ..99) lie outside them.
    outside = [p for p in areas.problems() if p.rule == "areas.outside_parent"]
    water = [p for p in outside if "99 ligt" in p.message]
    assert len(water) >= 0.9 * len(outside)
    for problem in outside:
        assert problem.file.endswith("nl_wijken_2024_wgs84_kwb.geojson")
        assert problem.row is not None and problem.column == "geometry"


def test_country_2014_buurten_in_wijken_strict(boundaries: Path) -> None:
    with pytest.raises(AreaError) as info:
        load_area_set(
            None,
            boundaries / "nl_wijken_2014_wgs84_q1e3.topojson",
            boundaries / "nl_buurten_2014_wgs84_q1e3.topojson",
            2014,
        )
    problems = info.value.problems
    # Real gaps in the 2014 files: buurten whose wijk is not in the wijken file.
    assert {p.rule for p in problems} == {"areas.missing_parent"}
    assert sorted(p.expected.split()[1] for p in problems) == [
        "WK032705",
        "WK034007",
        "WK059925",
        "WK060600",
    ]
    assert all(p.file.endswith("nl_buurten_2014_wgs84_q1e3.topojson") for p in problems)
    assert all(p.row is not None and p.column == "statcode" for p in problems)


def test_country_2014_lenient(country_2014: AreaSet) -> None:
    areas = country_2014
    assert len(areas.codes(AreaLevel.BUURT)) == 11691
    assert len(areas.codes(AreaLevel.WIJK)) == 2738 + 4
    assert len(areas.codes(AreaLevel.GEMEENTE)) == 403  # the gemeenten of 2014
    for level, parent_level in (
        (AreaLevel.BUURT, AreaLevel.WIJK),
        (AreaLevel.WIJK, AreaLevel.GEMEENTE),
    ):
        for area in areas.areas(level):
            assert areas.get(area.parent_code).level == parent_level
    counts = {g: len([b for w in areas.children(g) for b in areas.children(w.code)]) for g in FOUR}
    assert counts == {"GM0402": 42, "GM0534": 8, "GM0553": 20, "GM1525": 11}
    rules = Counter(p.rule for p in areas.problems())
    assert rules["areas.missing_parent"] == 4
    assert rules["areas.derived_parent"] == 403 + 4
    assert rules["areas.empty_geometry"] + rules["areas.sliver_geometry"] == sum(
        b.geometry_rd is None for b in areas.areas(AreaLevel.BUURT)
    ) + sum(w.geometry_rd is None for w in areas.areas(AreaLevel.WIJK))
    assert rules["areas.outside_parent"] > 0  # coarse shapes do not nest exactly
    # ...but most buurten do lie inside their wijk
    assert rules["areas.outside_parent"] < 0.1 * len(areas.codes(AreaLevel.BUURT))


def test_read_boundary_file(subsets: Path) -> None:
    areas = read_boundary_file(subsets / "wijken_2024_GM0534.geojson", year=2024)
    assert [a.code for a in areas] == [f"WK0534{i:02d}" for i in range(1, 6)]
    assert {a.parent_code for a in areas} == {"GM0534"}
    assert all(a.level == AreaLevel.WIJK and a.year == 2024 for a in areas)
    with pytest.raises(AreaError, match="Jaar"):
        read_boundary_file(subsets / "wijken_2024_GM0534.geojson")


def test_read_boundary_file_raises_on_errors(tmp_path: Path, subsets: Path) -> None:
    text = (subsets / "wijken_2024_GM0534.geojson").read_text().replace("WK053402", "WK053401")
    (tmp_path / "w.geojson").write_text(text)
    with pytest.raises(AreaError) as info:
        read_boundary_file(tmp_path / "w.geojson", year=2024)
    assert [(p.rule, p.row) for p in info.value.problems] == [("areas.duplicate_code", 2)]


def test_rd_and_wgs84_versions_agree(four_gemeenten: AreaSet) -> None:
    centroids = shapely.centroid(
        np.array([g.geometry_rd for g in four_gemeenten.areas(AreaLevel.GEMEENTE)])
    )
    # Hilversum lies around RD (140000, 470000), the Bollenstreek around (95000-100000, 470000+)
    x = shapely.get_x(centroids)
    assert 135_000 < x[0] < 145_000 and all(90_000 < v < 105_000 for v in x[1:])
