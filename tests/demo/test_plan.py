# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import re

import pytest

from stuurdata.demo.plan import (
    BASE_GEMEENTEN,
    MAX_GEMEENTEN,
    gemeentecode,
    gemeentenaam,
    plan_region,
)


def test_base_region_has_the_three_fictional_gemeenten() -> None:
    region = plan_region(42)
    assert [(g.code, g.name, g.persons) for g in region.gemeenten] == [
        ("GM9901", "Bollenwaard", 22_800),
        ("GM9902", "Duinhoven", 23_200),
        ("GM9903", "Tulpendam", 38_000),
    ]
    assert region.persons == 84_000
    for gemeente in region.gemeenten:
        buurten = len(gemeente.buurt_codes)
        assert abs(gemeente.persons / buurten - 1300) / 1300 < 0.05


def test_codes_nest_like_cbs_codes() -> None:
    for gemeente in plan_region(42).gemeenten:
        for wijk in gemeente.wijken:
            assert re.fullmatch(r"WK\d{6}", wijk.code) and wijk.code[2:6] == gemeente.digits
            for code in wijk.buurt_codes:
                assert re.fullmatch(r"BU\d{8}", code) and code[2:8] == wijk.code[2:]


def test_codes_and_names_are_never_real(real_gemeenten: dict[str, str]) -> None:
    codes = [gemeentecode(i) for i in range(MAX_GEMEENTEN)]
    assert len(set(codes)) == MAX_GEMEENTEN
    assert not set(codes) & set(real_gemeenten)
    assert all(re.fullmatch(r"GM9\d(0[1-9]|[1-9]\d)", c) for c in codes)
    names = [gemeentenaam(i) for i in range(600)]
    assert len(set(names)) == len(names)
    real_names = {n.casefold() for n in real_gemeenten.values()}
    assert not {n.casefold() for n in names} & real_names


def test_code_blocks_go_down_from_99() -> None:
    assert gemeentecode(0) == "GM9901"
    assert gemeentecode(98) == "GM9999"
    assert gemeentecode(99) == "GM9801"
    assert gemeentecode(MAX_GEMEENTEN - 1) == "GM9099"
    with pytest.raises(ValueError, match="hoogstens"):
        gemeentecode(MAX_GEMEENTEN)


def test_national_scale_plan() -> None:
    region = plan_region(42, persons=18_000_000)
    assert region.persons == 18_000_000
    assert 300 <= len(region.gemeenten) <= 380
    assert abs(region.buurt_count - 14_000) / 14_000 < 0.05
    assert [g.name for g in region.gemeenten[:3]] == [n for n, _ in BASE_GEMEENTEN]
    assert len({g.name for g in region.gemeenten}) == len(region.gemeenten)


def test_small_scale_plan_keeps_three_gemeenten() -> None:
    region = plan_region(42, persons=3_000)
    assert region.persons == 3_000
    assert len(region.gemeenten) == 3


def test_plan_is_deterministic_per_seed() -> None:
    a = plan_region(1, persons=2_000_000)
    b = plan_region(1, persons=2_000_000)
    c = plan_region(2, persons=2_000_000)
    assert a == b
    assert [g.persons for g in a.gemeenten] != [g.persons for g in c.gemeenten]
