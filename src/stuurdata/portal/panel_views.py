# SPDX-License-Identifier: EUPL-1.2
"""What the templates get for a table with an optional chart: formatted cells, headers, the
Vega-Lite specification as JSON and the download links.

Shared by the dashboards (:mod:`stuurdata.portal.dashboard_pages`) and the area profiles
(:mod:`stuurdata.portal.area_profile`); templates render it with the macros of
``dashboard_macros.html``. A suppressed cell shows its reason label, never a number.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from stuurdata.dashboards.charts import SeriesLabel
from stuurdata.dashboards.data import MISSING, Cell
from stuurdata.disclosure import reason_label
from stuurdata.portal.i18n import Language, Translator
from stuurdata.portal.keyfigures import format_number
from stuurdata.workspace.indicator import Indicator


@dataclass(frozen=True)
class CellView:
    text: str
    """The formatted value, or the reason label of a suppressed or missing value."""
    reason: str | None
    """None for a published value; else the reason code (``geheim``, ``ontbreekt``...)."""
    period: str | None = None

    @property
    def suppressed(self) -> bool:
        return self.reason is not None


@dataclass(frozen=True)
class RowView:
    label: str
    href: str | None
    cells: tuple[CellView, ...]
    current: bool = False
    """True for the row of the area the page is about."""
    period: str | None = None
    """Shown in its own column when the table has a ``period_header``."""


@dataclass(frozen=True)
class TableView:
    """A table of published cells with, for charts, the specification drawn next to it."""

    id: str
    """Unique on the page; used for the heading id and the PNG file name."""
    kind: str
    title: str
    description: str | None
    caption: str
    row_header: str
    columns: tuple[str, ...]
    rows: tuple[RowView, ...]
    spec: str | None = None
    """Vega-Lite specification as JSON (read by ``static/charts.js``); None: table only."""
    csv_href: str | None = None
    period_header: str | None = None
    """Header of a period column (one period per row), or None for no such column."""
    headline: CellView | None = None
    """For a key figure: the value of the chosen area, shown large above the comparison."""

    @property
    def has_suppressed(self) -> bool:
        return any(c.suppressed for row in self.rows for c in row.cells)


def cell_view(cell: Cell | None, decimals: int, lang: Language) -> CellView:
    """A published value formatted in ``lang``, or the label of why there is none."""
    if cell is None:
        return CellView(reason_label(MISSING, lang), MISSING)
    if cell.shown and cell.value is not None:
        return CellView(format_number(cell.value, decimals, lang), None, cell.period)
    try:
        label = reason_label(cell.reason, lang)
    except ValueError:  # a reason code this version does not know: show the code itself
        label = cell.reason
    return CellView(label, cell.reason, cell.period)


def series_labels(
    definitions: Mapping[str, Indicator], ids: list[str], lang: Language
) -> dict[str, SeriesLabel]:
    """Title, unit and decimals of each indicator in ``lang`` (the id when unknown)."""
    labels = {}
    for indicator_id in ids:
        found = definitions.get(indicator_id)
        if found is None:
            labels[indicator_id] = SeriesLabel(indicator_id, "", 0)
        else:
            title = found.title.nl if lang == "nl" else found.title.en
            labels[indicator_id] = SeriesLabel(title, found.unit, found.decimals)
    return labels


def column_header(label: SeriesLabel, period: str | None, t: Translator) -> str:
    unit = f" ({label.unit})" if label.unit and label.unit != "aantal" else ""
    if period is None:
        return f"{label.title}{unit}"
    return t("dashboards.column_period", title=f"{label.title}{unit}", period=period)


def spec_json(spec: dict[str, Any] | None) -> str | None:
    return None if spec is None else json.dumps(spec, ensure_ascii=False, separators=(",", ":"))
