# SPDX-License-Identifier: EUPL-1.2
"""Areas of one boundary year: gemeente, wijk, buurt (CBS codes) and regions of gemeenten.

Geometry is kept in RD New (EPSG:28992), the system areas in m² are computed in; WGS84 is made on
the way out (:meth:`AreaSet.to_geojson`, the ``lon``/``lat`` columns of :meth:`AreaSet.to_arrow`).
Build an :class:`AreaSet` from files with :func:`stuurdata.areas.load.load_area_set`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt
import shapely

from stuurdata.areas.export import areas_to_arrow, areas_to_geojson
from stuurdata.areas.locate import Locator
from stuurdata.errors import AreaError, Problem

if TYPE_CHECKING:
    import pyarrow as pa


class AreaLevel(StrEnum):
    GEMEENTE = "gemeente"
    WIJK = "wijk"
    BUURT = "buurt"
    REGIO = "regio"


_PARENT_LEVEL = {AreaLevel.BUURT: AreaLevel.WIJK, AreaLevel.WIJK: AreaLevel.GEMEENTE}
_REGION_CODE = re.compile(r"^[A-Z]{2}[0-9A-Z]{2,8}$")


@dataclass(frozen=True)
class Area:
    """One gemeente, wijk, buurt or region in one boundary year.

    ``geometry_rd`` is a (Multi)Polygon in RD New (EPSG:28992), or ``None`` when the boundary
    file had no usable shape for it (reported as a problem when loading).
    """

    code: str
    name: str
    level: AreaLevel
    parent_code: str | None
    year: int
    geometry_rd: Any | None
    water: bool = False


class AreaSet:
    """All areas of one boundary year, with a consistent hierarchy gemeente > wijk > buurt.

    The constructor checks the structure (one year, unique codes, every parent present and one
    level up) and raises :class:`AreaError` listing every violation. Geometric checks and the
    reading of files live in :mod:`stuurdata.areas.hierarchy` and :mod:`stuurdata.areas.load`;
    the warnings they found are kept and returned by :meth:`problems`.
    """

    def __init__(self, year: int, areas: Iterable[Area], problems: Iterable[Problem] = ()) -> None:
        self.year = year
        self._by_code: dict[str, Area] = {}
        self._children: dict[str, list[str]] = {}
        self._members: dict[str, tuple[str, ...]] = {}
        self._problems = list(problems)
        self._locators: dict[AreaLevel, Locator] = {}
        found: list[Problem] = []
        where = f"gebiedsindeling {year}"
        for area in areas:
            if area.year != year:
                found.append(
                    _problem(
                        where,
                        "areas.year",
                        f"{area.code} hoort bij een ander jaar",
                        str(year),
                        str(area.year),
                    )
                )
            if area.code in self._by_code:
                found.append(
                    _problem(
                        where,
                        "areas.duplicate_code",
                        f"code {area.code} komt meer dan één keer voor",
                        "unieke code",
                        area.code,
                    )
                )
                continue
            self._by_code[area.code] = area
        for area in self._by_code.values():
            if area.parent_code is None:
                if area.level in _PARENT_LEVEL:
                    found.append(
                        _problem(
                            where,
                            "areas.missing_parent",
                            f"{area.level} {area.code} heeft geen ouder",
                            str(_PARENT_LEVEL[area.level]),
                            None,
                        )
                    )
                continue
            parent = self._by_code.get(area.parent_code)
            expected = _PARENT_LEVEL.get(area.level)
            if parent is None or parent.level != expected:
                found.append(
                    _problem(
                        where,
                        "areas.missing_parent",
                        f"{area.level} {area.code}: ouder {area.parent_code} ontbreekt",
                        f"{expected} {area.parent_code}",
                        None if parent is None else f"{parent.level} {parent.code}",
                    )
                )
                continue
            self._children.setdefault(parent.code, []).append(area.code)
        if found:
            raise AreaError(f"Gebiedsindeling {year} is niet consistent", found)

    def areas(self, level: AreaLevel) -> list[Area]:
        """The areas of ``level``, sorted by code."""
        return sorted((a for a in self._by_code.values() if a.level == level), key=lambda a: a.code)

    def get(self, code: str) -> Area:
        """The area with ``code``; ``KeyError`` when unknown in this boundary year."""
        return self._by_code[code]

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def codes(self, level: AreaLevel) -> frozenset[str]:
        return frozenset(a.code for a in self._by_code.values() if a.level == level)

    def children(self, code: str) -> list[Area]:
        """Wijken of a gemeente, buurten of a wijk, member gemeenten of a region (sorted)."""
        if code not in self._by_code:
            raise KeyError(code)
        codes = self._members.get(code) or self._children.get(code, [])
        return sorted((self._by_code[c] for c in codes), key=lambda a: a.code)

    def members(self, region_code: str) -> tuple[str, ...]:
        """Gemeentecodes of a region added with :meth:`add_region`."""
        return self._members[region_code]

    def add_region(self, code: str, name: str, members: list[str]) -> None:
        """Add a region: the union of the given gemeenten (geometry dissolved in RD)."""
        where = f"gebiedsindeling {self.year}"
        found: list[Problem] = []
        if not _REGION_CODE.fullmatch(code):
            found.append(
                _problem(
                    where,
                    "areas.code_pattern",
                    f"regiocode {code!r} is ongeldig",
                    "2 hoofdletters en 2 tot 8 cijfers of hoofdletters",
                    code,
                )
            )
        if code in self._by_code:
            found.append(
                _problem(
                    where, "areas.duplicate_code", f"code {code} bestaat al", "unieke code", code
                )
            )
        if not members:
            found.append(
                _problem(
                    where,
                    "areas.region_members",
                    f"regio {code} heeft geen leden",
                    "minstens één gemeentecode",
                    "[]",
                )
            )
        for member in members:
            area = self._by_code.get(member)
            if area is None or area.level != AreaLevel.GEMEENTE:
                found.append(
                    _problem(
                        where,
                        "areas.region_members",
                        f"lid {member} van regio {code} is geen bekende gemeente",
                        f"gemeentecode uit {self.year}",
                        member,
                    )
                )
        if len(set(members)) != len(members):
            found.append(
                _problem(
                    where,
                    "areas.region_members",
                    f"regio {code} noemt een gemeente dubbel",
                    "unieke leden",
                    ", ".join(members),
                )
            )
        if found:
            raise AreaError(f"Regio {code} kan niet worden toegevoegd", found)
        shapes = [g for m in members if (g := self._by_code[m].geometry_rd) is not None]
        geometry = shapely.union_all(shapes) if shapes else None
        self._by_code[code] = Area(code, name, AreaLevel.REGIO, None, self.year, geometry)
        self._members[code] = tuple(members)
        self._locators.pop(AreaLevel.REGIO, None)

    def to_arrow(self, level: AreaLevel) -> pa.Table:
        """One row per area: code, name, level, parent_code, year, water, area_m2,
        geometry_wkb (RD), centroid_x, centroid_y (RD), lon, lat (WGS84 centroid)."""
        return areas_to_arrow(self.areas(level))

    def to_geojson(
        self, level: AreaLevel, crs: Literal["wgs84", "rd"] = "wgs84", precision: int = 6
    ) -> dict[str, Any]:
        """A GeoJSON FeatureCollection with properties code, name, parent_code."""
        return areas_to_geojson(self.areas(level), crs=crs, precision=precision)

    def locate(
        self,
        x_rd: npt.NDArray[np.float64],
        y_rd: npt.NDArray[np.float64],
        level: AreaLevel = AreaLevel.BUURT,
    ) -> npt.NDArray[np.object_]:
        """The code of the area (default: buurt) holding each RD point; ``None`` outside all."""
        locator = self._locators.get(level)
        if locator is None:
            locator = self._locators[level] = Locator(self.areas(level))
        return locator.locate(x_rd, y_rd)

    def problems(self) -> list[Problem]:
        """Problems found while loading that did not stop it (empty shapes, repaired shapes...)."""
        return list(self._problems)

    def __repr__(self) -> str:
        counts = ", ".join(f"{lvl}={len(self.codes(lvl))}" for lvl in AreaLevel)
        return f"AreaSet(year={self.year}, {counts})"


def _problem(
    file: str, rule: str, message: str, expected: str | None, found: str | None
) -> Problem:
    return Problem(file=file, rule=rule, message=message, expected=expected, found=found)
