# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from typing import Any

import pytest

from stuurdata.areas.fields import Fields, detect_level, parse_water, parse_year
from stuurdata.areas.model import AreaLevel


@pytest.mark.parametrize(
    ("value", "year"),
    [
        (2024, 2024),
        ("2024", 2024),
        ("2014BU03630000", 2014),
        (2024.0, 2024),
        ("20240", None),
        ("x", None),
        (True, None),
        ("", None),
    ],
)
def test_parse_year(value: Any, year: int | None) -> None:
    assert parse_year(value) == year


@pytest.mark.parametrize(
    ("value", "water"),
    [
        ("JA", True),
        ("NEE", False),
        ("ja", True),
        (True, True),
        (0, False),
        ("1", True),
        ("misschien", None),
    ],
)
def test_parse_water(value: Any, water: bool | None) -> None:
    assert parse_water(value) == water


def test_fields_ignore_case_and_empty_values() -> None:
    fields = Fields({"GM_CODE": "GM0402", "gemeentecode": "", "Statnaam": "Hilversum"})
    assert fields.code(AreaLevel.GEMEENTE) == ("GM_CODE", "GM0402")
    assert fields.name(AreaLevel.GEMEENTE) == ("Statnaam", "Hilversum")
    assert fields.parent_code(AreaLevel.WIJK) is None


@pytest.mark.parametrize(
    ("properties", "level"),
    [
        ({"BU_CODE": "BU04020101", "WK_CODE": "WK040201", "GM_CODE": "GM0402"}, AreaLevel.BUURT),
        ({"wijkcode": "WK040201", "gemeentecode": "GM0402"}, AreaLevel.WIJK),
        ({"gemeentecode": "GM0402"}, AreaLevel.GEMEENTE),
        ({"statcode": "WK040201"}, AreaLevel.WIJK),
        ({"id": "BU04020101"}, AreaLevel.BUURT),
        ({"rubriek": "gemeente", "statcode": "0402"}, AreaLevel.GEMEENTE),
        ({"naam": "x"}, None),
    ],
)
def test_detect_level(properties: dict[str, Any], level: AreaLevel | None) -> None:
    assert detect_level([properties]) == level
