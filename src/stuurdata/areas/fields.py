# SPDX-License-Identifier: EUPL-1.2
"""Field names of boundary files: the CBS/PDOK names and their common variants.

Lookups ignore case, so ``GM_CODE``, ``gm_code`` and ``Gm_Code`` are one field. The generic
``statcode``/``statnaam`` (CBS gebiedsindelingen) name the file's own level.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from stuurdata.areas.codes import level_of, normalise_code
from stuurdata.areas.model import AreaLevel

CODE_FIELDS: dict[AreaLevel, tuple[str, ...]] = {
    AreaLevel.GEMEENTE: ("gemeentecode", "gm_code", "gmcode", "gemcode", "gemeente_code"),
    AreaLevel.WIJK: ("wijkcode", "wk_code", "wkcode", "wijk_code"),
    AreaLevel.BUURT: ("buurtcode", "bu_code", "bucode", "buurt_code"),
    AreaLevel.REGIO: ("regiocode",),
}
NAME_FIELDS: dict[AreaLevel, tuple[str, ...]] = {
    AreaLevel.GEMEENTE: ("gemeentenaam", "gm_naam", "gmnaam", "gemnaam", "gemeente_naam"),
    AreaLevel.WIJK: ("wijknaam", "wk_naam", "wknaam", "wijk_naam"),
    AreaLevel.BUURT: ("buurtnaam", "bu_naam", "bunaam", "buurt_naam"),
    AreaLevel.REGIO: ("regionaam",),
}
GENERIC_CODE_FIELDS = ("statcode", "code", "id")
GENERIC_NAME_FIELDS = ("statnaam", "naam", "name")
YEAR_FIELDS = ("jaarcode", "jrstatcode", "jaarstatcode", "jaar", "year")
WATER_FIELDS = ("water",)
LEVEL_FIELDS = ("rubriek", "niveau", "level")

_TRUE = {"ja", "j", "true", "1", "yes", "y", "waar"}
_FALSE = {"nee", "n", "false", "0", "no", "onwaar", ""}


class Fields:
    """Case-insensitive access to one feature's properties."""

    def __init__(self, properties: Mapping[str, Any]) -> None:
        self._lower = {str(k).lower(): (str(k), v) for k, v in properties.items()}

    def first(self, names: Sequence[str]) -> tuple[str, Any] | None:
        """(field name as in the file, value) of the first of ``names`` with a non-empty value."""
        for name in names:
            found = self._lower.get(name)
            if found is not None and found[1] is not None and str(found[1]).strip() != "":
                return found
        return None

    def code(self, level: AreaLevel) -> tuple[str, Any] | None:
        return self.first(CODE_FIELDS[level]) or self.first(GENERIC_CODE_FIELDS)

    def name(self, level: AreaLevel) -> tuple[str, Any] | None:
        return self.first(NAME_FIELDS[level]) or self.first(GENERIC_NAME_FIELDS)

    def parent_code(self, level: AreaLevel) -> tuple[str, Any] | None:
        """An explicit parent code field (not the generic ``statcode``)."""
        return self.first(CODE_FIELDS[level])

    def parent_name(self, level: AreaLevel) -> tuple[str, Any] | None:
        return self.first(NAME_FIELDS[level])

    def year(self) -> tuple[str, Any] | None:
        return self.first(YEAR_FIELDS)

    def water(self) -> tuple[str, Any] | None:
        return self.first(WATER_FIELDS)


def parse_year(value: Any) -> int | None:
    """2024 from ``2024``, ``"2024"``, ``"2014BU03630000"`` (JRSTATCODE); ``None`` otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        return int(value)
    text = str(value).strip()
    if len(text) >= 4 and text[:4].isdigit() and (len(text) == 4 or not text[4].isdigit()):
        return int(text[:4])
    return None


def parse_water(value: Any) -> bool | None:
    """The CBS water flag: ``JA``/``NEE`` (or a boolean, 1/0); ``None`` when not recognised."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def detect_level(features: Sequence[Mapping[str, Any]]) -> AreaLevel | None:
    """The level of a file's features, from its code fields (buurt before wijk before gemeente,
    since finer files also carry their parents' codes) or, failing that, from generic codes."""
    sample = [Fields(p) for p in features[:200]]
    for level in (AreaLevel.BUURT, AreaLevel.WIJK, AreaLevel.GEMEENTE):
        if any(f.first(CODE_FIELDS[level]) for f in sample):
            return level
    votes: dict[AreaLevel, int] = {}
    for f in sample:
        found = f.first(GENERIC_CODE_FIELDS)
        if found is None:
            continue
        for level in (AreaLevel.BUURT, AreaLevel.WIJK, AreaLevel.GEMEENTE):
            if level_of(normalise_code(found[1], level)) == level and str(found[1])[:2].isalpha():
                votes[level] = votes.get(level, 0) + 1
    if votes:
        return max(votes, key=lambda lv: votes[lv])
    for f in sample:
        found = f.first(LEVEL_FIELDS)
        if found is not None and str(found[1]).strip().lower() in {"gemeente", "wijk", "buurt"}:
            return AreaLevel(str(found[1]).strip().lower())
    return None
