# SPDX-License-Identifier: EUPL-1.2
"""Vega-Lite specifications of the charts, made from a panel's table.

Only published values are plotted: a suppressed cell is left out of the chart's data (never
drawn as 0) and stays in the table next to the chart with its reason. The specification holds
its data inline, so the page's static script (``portal/static/charts.js``) needs no second
request, and it uses no expressions that need ``eval`` (the page runs vega's interpreter).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from stuurdata.dashboards.config import PanelKind
from stuurdata.dashboards.panels import PanelData

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
LOCALES: dict[str, dict[str, Any]] = {
    "nl": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€\u00a0", ""]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]},
}
MAX_BARS = 80
"""More areas than this make an unreadable bar chart: the table alone is shown."""


@dataclass(frozen=True)
class SeriesLabel:
    """How an indicator is named in a chart."""

    title: str
    unit: str
    decimals: int


def _format(decimals: int) -> str:
    return f",.{decimals}f"


def _base(description: str, lang: str) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": "container",
        "autosize": {"type": "fit-x", "contains": "padding"},
        "config": {
            "locale": {"number": LOCALES.get(lang, LOCALES["nl"])},
            "font": "sans-serif",
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 220},
            "legend": {"labelFontSize": 12, "orient": "bottom", "labelLimit": 320},
            "range": {"category": {"scheme": "tableau10"}},
        },
    }


def trend_spec(
    title_text: str,
    periods: Sequence[str],
    series: Sequence[tuple[str, SeriesLabel, Sequence[float | None]]],
    lang: str,
    period_label: str,
) -> dict[str, Any] | None:
    """A line chart over periods, one line per indicator; None when nothing can be plotted.

    ``series``: (indicator id, label, value per period or None when not published).
    """
    values = [
        {"period": period, "series": label.title, "value": value}
        for _id, label, found in series
        for period, value in zip(periods, found, strict=True)
        if value is not None
    ]
    if not values or len(periods) < 2:
        return None
    units = {label.unit for _id, label, _found in series}
    decimals = max(label.decimals for _id, label, _found in series)
    spec = _base(title_text, lang)
    spec.update(
        {
            "height": 240,
            "data": {"values": values},
            "mark": {"type": "line", "point": True, "strokeWidth": 2},
            "encoding": {
                "x": _period_axis(periods, period_label),
                "y": {
                    "field": "value",
                    "type": "quantitative",
                    "title": units.pop() if len(units) == 1 else None,
                    "axis": {"format": _format(decimals)},
                },
                "color": {"field": "series", "type": "nominal", "title": None},
                "tooltip": [
                    {"field": "series", "type": "nominal"},
                    {"field": "period", "type": "ordinal"},
                    {"field": "value", "type": "quantitative", "format": _format(decimals)},
                ],
            },
        }
    )
    return spec


def bars_spec(
    title_text: str, bars: Sequence[tuple[str, float | None]], label: SeriesLabel, lang: str
) -> dict[str, Any] | None:
    """A horizontal bar chart of one indicator per area; None when nothing can be plotted."""
    values = [{"area": name, "value": value} for name, value in bars if value is not None]
    if not values or len(bars) > MAX_BARS:
        return None
    spec = _base(title_text, lang)
    spec.update(
        {
            "height": {"step": 22},
            "data": {"values": values},
            "mark": {"type": "bar", "color": "#1f5f99"},
            "encoding": {
                "y": {"field": "area", "type": "nominal", "sort": "-x", "title": None},
                "x": {
                    "field": "value",
                    "type": "quantitative",
                    "title": label.unit,
                    "axis": {"format": _format(label.decimals)},
                },
                "tooltip": [
                    {"field": "area", "type": "nominal"},
                    {"field": "value", "type": "quantitative", "format": _format(label.decimals)},
                ],
            },
        }
    )
    return spec


def panel_spec(
    data: PanelData, labels: Mapping[str, SeriesLabel], lang: str, period_label: str
) -> dict[str, Any] | None:
    """The chart of a trend or bars panel; None for key figures and tables (or no data)."""
    title_text = data.panel.title.nl if lang == "nl" else data.panel.title.en
    description = f"{title_text}: {data.area.name}"
    if data.panel.kind is PanelKind.TREND:
        periods = [row.period or row.label for row in data.rows]
        series = [
            (
                column.indicator,
                labels[column.indicator],
                [
                    cell.value if cell is not None and cell.shown else None
                    for cell in (row.cells[i] for row in data.rows)
                ],
            )
            for i, column in enumerate(data.columns)
        ]
        return trend_spec(description, periods, series, lang, period_label)
    if data.panel.kind is PanelKind.BARS:
        names = [row.label for row in data.rows]
        bars = [
            (
                row.label if names.count(row.label) == 1 else f"{row.label} ({row.area.code})",
                cell.value if cell is not None and cell.shown else None,
            )
            for row in data.rows
            for cell in row.cells[:1]
        ]
        return bars_spec(description, bars, labels[data.columns[0].indicator], lang)
    return None


def small_multiples_spec(
    title_text: str,
    periods: Sequence[str],
    series: Sequence[tuple[str, SeriesLabel, Sequence[float | None]]],
    lang: str,
    period_label: str,
) -> dict[str, Any] | None:
    """One small line chart per indicator (own y scale), e.g. the trends of an area profile."""
    values = [
        {"period": period, "series": _series_title(label), "value": value}
        for _id, label, found in series
        for period, value in zip(periods, found, strict=True)
        if value is not None
    ]
    if not values or len(periods) < 2:
        return None
    spec = _base(title_text, lang)
    del spec["width"], spec["autosize"]
    spec.update(
        {
            "data": {"values": values},
            "facet": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "sort": [_series_title(label) for _id, label, _found in series],
                "header": {"labelFontSize": 12, "labelLimit": 260},
            },
            "columns": 3,
            "resolve": {"scale": {"y": "independent"}},
            "spec": {
                "width": 200,
                "height": 110,
                "mark": {"type": "line", "point": True, "strokeWidth": 2, "color": "#1f5f99"},
                "encoding": {
                    "x": _period_axis(periods, period_label),
                    "y": {
                        "field": "value",
                        "type": "quantitative",
                        "title": None,
                        "scale": {"zero": False},
                        "axis": {"format": ",~f", "tickCount": 4},
                    },
                    "tooltip": [
                        {"field": "series", "type": "nominal"},
                        {"field": "period", "type": "ordinal"},
                        {"field": "value", "type": "quantitative"},
                    ],
                },
            },
        }
    )
    return spec


def _series_title(label: SeriesLabel) -> str:
    return f"{label.title} ({label.unit})" if label.unit and label.unit != "aantal" else label.title


def _period_axis(periods: Sequence[str], title: str) -> dict[str, Any]:
    """The x encoding of a trend: periods in their own order, labels upright."""
    return {
        "field": "period",
        "type": "ordinal",
        "sort": list(periods),
        "title": title,
        "axis": {"labelAngle": 0},
    }
