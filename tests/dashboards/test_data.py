# SPDX-License-Identifier: EUPL-1.2
"""Reading published cells: suppressed values stay empty with their reason, never 0."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from stuurdata.dashboards.data import (
    AreaRef,
    comparison_areas,
    period_for,
    published_periods,
    read_cells,
    years_of,
)

ROWS = [
    ("inwoners", "2024-01-01", "GM0001", "gemeente", 1200.0, "ok"),
    ("inwoners", "2025-01-01", "GM0001", "gemeente", 1250.0, "ok"),
    ("inwoners", "2025-01-01", "BU00010001", "buurt", None, "te-weinig-waarnemingen"),
    ("wmo", "2025-01-01", "BU00010001", "buurt", None, "geheim"),
    ("wmo", "2025-01-01", "BU00010002", "buurt", float("nan"), "geheim-afgeleid"),
    ("contacten", "2024", "GM0001", "gemeente", 5.0, "ok"),
]


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    connection.execute("CREATE SCHEMA published; CREATE SCHEMA cube")
    connection.execute(
        "CREATE TABLE published.indicators (indicator VARCHAR, period VARCHAR, "
        "area_code VARCHAR, area_level VARCHAR, value DOUBLE, reason VARCHAR, rounded BOOLEAN)"
    )
    connection.executemany(
        "INSERT INTO published.indicators VALUES (?, ?, ?, ?, ?, ?, false)", ROWS
    )
    connection.execute(
        "CREATE TABLE cube.regio_leden AS SELECT * FROM (VALUES "
        "('RG01', 'Regio', 'regio', 'GM0001', 2), ('RG01', 'Regio', 'regio', 'GM0002', 2), "
        "('VG03', 'Gemeenten met 10 000 tot 20 000 inwoners', 'vergelijkingsgroep', 'GM0001', 2))"
        " AS r(regio_code, regio_naam, soort, gemeente_code, leden)"
    )
    yield connection
    connection.close()


def test_read_cells_keeps_suppressed_values_empty(con: duckdb.DuckDBPyConnection) -> None:
    cells = read_cells(con, ["inwoners", "wmo"], ["GM0001", "BU00010001", "BU00010002"])
    assert len(cells) == 5
    by_key = {(c.indicator, c.period, c.area_code): c for c in cells}
    assert by_key[("inwoners", "2025-01-01", "GM0001")].value == 1250.0
    assert by_key[("inwoners", "2025-01-01", "GM0001")].shown
    for key, reason in [
        (("inwoners", "2025-01-01", "BU00010001"), "te-weinig-waarnemingen"),
        (("wmo", "2025-01-01", "BU00010001"), "geheim"),
        (("wmo", "2025-01-01", "BU00010002"), "geheim-afgeleid"),
    ]:
        cell = by_key[key]
        assert cell.value is None and cell.reason == reason and not cell.shown


def test_read_cells_only_what_was_asked(con: duckdb.DuckDBPyConnection) -> None:
    assert {c.area_code for c in read_cells(con, ["inwoners"], ["GM0001"])} == {"GM0001"}
    assert read_cells(con, [], ["GM0001"]) == []
    assert read_cells(con, ["inwoners"], []) == []


def test_without_published_indicators_nothing_is_read() -> None:
    with duckdb.connect() as empty:
        assert read_cells(empty, ["inwoners"], ["GM0001"]) == []
        assert published_periods(empty, ["inwoners"]) == {}
        assert comparison_areas(empty, "GM0001") == []


def test_periods_and_years(con: duckdb.DuckDBPyConnection) -> None:
    periods = published_periods(con, ["inwoners", "contacten"])
    assert periods == {"inwoners": ["2024-01-01", "2025-01-01"], "contacten": ["2024"]}
    assert years_of(periods) == ["2025", "2024"]


@pytest.mark.parametrize(
    ("year", "fixed", "expected"),
    [
        (None, None, "2025-01-01"),
        ("2024", None, "2024-01-01"),
        ("2023", None, None),
        ("2026", None, "2025-01-01"),
        (None, "2024-01-01", "2024-01-01"),
        ("2025", "2023-01-01", None),
    ],
)
def test_period_for(year: str | None, fixed: str | None, expected: str | None) -> None:
    assert period_for(["2024-01-01", "2025-01-01"], year, fixed) == expected


def test_comparison_areas(con: duckdb.DuckDBPyConnection) -> None:
    assert comparison_areas(con, "GM0001") == [
        AreaRef("RG01", "Regio", "regio"),
        AreaRef("VG03", "Gemeenten met 10 000 tot 20 000 inwoners", "regio"),
    ]
    assert comparison_areas(con, "GM0002") == [AreaRef("RG01", "Regio", "regio")]
