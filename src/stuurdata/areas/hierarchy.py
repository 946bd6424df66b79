# SPDX-License-Identifier: EUPL-1.2
"""Checks across levels and the assembly of an :class:`AreaSet`.

Every buurt must lie in one wijk and every wijk in one gemeente: the parent follows from the code
and must be present in the parent file. A child's shape must lie mostly inside its parent's (the
share of its area inside the parent at least ``min_inside``; simplified boundaries of different
files do not line up exactly, so a few percent outside is normal). Missing parents are derived
(name from the child file when given, shape the union of the children) when loading is not
strict, or when no parent file was given at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from stuurdata.areas.codes import PARENT_LEVEL
from stuurdata.areas.layers import BoundaryLayer
from stuurdata.areas.model import Area, AreaLevel, AreaSet
from stuurdata.errors import AreaError, Problem

MIN_INSIDE = 0.5
"""Default: at least half of a child's area must lie inside its parent."""


@dataclass(frozen=True)
class _Entry:
    area: Area
    file: str
    row: int | None
    column: str | None


@dataclass
class _Check:
    entries: dict[str, _Entry]
    errors: list[Problem]
    warnings: list[Problem]
    names: dict[str, str]


def build_area_set(
    year: int,
    layers: Sequence[BoundaryLayer],
    *,
    strict: bool = True,
    derive: frozenset[AreaLevel] = frozenset(),
    min_inside: float = MIN_INSIDE,
) -> AreaSet:
    """Join the layers of one year into an :class:`AreaSet`.

    ``derive`` names parent levels that have no file: their areas are made from the children's
    codes (a warning each). With ``strict`` any error raises :class:`AreaError` listing them all;
    otherwise erroneous features are left out, missing parents derived, and every problem is
    kept in :meth:`AreaSet.problems`.
    """
    check = _Check({}, [], [], {})
    for layer in layers:
        check.errors += layer.errors
        check.warnings += layer.warnings
        check.names.update(layer.parent_names)
        for area, row, column in zip(layer.areas, layer.rows, layer.columns, strict=True):
            other = check.entries.get(area.code)
            if other is not None:
                check.errors.append(
                    Problem(
                        layer.file,
                        "areas.duplicate_code",
                        f"code {area.code} staat ook in {other.file} (rij {other.row})",
                        row=row,
                        column=column,
                        expected="unieke code",
                        found=area.code,
                    )
                )
                continue
            check.entries[area.code] = _Entry(area, layer.file, row, column)
    given = {layer.level for layer in layers}
    for level in (AreaLevel.BUURT, AreaLevel.WIJK):
        _parents(
            check,
            level,
            strict=strict,
            derived_level=PARENT_LEVEL[level] in derive,
            file_given=PARENT_LEVEL[level] in given,
        )
    for level in (AreaLevel.WIJK, AreaLevel.BUURT):
        if level in given:
            _childless(check, PARENT_LEVEL[level], level)
            _containment(check, level, min_inside)
    if strict and check.errors:
        raise AreaError(
            f"Gebiedsindeling {year} is niet consistent: {len(check.errors)} probleem/problemen",
            check.errors,
        )
    areas = [e.area for e in check.entries.values()]
    return AreaSet(year, areas, [*check.errors, *check.warnings])


def _parents(
    check: _Check, level: AreaLevel, *, strict: bool, derived_level: bool, file_given: bool
) -> None:
    parent_level = PARENT_LEVEL[level]
    orphans: dict[str, list[_Entry]] = {}
    for entry in list(check.entries.values()):
        area = entry.area
        if area.level != level or area.parent_code is None:
            continue
        parent = check.entries.get(area.parent_code)
        if parent is not None and parent.area.level == parent_level:
            continue
        orphans.setdefault(area.parent_code, []).append(entry)
    for code, children in sorted(orphans.items()):
        first = children[0]
        if file_given or not derived_level:
            check.errors.append(
                Problem(
                    first.file,
                    "areas.missing_parent",
                    f"{parent_level} {code} ontbreekt voor "
                    f"{len(children)} {level}(en), zoals {first.area.code}",
                    row=first.row,
                    column=first.column,
                    expected=f"{parent_level} {code} in het {parent_level}bestand",
                    found="ontbreekt",
                )
            )
            if strict:
                continue
        check.warnings.append(
            Problem(
                first.file,
                "areas.derived_parent",
                f"{parent_level} {code} afgeleid uit de codes van "
                f"{len(children)} {level}(en); de vorm is hun vereniging",
                row=first.row,
                column=first.column,
                expected=f"{parent_level} {code} in een grenzenbestand",
                found="afgeleid",
            )
        )
        shapes = [e.area.geometry_rd for e in children if e.area.geometry_rd is not None]
        grand = PARENT_LEVEL.get(parent_level)
        derived = Area(
            code=code,
            name=check.names.get(code, code),
            level=parent_level,
            parent_code=None if grand is None else "GM" + code[2:6],
            year=first.area.year,
            geometry_rd=shapely.union_all(shapes) if shapes else None,
        )
        check.entries[code] = _Entry(derived, first.file, None, None)


def _childless(check: _Check, parent_level: AreaLevel, level: AreaLevel) -> None:
    with_children = {e.area.parent_code for e in check.entries.values() if e.area.level == level}
    for entry in check.entries.values():
        if entry.area.level == parent_level and entry.area.code not in with_children:
            check.warnings.append(
                Problem(
                    entry.file,
                    "areas.no_children",
                    f"{parent_level} {entry.area.code} heeft geen {level}en",
                    row=entry.row,
                    column=entry.column,
                    expected=f"minstens één {level}",
                    found="geen",
                )
            )


def _containment(check: _Check, level: AreaLevel, min_inside: float) -> None:
    pairs = [
        (e, p)
        for e in check.entries.values()
        if e.area.level == level
        and e.area.geometry_rd is not None
        and e.area.parent_code
        and (p := check.entries.get(e.area.parent_code)) is not None
        and p.area.geometry_rd is not None
        and p.row is not None
    ]
    if not pairs:
        return
    child = np.array([e.area.geometry_rd for e, _ in pairs], dtype=object)
    parent = np.array([p.area.geometry_rd for _, p in pairs], dtype=object)
    try:
        inside = shapely.area(shapely.intersection(child, parent))
    except shapely.errors.GEOSException:  # a robustness failure on one pair: retry one by one
        inside = np.array([_overlap(c, p) for c, p in zip(child, parent, strict=True)])
    share = inside / shapely.area(child)
    for (entry, parent_entry), value in zip(pairs, share, strict=True):
        if value < min_inside:
            check.warnings.append(
                Problem(
                    entry.file,
                    "areas.outside_parent",
                    f"{level} {entry.area.code} ligt grotendeels buiten {parent_entry.area.code}",
                    row=entry.row,
                    column="geometry",
                    expected=f"minstens {min_inside:.0%} van de oppervlakte binnen de ouder",
                    found=f"{value:.1%}",
                )
            )


def _overlap(child: Any, parent: Any) -> float:
    try:
        return float(shapely.area(shapely.intersection(child, parent)))
    except shapely.errors.GEOSException:
        return float(shapely.area(shapely.intersection(child, parent, grid_size=0.01)))
