# SPDX-License-Identifier: EUPL-1.2
"""Casting and rules of validate_and_cast, on Arrow tables as the connectors return them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from stuurdata.sources.connector import ReadResult
from stuurdata.sources.files.paths import FILE_OFFSETS
from stuurdata.sources.validate import (
    MAX_PROBLEMS,
    MORE_PROBLEMS,
    RuleContext,
    mask_value,
    validate_and_cast,
)
from stuurdata.workspace.config import Source

Make = Callable[..., Source]


def run(
    make_source: Make, context: RuleContext, data: dict[str, list[Any]], **source: Any
) -> tuple[pa.Table, list[Any], list[bool]]:
    read = ReadResult(table=pa.table(data), files=(Path("data.csv"),))
    typed, problems, bad = validate_and_cast(read, make_source(**source), context)
    return typed, problems, bad.to_pylist()


def test_types_are_cast(make_source: Make, context: RuleContext) -> None:
    typed, problems, bad = run(
        make_source,
        context,
        {
            "Aantal": ["1", " -7 "],
            "BEDRAG": ["12,50", "3"],
            "datum": ["31-01-2024", "2024-02-01"],
            "actief": ["Ja", "n"],
            "moment": ["2024-01-31 13:45:00", "2024-01-31T01:02"],
            "tekst": [" a ", ""],
        },
        options={"decimal": ","},
        columns=[
            {"name": "tekst", "required": False},
            {"name": "aantal", "type": "integer"},
            {"name": "bedrag", "type": "decimal"},
            {"name": "datum", "type": "date", "format": "%d-%m-%Y"},
            {"name": "actief", "type": "boolean"},
            {"name": "moment", "type": "timestamp"},
        ],
    )
    assert problems == []
    assert bad == [False, False]
    assert typed.column_names == ["tekst", "aantal", "bedrag", "datum", "actief", "moment"]
    assert typed.to_pylist() == [
        {
            "tekst": "a",
            "aantal": 1,
            "bedrag": 12.5,
            "datum": dt.date(2024, 1, 31),
            "actief": True,
            "moment": dt.datetime(2024, 1, 31, 13, 45),
        },
        {
            "tekst": None,
            "aantal": -7,
            "bedrag": 3.0,
            "datum": dt.date(2024, 2, 1),
            "actief": False,
            "moment": dt.datetime(2024, 1, 31, 1, 2),
        },
    ]


def test_strict_casts(make_source: Make, context: RuleContext) -> None:
    values = ["1e3", "0x10", "1_000", "1.0", "12"]
    _, problems, bad = run(
        make_source, context, {"n": values}, columns=[{"name": "n", "type": "integer"}]
    )
    assert bad == [True, True, True, True, False]
    assert [p.found for p in problems] == values[:4]  # not personal: values are shown
    assert {p.rule for p in problems} == {"type"}


def test_typed_input_from_parquet(make_source: Make, context: RuleContext) -> None:
    typed, problems, bad = run(
        make_source,
        context,
        {"n": pa.array([3.0, 1.5]), "d": pa.array([1, 0], pa.int8())},
        columns=[{"name": "n", "type": "integer"}, {"name": "d", "type": "boolean"}],
    )
    assert bad == [False, True]
    assert typed.column("n").to_pylist() == [3, None]
    assert typed.column("d").to_pylist() == [True, False]
    assert problems[0].found == "1.5"


def test_postcode_is_normalised(make_source: Make, context: RuleContext) -> None:
    typed, problems, _ = run(
        make_source,
        context,
        {"pc": ["1234 ab", "9999ZZ"]},
        columns=[{"name": "pc", "rules": {"postcode": True}}],
    )
    assert problems == []
    assert typed.column("pc").to_pylist() == ["1234AB", "9999ZZ"]


def test_area_codes(make_source: Make, context: RuleContext) -> None:
    _, problems, bad = run(
        make_source,
        context,
        {"gm": ["GM0402", "GM9999"], "wk": ["WK040201", "WK040201"], "bu": ["x", "BU04020101"]},
        columns=[
            {"name": "gm", "rules": {"gemeentecode": True}},
            {"name": "wk", "rules": {"wijkcode": True}},
            {"name": "bu", "rules": {"buurtcode": True}},
        ],
    )
    assert bad == [True, True]
    assert [(p.rule, p.row, p.found) for p in problems] == [
        ("buurtcode", 1, "x"),
        ("gemeentecode", 2, "GM9999"),
    ]
    assert "grensjaar 2024" in problems[0].message


def test_missing_known_codes_is_a_file_problem(make_source: Make) -> None:
    context = RuleContext(known_codes={}, boundary_year=2024, today=dt.date(2025, 1, 1))
    _, problems, bad = run(
        make_source,
        context,
        {"bu": ["BU04020101"]},
        columns=[{"name": "bu", "rules": {"buurtcode": True}}],
    )
    assert [(p.rule, p.row) for p in problems] == [("buurtcode", None)]
    assert bad == [False]


def test_personal_values_are_masked(make_source: Make, context: RuleContext) -> None:
    _, problems, _ = run(
        make_source,
        context,
        {"geboren": ["gisteren"], "postcode": ["nope"]},
        classification="persoonsgegevens",
        columns=[
            {"name": "geboren", "type": "date"},
            {"name": "postcode", "classification": "intern", "rules": {"postcode": True}},
        ],
    )
    assert [(p.column, p.found) for p in problems] == [
        ("geboren", "<verborgen, 8 tekens>"),
        ("postcode", "nope"),
    ]


def test_mask_value_shows_no_character() -> None:
    assert mask_value("123456782") == "<verborgen, 9 tekens>"
    assert mask_value("") == "(leeg)"
    assert mask_value(None) == "(leeg)"


def test_headers_match_case_insensitively_and_trimmed(
    make_source: Make, context: RuleContext
) -> None:
    typed, problems, _ = run(
        make_source,
        context,
        {" Buurt Code ": ["a"], "extra": ["b"]},
        options={"allow_extra_columns": True},
        columns=[{"name": "buurt", "source_name": "buurt code"}],
    )
    assert problems == []
    assert typed.column_names == ["buurt"]


def test_row_numbers_and_files_come_from_the_read(make_source: Make, context: RuleContext) -> None:
    read = ReadResult(
        table=pa.table({"n": ["1", "x", "2", "y"]}),
        files=(Path("/w/a.csv"), Path("/w/b.csv")),
        row_numbers=pa.array([1, 5, 1, 2]),
        extra={FILE_OFFSETS: "0,2"},
    )
    source = make_source(path="*.csv", columns=[{"name": "n", "type": "integer"}])
    _, problems, _ = validate_and_cast(read, source, context)
    assert [(p.file, p.row) for p in problems] == [("a.csv", 5), ("b.csv", 2)]


def test_problems_are_capped(make_source: Make, context: RuleContext) -> None:
    _, problems, bad = run(
        make_source,
        context,
        {"n": ["x"] * (MAX_PROBLEMS + 234)},
        columns=[{"name": "n", "type": "integer"}],
    )
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].rule == MORE_PROBLEMS
    assert "234" in problems[-1].message
    assert all(bad)


def test_one_of_range_and_date_range(make_source: Make, context: RuleContext) -> None:
    _, problems, _ = run(
        make_source,
        context,
        {
            "n": ["1", "5", "11"],
            "s": ["1", "2", "9"],
            "d": ["2025-06-01", "2025-06-02", "1999-01-01"],
        },
        columns=[
            {"name": "n", "type": "integer", "rules": {"range": {"min": 1, "max": 10}}},
            {"name": "s", "type": "integer", "rules": {"one_of": [1, 2]}},
            {
                "name": "d",
                "type": "date",
                "rules": {"date_range": {"min": "2000-01-01", "max": "today"}},
            },
        ],
    )
    assert [(p.row, p.column, p.rule) for p in problems] == [
        (2, "d", "date_range"),
        (3, "n", "range"),
        (3, "s", "one_of"),
        (3, "d", "date_range"),
    ]


def test_without_declared_columns_the_table_is_kept(
    make_source: Make, context: RuleContext
) -> None:
    typed, problems, bad = run(make_source, context, {"A": [1, 2]})
    assert typed.column_names == ["A"]
    assert problems == []
    assert bad == [False, False]


def python_elfproef(value: str) -> bool:
    if len(value) != 9 or not value.isdigit() or value == "000000000":
        return False
    digits = [int(c) for c in value]
    return (sum(w * d for w, d in zip(range(9, 1, -1), digits, strict=False)) - digits[8]) % 11 == 0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.from_regex(r"[0-9]{8,10}|[0-9A]{9}", fullmatch=True), min_size=1, max_size=30))
def test_elfproef_matches_python(values: list[str]) -> None:
    source = Source.model_validate(
        {
            "name": "b",
            "title": "t",
            "owner": "o",
            "classification": "intern",
            "connector": "csv",
            "path": "x.csv",
            "columns": [{"name": "bsn", "pseudonymise": True, "rules": {"elfproef": True}}],
        }
    )
    context = RuleContext(known_codes={}, boundary_year=2024, today=dt.date(2025, 1, 1))
    read = ReadResult(table=pa.table({"bsn": values}), files=(Path("x.csv"),))
    _, _, bad = validate_and_cast(read, source, context)
    assert bad.to_pylist() == [not python_elfproef(v) for v in values]


def test_iso_dates_are_strict_without_format(make_source: Make, context: RuleContext) -> None:
    _, problems, bad = run(
        make_source,
        context,
        {"d": ["2024-01-05", "2024-1-5", "2024/01/05"]},
        columns=[{"name": "d", "type": "date"}],
    )
    assert bad == [False, True, True]
    assert problems[0].expected == "datum als 2024-01-31"
