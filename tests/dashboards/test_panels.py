# SPDX-License-Identifier: EUPL-1.2
"""Panel tables and their CSV: every panel kind, suppressed cells kept with their reason."""

from __future__ import annotations

import csv
import io

from stuurdata.dashboards.config import Dashboard, Panel
from stuurdata.dashboards.data import AreaRef, Cell
from stuurdata.dashboards.panels import (
    CSV_COLUMNS,
    CellIndex,
    Selection,
    csv_number,
    dashboard_data,
    needed_areas,
    panel_csv,
    panel_data,
)

GEMEENTE = AreaRef("GM0001", "Bollenwaard", "gemeente")
REGIO = AreaRef("RG01", "Regio", "regio")
WIJKEN = (AreaRef("WK000101", "Centrum", "wijk"), AreaRef("WK000102", "Noord", "wijk"))
SELECTION = Selection(GEMEENTE, None, (REGIO,), {"wijk": WIJKEN})
PERIODS = {"inwoners": ["2024-01-01", "2025-01-01"], "aandeel": ["2024-01-01", "2025-01-01"]}
CELLS = [
    Cell("inwoners", "2024-01-01", "GM0001", 1200.0, "ok"),
    Cell("inwoners", "2025-01-01", "GM0001", 1250.0, "ok"),
    Cell("inwoners", "2025-01-01", "RG01", 9000.0, "ok"),
    Cell("inwoners", "2025-01-01", "WK000101", 700.0, "ok"),
    Cell("inwoners", "2025-01-01", "WK000102", None, "geheim"),
    Cell("aandeel", "2024-01-01", "GM0001", None, "te-weinig-waarnemingen"),
    Cell("aandeel", "2025-01-01", "GM0001", 12.5, "ok"),
]
TITLE = {"nl": "T", "en": "T"}


def _panel(kind: str, indicators: list[str], **extra: object) -> Panel:
    return Panel.model_validate(
        {"id": kind, "kind": kind, "title": TITLE, "indicators": indicators, **extra}
    )


def test_keyfigure_compares_with_the_context() -> None:
    data = panel_data(_panel("keyfigure", ["inwoners"]), SELECTION, CellIndex(CELLS), PERIODS)
    assert [c.period for c in data.columns] == ["2025-01-01"]
    assert [row.area for row in data.rows] == [GEMEENTE, REGIO]
    assert [row.cells[0].value for row in data.rows if row.cells[0]] == [1250.0, 9000.0]


def test_trend_has_a_row_per_period_and_keeps_suppression() -> None:
    data = panel_data(
        _panel("trend", ["inwoners", "aandeel"]), SELECTION, CellIndex(CELLS), PERIODS
    )
    assert [row.period for row in data.rows] == ["2024-01-01", "2025-01-01"]
    suppressed = data.suppressed()
    assert [(c.indicator, c.reason) for c in suppressed] == [("aandeel", "te-weinig-waarnemingen")]
    chosen_year = Selection(GEMEENTE, "2024", (REGIO,), {"wijk": WIJKEN})
    early = panel_data(_panel("trend", ["inwoners"]), chosen_year, CellIndex(CELLS), PERIODS)
    assert [row.period for row in early.rows] == ["2024-01-01"]


def test_bars_and_tables_show_the_areas_of_their_level() -> None:
    bars = panel_data(
        _panel("bars", ["inwoners"], level="wijk"), SELECTION, CellIndex(CELLS), PERIODS
    )
    assert [row.label for row in bars.rows] == ["Centrum", "Noord"]
    assert bars.rows[1].cells[0] == Cell("inwoners", "2025-01-01", "WK000102", None, "geheim")
    own = panel_data(_panel("table", ["inwoners", "aandeel"]), SELECTION, CellIndex(CELLS), PERIODS)
    assert [row.area for row in own.rows] == [GEMEENTE]
    missing = panel_data(
        _panel("table", ["inwoners"], level="buurt"), SELECTION, CellIndex(CELLS), PERIODS
    )
    assert missing.rows == () and missing.empty


def test_fixed_period_without_values_gives_empty_cells() -> None:
    data = panel_data(
        _panel("table", ["inwoners"], period="2020-01-01"), SELECTION, CellIndex(CELLS), PERIODS
    )
    assert data.columns[0].period is None and data.rows[0].cells == (None,)


def test_needed_areas_and_dashboard_data() -> None:
    board = Dashboard.model_validate(
        {
            "id": "b",
            "title": TITLE,
            "description": TITLE,
            "owner": "team",
            "panels": [
                {"id": "k", "kind": "keyfigure", "title": TITLE, "indicators": ["inwoners"]},
                {
                    "id": "w",
                    "kind": "bars",
                    "title": TITLE,
                    "indicators": ["inwoners"],
                    "level": "wijk",
                },
            ],
        }
    )
    assert needed_areas(board, SELECTION) == {"GM0001", "RG01", "WK000101", "WK000102"}
    assert [d.panel.id for d in dashboard_data(board, SELECTION, CELLS, PERIODS)] == ["k", "w"]


def test_csv_writes_suppressed_values_empty_with_their_reason() -> None:
    data = panel_data(
        _panel("bars", ["inwoners"], level="wijk"), SELECTION, CellIndex(CELLS), PERIODS
    )
    rows = list(csv.reader(io.StringIO(panel_csv(data, {"geheim": "geheim (label)"}))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1] == ["WK000101", "Centrum", "inwoners", "2025-01-01", "700", "", ""]
    assert rows[2] == [
        "WK000102",
        "Noord",
        "inwoners",
        "2025-01-01",
        "",
        "geheim",
        "geheim (label)",
    ]


def test_csv_numbers() -> None:
    assert csv_number(700.0) == "700"
    assert csv_number(12.5) == "12.5"
    assert csv_number(0.1 + 0.2) == repr(0.1 + 0.2)
