# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import pytest

from stuurdata.areas.codes import gemeente_of, level_of, matches, normalise_code, parent_of
from stuurdata.areas.model import AreaLevel


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("GM0402", AreaLevel.GEMEENTE),
        ("WK040201", AreaLevel.WIJK),
        ("BU04020101", AreaLevel.BUURT),
        ("WK0363AA", AreaLevel.WIJK),  # Amsterdam publishes letters since 2022
        ("BU0363AA01", AreaLevel.BUURT),
        ("GM402", None),
        ("WK04020", None),
        ("BU040201011", None),
        ("gm0402", None),
        ("XX0402", None),
        ("GMAB02", None),
    ],
)
def test_level_of(code: str, level: AreaLevel | None) -> None:
    assert level_of(code) == level


def test_parents_follow_from_the_digits() -> None:
    assert parent_of("BU15250110") == "WK152501"
    assert parent_of("WK152501") == "GM1525"
    assert parent_of("GM1525") is None
    assert parent_of("nonsense") is None
    assert gemeente_of("BU15250110") == "GM1525"
    assert gemeente_of("WK0363AA") == "GM0363"


def test_normalise_adds_prefix_to_bare_digits() -> None:
    assert normalise_code("0402", AreaLevel.GEMEENTE) == "GM0402"
    assert normalise_code(402, AreaLevel.GEMEENTE) == "GM0402"
    assert normalise_code(" wk040201 ", AreaLevel.WIJK) == "WK040201"
    assert normalise_code("4020101", AreaLevel.BUURT) == "BU04020101"
    # too many digits stay as they are, so the pattern check reports them
    assert normalise_code("123456789", AreaLevel.BUURT) == "123456789"
    assert not matches("123456789", AreaLevel.BUURT)
