# SPDX-License-Identifier: EUPL-1.2
"""From the raw input column to a typed value, strictly: '1e3' is no integer, '2024-1-5' no date."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pyarrow as pa

from stuurdata.sources.rules.sql import literal
from stuurdata.workspace.config import Column, ColumnType

INTEGER_TEXT = r"[+-]?[0-9]+"
DECIMAL_TEXT = r"[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)"
ISO_TIMESTAMP = r"[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?"
TRUE_WORDS = ("ja", "j", "true", "t", "1", "waar", "yes", "y")
FALSE_WORDS = ("nee", "n", "false", "f", "0", "onwaar", "no")

ARROW_TYPES: dict[ColumnType, pa.DataType] = {
    ColumnType.STRING: pa.string(),
    ColumnType.INTEGER: pa.int64(),
    ColumnType.DECIMAL: pa.float64(),
    ColumnType.DATE: pa.date32(),
    ColumnType.TIMESTAMP: pa.timestamp("us"),
    ColumnType.BOOLEAN: pa.bool_(),
    ColumnType.GEOMETRY: pa.binary(),
}


@dataclass(frozen=True)
class ColumnSql:
    """SQL expressions for one declared column over the raw input column ``raw``."""

    value: str
    """The value, NULL when absent (text is trimmed, '' counts as absent)."""
    text: str
    """The value as text, for text rules (elfproef, pattern, one_of)."""
    typed: str
    """The value in the declared type, NULL when it cannot be cast."""
    expected: str
    """Dutch description of a valid value of the type, for problems."""


def _in(words: tuple[str, ...]) -> str:
    return ", ".join(literal(w) for w in words)


def column_sql(
    column: Column, raw: str, input_type: pa.DataType, decimal: str, ref: str
) -> ColumnSql:
    """Value, text and typed expressions of ``column`` read from input column ``raw``.

    ``value`` is computed from ``raw``; ``text`` and ``typed`` refer to the value by the alias
    ``ref`` (a query level further out), so the trim is computed once per value.
    """
    is_text = pa.types.is_string(input_type) or pa.types.is_large_string(input_type)
    # trim() copies every string; only values with surrounding spaces need it.
    trimmed = (
        f"CASE WHEN prefix({raw}, ' ') OR suffix({raw}, ' ') THEN NULLIF(trim({raw}), '') "
        f"ELSE NULLIF({raw}, '') END"
    )
    value_sql = trimmed if is_text else raw
    value = ref
    text = value if is_text else f"CAST({value} AS VARCHAR)"
    kind = column.type
    if kind is ColumnType.STRING:
        typed = f"upper(replace({text}, ' ', ''))" if column.rules.postcode else text
        return ColumnSql(value_sql, text, typed, "tekst")
    if kind is ColumnType.INTEGER:
        return ColumnSql(value_sql, text, _integer(value, input_type, is_text), "geheel getal")
    if kind is ColumnType.DECIMAL:
        return replace(_decimal(value, text, input_type, is_text, decimal), value=value_sql)
    if kind in (ColumnType.DATE, ColumnType.TIMESTAMP):
        return replace(_temporal(column, value, text, input_type, is_text), value=value_sql)
    if kind is ColumnType.BOOLEAN:
        if is_text:
            typed = (
                f"CASE WHEN lower({value}) IN ({_in(TRUE_WORDS)}) THEN true "
                f"WHEN lower({value}) IN ({_in(FALSE_WORDS)}) THEN false END"
            )
        elif pa.types.is_boolean(input_type):
            typed = value
        else:
            typed = f"CASE WHEN {value} = 1 THEN true WHEN {value} = 0 THEN false END"
        return ColumnSql(value_sql, text, typed, "ja/nee (ja, nee, j, n, true, false, 1, 0)")
    binary = pa.types.is_binary(input_type) or pa.types.is_large_binary(input_type)
    typed = f"CAST({value} AS BLOB)" if binary else "CAST(NULL AS BLOB)"
    return ColumnSql(value_sql, text, typed, "geometrie (WKB)")


def _integer(value: str, input_type: pa.DataType, is_text: bool) -> str:
    if is_text:
        return f"CASE WHEN regexp_full_match({value}, '{INTEGER_TEXT}') THEN TRY_CAST({value} AS BIGINT) END"
    if pa.types.is_integer(input_type):
        return f"CAST({value} AS BIGINT)"
    if pa.types.is_floating(input_type) or pa.types.is_decimal(input_type):
        return f"CASE WHEN {value} = trunc({value}) THEN TRY_CAST({value} AS BIGINT) END"
    return f"TRY_CAST({value} AS BIGINT)"


def _decimal(
    value: str, text: str, input_type: pa.DataType, is_text: bool, decimal: str
) -> ColumnSql:
    if not is_text:
        typed = f"TRY_CAST({value} AS DOUBLE)"
        typed = f"CASE WHEN isfinite({typed}) THEN {typed} END"
        return ColumnSql(value, text, typed, "getal")
    number = f"replace({value}, ',', '.')" if decimal == "," else value
    typed = f"CASE WHEN regexp_full_match({number}, '{DECIMAL_TEXT}') THEN TRY_CAST({number} AS DOUBLE) END"
    point = "komma" if decimal == "," else "punt"
    return ColumnSql(value, text, typed, f"getal met decimale {point}, zoals 12{decimal}5")


def _temporal(
    column: Column, value: str, text: str, input_type: pa.DataType, is_text: bool
) -> ColumnSql:
    is_date = column.type is ColumnType.DATE
    target = "DATE" if is_date else "TIMESTAMP"
    label = "datum" if is_date else "tijdstip"
    if not is_text:
        return ColumnSql(value, text, f"TRY_CAST({value} AS {target})", label)
    # LIKE is three times cheaper than a regex; the cast then checks the digits.
    shape = (
        f"{value} LIKE '____-__-__'"
        if is_date
        else f"regexp_full_match({value}, '{ISO_TIMESTAMP}')"
    )
    iso_typed = f"CASE WHEN {shape} THEN TRY_CAST({value} AS {target}) END"
    if column.format is None:
        example = "2024-01-31" if is_date else "2024-01-31 13:45:00"
        return ColumnSql(value, text, iso_typed, f"{label} als {example}")
    parsed = f"CAST(try_strptime({value}, {literal(column.format)}) AS {target})"
    # Spreadsheet cells arrive as ISO text, so ISO is accepted next to the declared format.
    return ColumnSql(
        value, text, f"COALESCE({parsed}, {iso_typed})", f"{label} volgens {column.format}"
    )
