# SPDX-License-Identifier: EUPL-1.2
"""CBS area codes: GMgggg, WKggggww, BUggggwwbb; the level and parent follow from the code.

The gemeente part is always four digits; the wijk and buurt parts are two digits each, except
where CBS publishes letters (Amsterdam since 2022: WK0363AA, BU0363AA01), so those accept capital
letters too.
"""

from __future__ import annotations

import re

from stuurdata.areas.model import AreaLevel

PATTERNS: dict[AreaLevel, re.Pattern[str]] = {
    AreaLevel.GEMEENTE: re.compile(r"^GM\d{4}$"),
    AreaLevel.WIJK: re.compile(r"^WK\d{4}[0-9A-Z]{2}$"),
    AreaLevel.BUURT: re.compile(r"^BU\d{4}[0-9A-Z]{4}$"),
    AreaLevel.REGIO: re.compile(r"^[A-Z]{2}[0-9A-Z]{2,8}$"),
}
PREFIX: dict[AreaLevel, str] = {
    AreaLevel.GEMEENTE: "GM",
    AreaLevel.WIJK: "WK",
    AreaLevel.BUURT: "BU",
}
DIGITS: dict[AreaLevel, int] = {AreaLevel.GEMEENTE: 4, AreaLevel.WIJK: 6, AreaLevel.BUURT: 8}
EXPECTED: dict[AreaLevel, str] = {
    AreaLevel.GEMEENTE: "GM gevolgd door 4 cijfers (GMgggg)",
    AreaLevel.WIJK: "WK, 4 cijfers gemeente, 2 tekens wijk (WKggggww)",
    AreaLevel.BUURT: "BU, 4 cijfers gemeente, 2 tekens wijk, 2 tekens buurt (BUggggwwbb)",
    AreaLevel.REGIO: "2 hoofdletters en 2 tot 8 cijfers of hoofdletters",
}
PARENT_LEVEL: dict[AreaLevel, AreaLevel] = {
    AreaLevel.BUURT: AreaLevel.WIJK,
    AreaLevel.WIJK: AreaLevel.GEMEENTE,
}


def normalise_code(value: object, level: AreaLevel) -> str:
    """The code as text, trimmed and upper case; bare digits get the level's prefix.

    ``"0402"`` or ``402`` as a gemeentecode becomes ``GM0402``; anything else is returned as is
    (trimmed, upper case) so that :func:`matches` can report it.
    """
    text = str(value).strip().upper()
    if level in PREFIX and text.isdigit() and len(text) <= DIGITS[level]:
        return PREFIX[level] + text.zfill(DIGITS[level])
    return text


def matches(code: str, level: AreaLevel) -> bool:
    """True when ``code`` has the CBS pattern of ``level``."""
    return PATTERNS[level].fullmatch(code) is not None


def level_of(code: str) -> AreaLevel | None:
    """The level a CBS code belongs to, or ``None`` when it is no gemeente/wijk/buurt code."""
    for level in (AreaLevel.BUURT, AreaLevel.WIJK, AreaLevel.GEMEENTE):
        if matches(code, level):
            return level
    return None


def parent_of(code: str) -> str | None:
    """The code of the parent derived from the digits: BUggggwwbb -> WKggggww -> GMgggg."""
    level = level_of(code)
    if level is AreaLevel.BUURT:
        return "WK" + code[2:8]
    if level is AreaLevel.WIJK:
        return "GM" + code[2:6]
    return None


def gemeente_of(code: str) -> str | None:
    """The gemeentecode a buurt-, wijk- or gemeentecode belongs to."""
    level = level_of(code)
    return None if level is None else "GM" + code[2:6]
