# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import pytest
import shapely

from stuurdata.areas import Area, AreaLevel, AreaSet
from stuurdata.errors import AreaError, Problem

G, W, B = AreaLevel.GEMEENTE, AreaLevel.WIJK, AreaLevel.BUURT


def small_set() -> list[Area]:
    box = shapely.box
    return [
        Area("GM0001", "Een", G, None, 2024, box(0, 0, 20, 10)),
        Area("GM0002", "Twee", G, None, 2024, box(20, 0, 40, 10)),
        Area("WK000101", "W1", W, "GM0001", 2024, box(0, 0, 20, 10)),
        Area("BU00010101", "B1", B, "WK000101", 2024, box(0, 0, 10, 10)),
        Area("BU00010102", "B2", B, "WK000101", 2024, box(10, 0, 20, 10), water=True),
    ]


def test_queries() -> None:
    areas = AreaSet(2024, small_set(), [Problem("f", "areas.x", "m")])
    assert areas.year == 2024
    assert [a.code for a in areas.areas(B)] == ["BU00010101", "BU00010102"]
    assert areas.codes(G) == frozenset({"GM0001", "GM0002"})
    assert areas.codes(AreaLevel.REGIO) == frozenset()
    assert areas.get("BU00010102").water is True
    assert [a.code for a in areas.children("GM0001")] == ["WK000101"]
    assert areas.children("GM0002") == []
    assert "GM0001" in areas and "GM9999" not in areas
    with pytest.raises(KeyError):
        areas.get("GM9999")
    with pytest.raises(KeyError):
        areas.children("GM9999")
    problems = areas.problems()
    problems.clear()
    assert len(areas.problems()) == 1  # a copy
    assert repr(areas) == "AreaSet(year=2024, gemeente=2, wijk=1, buurt=2, regio=0)"


def test_constructor_checks_structure() -> None:
    bad = [
        *small_set(),
        Area("GM0001", "Dubbel", G, None, 2024, None),
        Area("WK000201", "Andere jaar", W, "GM0002", 2023, None),
        Area("BU00010301", "Wees", B, "WK000103", 2024, None),
        Area("WK000301", "Geen ouder", W, None, 2024, None),
        Area("BU00020101", "Ouder is geen wijk", B, "GM0002", 2024, None),
    ]
    with pytest.raises(AreaError) as info:
        AreaSet(2024, bad)
    assert sorted(p.rule for p in info.value.problems) == [
        "areas.duplicate_code",
        "areas.missing_parent",
        "areas.missing_parent",
        "areas.missing_parent",
        "areas.year",
    ]


def test_regions() -> None:
    areas = AreaSet(2024, small_set())
    areas.add_region("RG01", "Samen", ["GM0001", "GM0002"])
    region = areas.get("RG01")
    assert (region.level, region.parent_code, region.year) == (AreaLevel.REGIO, None, 2024)
    assert region.geometry_rd.equals(shapely.box(0, 0, 40, 10))
    assert [a.code for a in areas.children("RG01")] == ["GM0001", "GM0002"]
    assert areas.members("RG01") == ("GM0001", "GM0002")
    assert areas.codes(AreaLevel.REGIO) == frozenset({"RG01"})
    with pytest.raises(AreaError) as info:
        areas.add_region("rg", "x", ["GM0001", "GM0001", "WK000101", "GM0009"])
    assert sorted(p.rule for p in info.value.problems) == [
        "areas.code_pattern",
        "areas.region_members",
        "areas.region_members",
        "areas.region_members",
    ]
    with pytest.raises(AreaError, match="RG01"):
        areas.add_region("RG01", "Nog eens", ["GM0001"])
    with pytest.raises(AreaError):
        areas.add_region("RG02", "Leeg", [])
