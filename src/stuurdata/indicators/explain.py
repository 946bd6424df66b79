# SPDX-License-Identifier: EUPL-1.2
"""What ``stuurdata indicators list | show`` prints: definitions, the compiled SQL and results.

Results come from the published version: the protected value (with its reason) and, for
comparison, the values of the area's gemeente, the region and the comparison group of
similar gemeenten (same CBS size class by inhabitants).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from stuurdata.indicators.compiler import PUBLISHED_TABLE, REGIONS_TABLE, family_sql
from stuurdata.indicators.families import families
from stuurdata.workspace.indicator import Indicator


@dataclass(frozen=True)
class PublishedCell:
    period: str
    area_code: str
    area_level: str
    value: float | None
    reason: str


@dataclass(frozen=True)
class Comparison:
    """An area's published value next to its gemeente, region and comparison group."""

    area: PublishedCell
    gemeente: PublishedCell | None
    regions: list[tuple[str, str, PublishedCell]]
    """(soort, naam, cell) per region or comparison group that holds the area's gemeente."""


def compiled_sql(indicators: dict[str, Indicator], indicator_id: str, boundary_year: int) -> str:
    """The family SQL that computes ``indicator_id`` (derived indicators: an explanation)."""
    ind = indicators[indicator_id]
    if ind.derived:
        return f"-- afgeleid: {', '.join(ind.references())} uit cube.indicators (zelfde gebied en periode)"
    for family in families(indicators.values()):
        if any(member.id == indicator_id for member in family.indicators):
            return family_sql(family, boundary_year)
    raise KeyError(indicator_id)


def _cell(row: tuple[Any, ...]) -> PublishedCell:
    value = None if row[3] is None else float(row[3])
    return PublishedCell(str(row[0]), str(row[1]), str(row[2]), value, str(row[4]))


def published_cells(con: Any, indicator_id: str, level: str | None = None) -> list[PublishedCell]:
    """Published cells of one indicator (optionally one level), latest period first."""
    sql = (
        f"SELECT period, area_code, area_level, value, reason FROM {PUBLISHED_TABLE} "
        "WHERE indicator = ?"
        + (" AND area_level = ?" if level else "")
        + " ORDER BY period DESC, area_level, area_code"
    )
    params = [indicator_id, level] if level else [indicator_id]
    return [_cell(row) for row in con.execute(sql, params).fetchall()]


def compare(con: Any, indicator_id: str, area_code: str, period: str) -> Comparison | None:
    """The published value of an area with its gemeente's, region's and comparison group's."""
    cells = {
        (c.area_code, c.period): c for c in published_cells(con, indicator_id) if c.period == period
    }
    area = cells.get((area_code, period))
    if area is None:
        return None
    gemeente_code = _gemeente_of(con, area)
    regions = [
        (str(soort), str(naam), cells[(code, period)])
        for code, naam, soort in con.execute(
            f"SELECT DISTINCT regio_code, regio_naam, soort FROM {REGIONS_TABLE} "
            "WHERE gemeente_code = ? ORDER BY soort, regio_code",
            [gemeente_code],
        ).fetchall()
        if (code, period) in cells
    ]
    gemeente = cells.get((gemeente_code, period)) if gemeente_code else None
    return Comparison(area, gemeente, regions)


def _gemeente_of(con: Any, cell: PublishedCell) -> str | None:
    if cell.area_level == "gemeente":
        return cell.area_code
    column = {"buurt": "buurt_code", "wijk": "wijk_code"}.get(cell.area_level)
    if column is None:
        return None
    row = con.execute(
        f"SELECT DISTINCT gemeente_code FROM cube.gebieden WHERE {column} = ?", [cell.area_code]
    ).fetchone()
    return None if row is None else str(row[0])
