# SPDX-License-Identifier: EUPL-1.2
"""Vega-Lite specifications: suppressed values are left out (never plotted as 0)."""

from __future__ import annotations

import json

from stuurdata.dashboards.charts import (
    SeriesLabel,
    bars_spec,
    panel_spec,
    small_multiples_spec,
    trend_spec,
)
from stuurdata.dashboards.config import Panel
from stuurdata.dashboards.data import AreaRef, Cell
from stuurdata.dashboards.panels import CellIndex, Selection, panel_data

LABEL = SeriesLabel("Inwoners", "aantal", 0)
SHARE = SeriesLabel("Aandeel", "%", 1)


def test_trend_leaves_suppressed_values_out() -> None:
    spec = trend_spec(
        "Trend",
        ["2024", "2025"],
        [("a", LABEL, [10.0, None]), ("b", SHARE, [None, 0.0])],
        "nl",
        "P",
    )
    assert spec is not None
    values = spec["data"]["values"]
    assert values == [
        {"period": "2024", "series": "Inwoners", "value": 10.0},
        {"period": "2025", "series": "Aandeel", "value": 0.0},  # a real 0 stays 0
    ]
    assert spec["description"] == "Trend"
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["encoding"]["x"]["sort"] == ["2024", "2025"]
    json.dumps(spec)  # serialisable as the page's data attribute


def test_nothing_to_plot_gives_no_chart() -> None:
    assert trend_spec("T", ["2024", "2025"], [("a", LABEL, [None, None])], "nl", "P") is None
    assert trend_spec("T", ["2024"], [("a", LABEL, [1.0])], "nl", "P") is None
    assert bars_spec("B", [("Noord", None)], LABEL, "en") is None
    assert (
        small_multiples_spec("S", ["2024", "2025"], [("a", LABEL, [None, None])], "nl", "P") is None
    )


def test_bars_in_english_locale() -> None:
    spec = bars_spec("B", [("Noord", 5.0), ("Zuid", None)], SHARE, "en")
    assert spec is not None
    assert spec["data"]["values"] == [{"area": "Noord", "value": 5.0}]
    assert spec["config"]["locale"]["number"]["decimal"] == "."
    assert spec["encoding"]["x"]["axis"]["format"] == ",.1f"


def test_small_multiples_have_independent_scales() -> None:
    spec = small_multiples_spec(
        "S", ["2024", "2025"], [("a", LABEL, [1.0, 2.0]), ("b", SHARE, [3.0, None])], "nl", "P"
    )
    assert spec is not None
    assert spec["resolve"] == {"scale": {"y": "independent"}}
    assert spec["facet"]["sort"] == ["Inwoners", "Aandeel (%)"]
    assert len(spec["data"]["values"]) == 3


def test_panel_spec_names_duplicate_areas_by_code() -> None:
    gemeente = AreaRef("GM0001", "G", "gemeente")
    twins = (AreaRef("BU1", "Dorp", "buurt"), AreaRef("BU2", "Dorp", "buurt"))
    cells = [Cell("x", "2025", "BU1", 1.0, "ok"), Cell("x", "2025", "BU2", 2.0, "ok")]
    panel = Panel.model_validate(
        {
            "id": "p",
            "kind": "bars",
            "title": {"nl": "T", "en": "T"},
            "indicators": ["x"],
            "level": "buurt",
        }
    )
    data = panel_data(
        panel, Selection(gemeente, None, (), {"buurt": twins}), CellIndex(cells), {"x": ["2025"]}
    )
    spec = panel_spec(data, {"x": LABEL}, "nl", "Periode")
    assert spec is not None
    assert [v["area"] for v in spec["data"]["values"]] == ["Dorp (BU1)", "Dorp (BU2)"]
    table = Panel.model_validate(
        {"id": "t", "kind": "table", "title": {"nl": "T", "en": "T"}, "indicators": ["x"]}
    )
    table_data = panel_data(table, Selection(gemeente, None), CellIndex(cells), {"x": ["2025"]})
    assert panel_spec(table_data, {"x": LABEL}, "nl", "Periode") is None
