# SPDX-License-Identifier: EUPL-1.2
"""The data of each panel of a dashboard for one chosen area and year, as a table.

Every panel is a table of published cells (rows x columns) before it is anything else: the
page shows the table (the no-JavaScript view and the accessible alternative of a chart), the
chart is drawn from the same rows (:mod:`stuurdata.dashboards.charts`) and the CSV download
writes them (:func:`panel_csv`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from stuurdata.dashboards.config import Dashboard, Panel, PanelKind
from stuurdata.dashboards.data import AreaRef, Cell, period_for

CSV_COLUMNS = ("area_code", "area_name", "indicator", "period", "value", "reason", "reason_label")


@dataclass(frozen=True)
class Selection:
    """What the filters chose: an area, a year and the areas around and below it."""

    area: AreaRef
    year: str | None
    context: tuple[AreaRef, ...] = ()
    """Areas to compare a key figure with: its gemeente, region, comparison group."""
    below: Mapping[str, tuple[AreaRef, ...]] = field(default_factory=dict)
    """Areas per level (gemeente, wijk, buurt) within the chosen area."""

    def areas_at(self, level: str | None) -> tuple[AreaRef, ...]:
        """The areas a table or bar chart of ``level`` shows (the area itself when none)."""
        if level is None or level == self.area.level:
            return (self.area,)
        return self.below.get(level, ())


@dataclass(frozen=True)
class Column:
    indicator: str
    period: str | None
    """The period of every cell in the column; None when it differs per row (trend)."""


@dataclass(frozen=True)
class Row:
    label: str
    """Area name, or the period for a trend."""
    area: AreaRef
    period: str | None
    cells: tuple[Cell | None, ...]
    """One per column; None when nothing is published for that cell."""


@dataclass(frozen=True)
class PanelData:
    panel: Panel
    area: AreaRef
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    @property
    def empty(self) -> bool:
        return not any(cell is not None for row in self.rows for cell in row.cells)

    def suppressed(self) -> list[Cell]:
        """Cells published without a value (their reason says why)."""
        return [c for row in self.rows for c in row.cells if c is not None and not c.shown]


class CellIndex:
    """Published cells by (indicator, period, area code)."""

    def __init__(self, cells: Iterable[Cell]) -> None:
        self._cells = {(c.indicator, c.period, c.area_code): c for c in cells}

    def get(self, indicator: str, period: str | None, code: str) -> Cell | None:
        return None if period is None else self._cells.get((indicator, period, code))


def needed_areas(board: Dashboard, selection: Selection) -> set[str]:
    """Area codes whose values the dashboard's panels read."""
    codes = {selection.area.code} | {a.code for a in selection.context}
    for panel in board.panels:
        codes |= {a.code for a in selection.areas_at(panel.level)}
    return codes


def panel_data(
    panel: Panel,
    selection: Selection,
    cells: CellIndex,
    periods: Mapping[str, list[str]],
) -> PanelData:
    """The table of one panel for ``selection``."""
    area = selection.area
    if panel.kind is PanelKind.TREND:
        ids = panel.indicators
        shown = sorted({p for i in ids for p in periods.get(i, [])})
        if selection.year is not None:
            shown = [p for p in shown if p[:4] <= selection.year]
        rows = tuple(Row(p, area, p, tuple(cells.get(i, p, area.code) for i in ids)) for p in shown)
        return PanelData(panel, area, tuple(Column(i, None) for i in ids), rows)
    columns = tuple(
        Column(i, period_for(periods.get(i, []), selection.year, panel.period))
        for i in panel.indicators
    )
    if panel.kind is PanelKind.KEYFIGURE:
        shown_areas: tuple[AreaRef, ...] = (area, *selection.context)
    else:
        shown_areas = selection.areas_at(panel.level)
    rows = tuple(
        Row(a.name, a, None, tuple(cells.get(c.indicator, c.period, a.code) for c in columns))
        for a in shown_areas
    )
    return PanelData(panel, area, columns, rows)


def dashboard_data(
    board: Dashboard,
    selection: Selection,
    cells: Iterable[Cell],
    periods: Mapping[str, list[str]],
) -> list[PanelData]:
    index = CellIndex(cells)
    return [panel_data(panel, selection, index, periods) for panel in board.panels]


def csv_number(value: float) -> str:
    """A value as CSV text: ``12`` for a whole number, else the exact float (``12.5``)."""
    return str(int(value)) if value.is_integer() else repr(value)


def cells_csv(
    cells: Iterable[tuple[AreaRef, str, str, Cell | None]], reason_labels: Mapping[str, str]
) -> str:
    """(area, indicator, period, cell) as CSV, one line each: a suppressed value is empty, with
    its reason code and label; a missing cell has no value and no reason."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for area, indicator, period, cell in cells:
        if cell is None:
            writer.writerow([area.code, area.name, indicator, period, "", "", ""])
            continue
        value = "" if not cell.shown or cell.value is None else csv_number(cell.value)
        reason = "" if cell.shown else cell.reason
        label = reason_labels.get(reason, reason) if reason else ""
        writer.writerow([area.code, area.name, indicator, cell.period, value, reason, label])
    return out.getvalue()


def panel_csv(data: PanelData, reason_labels: Mapping[str, str]) -> str:
    """The panel's cells as CSV (see :func:`cells_csv`)."""
    return cells_csv(
        (
            (row.area, column.indicator, row.period or column.period or "", cell)
            for row in data.rows
            for column, cell in zip(data.columns, row.cells, strict=True)
        ),
        reason_labels,
    )
