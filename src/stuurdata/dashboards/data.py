# SPDX-License-Identifier: EUPL-1.2
"""The published values behind dashboards and area profiles.

Everything is read from ``published.indicators`` (protected by disclosure control): a suppressed
cell keeps ``value`` None and its reason code (``geheim``, ``te-weinig-waarnemingen``,
``geheim-afgeleid``); it is never turned into 0. Comparison groups of similar gemeenten come from
``cube.regio_leden`` (which gemeente belongs to which group: no figures).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import duckdb

from stuurdata.indicators.compiler import PUBLISHED_TABLE, REGIONS_TABLE

OK = "ok"
MISSING = "ontbreekt"


@dataclass(frozen=True)
class AreaRef:
    """An area as a panel shows it: code, name and level (regio, gemeente, wijk, buurt)."""

    code: str
    name: str
    level: str


@dataclass(frozen=True)
class Cell:
    """One published value; ``value`` is None when suppressed (see ``reason``)."""

    indicator: str
    period: str
    area_code: str
    value: float | None
    reason: str

    @property
    def shown(self) -> bool:
        return self.value is not None and self.reason == OK


def _has_table(con: duckdb.DuckDBPyConnection, qualified: str) -> bool:
    schema, name = qualified.split(".")
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
        [schema, name],
    ).fetchone()
    return bool(row and row[0])


def read_cells(
    con: duckdb.DuckDBPyConnection, indicator_ids: Sequence[str], area_codes: Iterable[str]
) -> list[Cell]:
    """Every published cell of these indicators and areas (all periods)."""
    codes = sorted(set(area_codes))
    if not indicator_ids or not codes or not _has_table(con, PUBLISHED_TABLE):
        return []
    rows = con.execute(
        f"SELECT indicator, period, area_code, value, reason FROM {PUBLISHED_TABLE} "
        "WHERE list_contains($ids, indicator) AND list_contains($codes, area_code) "
        "ORDER BY indicator, period, area_code",
        {"ids": list(indicator_ids), "codes": codes},
    ).fetchall()
    cells = []
    for indicator, period, code, value, reason in rows:
        number = None if value is None or value != value else float(value)  # NaN: no value
        cells.append(Cell(str(indicator), str(period), str(code), number, str(reason or OK)))
    return cells


def published_periods(
    con: duckdb.DuckDBPyConnection, indicator_ids: Sequence[str]
) -> dict[str, list[str]]:
    """Periods with published values per indicator, oldest first."""
    if not indicator_ids or not _has_table(con, PUBLISHED_TABLE):
        return {}
    rows = con.execute(
        f"SELECT indicator, list(DISTINCT period ORDER BY period) FROM {PUBLISHED_TABLE} "
        "WHERE list_contains($ids, indicator) GROUP BY indicator",
        {"ids": list(indicator_ids)},
    ).fetchall()
    return {str(indicator): [str(p) for p in periods] for indicator, periods in rows}


def years_of(periods: dict[str, list[str]]) -> list[str]:
    """The distinct years (YYYY) of these periods, newest first."""
    return sorted({p[:4] for found in periods.values() for p in found}, reverse=True)


def period_for(periods: Sequence[str], year: str | None, fixed: str | None = None) -> str | None:
    """The period an indicator is shown for: ``fixed`` when given, else its latest period not
    after ``year`` (its latest period when no year is chosen); None when there is none."""
    if fixed is not None:
        return fixed if fixed in periods else None
    chosen = [p for p in periods if year is None or p[:4] <= year]
    return max(chosen) if chosen else None


def comparison_areas(con: duckdb.DuckDBPyConnection, gemeente_code: str) -> list[AreaRef]:
    """The region(s) and the comparison group of similar gemeenten that hold a gemeente."""
    if not _has_table(con, REGIONS_TABLE):
        return []
    rows = con.execute(
        f"SELECT DISTINCT regio_code, regio_naam, soort FROM {REGIONS_TABLE} "
        "WHERE gemeente_code = ? ORDER BY soort, regio_code",
        [gemeente_code],
    ).fetchall()
    return [AreaRef(str(code), str(name), "regio") for code, name, _soort in rows]
