# SPDX-License-Identifier: EUPL-1.2
"""Validate and type a read source in one vectorised DuckDB pass over its Arrow table.

:func:`validate_and_cast` matches the file's headers to the declared columns, casts every column
to its declared type and evaluates every rule as SQL. Only when some row is bad does a second
query, over the bad rows alone, produce the :class:`~stuurdata.errors.Problem` list (capped at
:data:`MAX_PROBLEMS`, with a last problem saying how many more there are). Values of protected
columns (pseudonymised, BSN or personal data) are never shown: :func:`mask_value` hides them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from stuurdata.errors import Problem
from stuurdata.sources.connector import ReadResult
from stuurdata.sources.files.paths import FILE_OFFSETS
from stuurdata.sources.pseudonymise import hmac_pads, hmac_sql
from stuurdata.sources.rules.casts import ColumnSql, column_sql
from stuurdata.sources.rules.checks import CODE_RULES, Check, column_checks
from stuurdata.sources.rules.duplicates import duplicate_checks
from stuurdata.sources.rules.sql import ident, literal
from stuurdata.workspace.config import Column, ColumnType, Source

MAX_PROBLEMS = 1000
MAX_FOUND = 60
MORE_PROBLEMS = "meer_problemen"
"""Rule of the last problem when more than :data:`MAX_PROBLEMS` were found (not a row problem)."""


@dataclass(frozen=True)
class WriteTarget:
    """Where a clean source goes straight away: a table of the unpublished warehouse version.

    Validating into the target saves materialising the typed table in memory and copying it
    again: the one query that casts, checks and pseudonymises also writes. A source with a bad
    row is not written there (the table is dropped again) and comes back as Arrow, as without
    a target.
    """

    con: duckdb.DuckDBPyConnection
    """A cursor of the version's database, for this source only (the caller closes it)."""
    table: str
    """The qualified, quoted table name, e.g. ``"raw"."brp_personen"``."""


@dataclass(frozen=True)
class RuleContext:
    """What rules need from outside the source."""

    known_codes: Mapping[str, frozenset[str]]
    """Keys ``gemeente``, ``wijk``, ``buurt``: the codes of the boundary year."""
    boundary_year: int
    today: dt.date


def is_protected(column: Column, source: Source) -> bool:
    """True when values of ``column`` may never be shown: pseudonymised, BSN or personal data."""
    classification = column.classification or source.classification
    return column.pseudonymise or column.rules.elfproef or classification.is_personal


def mask_value(value: str | None) -> str:
    """A protected value as shown in a problem: its length only, never a character of it."""
    if value is None or value == "":
        return "(leeg)"
    return f"<verborgen, {len(value)} {'teken' if len(value) == 1 else 'tekens'}>"


def shown_value(value: str | None, protected: bool) -> str:
    if protected:
        return mask_value(value)
    if value is None or value.strip() == "":
        return "(leeg)"
    return value if len(value) <= MAX_FOUND else value[: MAX_FOUND - 1] + "…"


def _key(name: str) -> str:
    return name.strip().casefold()


def match_columns(table: pa.Table, source: Source, file: str) -> tuple[list[int], list[Problem]]:
    """Index of the input column for each declared column, and problems with the headers."""
    by_key: dict[str, int] = {}
    problems: list[Problem] = []
    for index, header in enumerate(table.column_names):
        if _key(header) in by_key:
            problems.append(
                Problem(
                    file,
                    "duplicate_column",
                    f"kolom {header!r} staat er meer dan eens",
                    row=0,
                    column=header,
                )
            )
        by_key.setdefault(_key(header), index)
    delimiter = _wrong_delimiter(table, source, file)
    if delimiter is not None:
        return [-1] * len(source.columns), [*problems, delimiter]
    found: list[int] = []
    for column in source.columns:
        wanted = column.source_name or column.name
        index = by_key.get(_key(wanted), -1)
        if index < 0:
            problems.append(
                Problem(
                    file,
                    "missing_column",
                    f"kolom {wanted!r} ontbreekt in het bestand",
                    row=0,
                    column=column.name,
                    expected=wanted,
                    found=", ".join(table.column_names[:20]) or "(geen kolommen)",
                )
            )
        found.append(index)
    used = set(found)
    if not source.options.get("allow_extra_columns", False):
        for index, header in enumerate(table.column_names):
            if index not in used and _key(header) in by_key and by_key[_key(header)] == index:
                hint = ""
                if any(d in header for d in ";,\t|"):
                    hint = " (verkeerd scheidingsteken? geef 'delimiter' op bij de bron)"
                problems.append(
                    Problem(
                        file,
                        "extra_column",
                        f"onverwachte kolom {header!r}{hint}",
                        row=0,
                        column=header,
                        expected="alleen de gedeclareerde kolommen",
                        found=header,
                    )
                )
    declared = {c.name for c in source.columns}
    for name in source.key:
        if name not in declared:
            problems.append(
                Problem(file, "key", f"sleutelkolom {name!r} is niet gedeclareerd", column=name)
            )
    return found, problems


def _wrong_delimiter(table: pa.Table, source: Source, file: str) -> Problem | None:
    """One clear problem instead of a flood when the whole header landed in one column."""
    if table.num_columns != 1 or len(source.columns) < 2:
        return None
    header = table.column_names[0]
    used = [d for d in ";,\t|" if d in header]
    if not used:
        return None
    declared = source.options.get("delimiter")
    told = f" in plaats van {declared!r}" if declared else ""
    return Problem(
        file,
        "delimiter",
        f"de kopregel is één kolom: het scheidingsteken lijkt {used[0]!r}{told}; "
        "pas 'delimiter' aan bij de bron",
        row=0,
        expected=f"{len(source.columns)} kolommen",
        found="1 kolom",
    )


def _context_problems(source: Source, context: RuleContext, file: str) -> list[Problem]:
    problems: list[Problem] = []
    for column in source.columns:
        for rule, level in CODE_RULES.items():
            if getattr(column.rules, rule) and not context.known_codes.get(level):
                problems.append(
                    Problem(
                        file,
                        rule,
                        f"geen {level}codes bekend voor grensjaar "
                        f"{context.boundary_year}: laad eerst de gebiedsindeling",
                        column=column.name,
                    )
                )
        if column.rules.pattern is not None:
            try:
                with duckdb.connect() as con:
                    con.sql(
                        f"SELECT regexp_full_match('', {literal(column.rules.pattern)})"
                    ).fetchall()
            except duckdb.Error:
                problems.append(
                    Problem(
                        file,
                        "pattern",
                        "ongeldig patroon (reguliere expressie)",
                        column=column.name,
                        expected="een geldige reguliere expressie",
                        found=column.rules.pattern,
                    )
                )
    return problems


def validate_and_cast(
    read: ReadResult,
    source: Source,
    context: RuleContext,
    *,
    keys: Mapping[str, bytes] | None = None,
    into: WriteTarget | None = None,
) -> tuple[pa.Table | None, list[Problem], pa.Array]:
    """Typed table (declared columns, in order), problems, and a mask of the bad rows.

    With ``into``, a source without problems is written to that table and ``None`` comes back
    instead of the typed table.

    ``keys`` maps pseudonymised column names to their HMAC key: those columns then come out
    as pseudonyms (see :mod:`stuurdata.sources.pseudonymise`), computed in the same pass.

    Problems without a data row (missing or extra columns in the header, row 0, or rules that
    cannot run, no row) mean the file cannot be read at all: the table is then returned as read
    and the mask is all false.
    """
    table = read.table
    file = source.path
    no_rows_bad = pa.array(np.zeros(table.num_rows, dtype=bool))
    if not source.columns:
        return table, [], no_rows_bad
    if table.num_columns == 0 and table.num_rows == 0:  # an allowed empty file
        names = [c.source_name or c.name for c in source.columns]
        table = pa.table({n: pa.array([], pa.string()) for n in names})
    indices, problems = match_columns(table, source, file)
    problems += _context_problems(source, context, file)
    if problems:
        return table, problems, no_rows_bad
    decimal = str(source.options.get("decimal", "."))
    raw = table.select(indices).rename_columns([f"c{i}" for i in range(len(indices))])
    sqls = [
        column_sql(column, f"c{i}", raw.schema.field(i).type, decimal, f"v{i}")
        for i, column in enumerate(source.columns)
    ]
    checks: list[Check] = []
    for i, (column, sql) in enumerate(zip(source.columns, sqls, strict=True)):
        checks += column_checks(
            column,
            i,
            sql.expected,
            protected=is_protected(column, source),
            boundary_year=context.boundary_year,
            today=context.today,
        )
    con = into.con if into is not None else duckdb.connect()
    try:
        for level, codes in context.known_codes.items():
            con.register(f"known_{level}", pa.table({"code": pa.array(sorted(codes), pa.string())}))
        con.register("t", raw)
        base = _base_sql(source, sqls, "t", with_raw=False)
        checks += duplicate_checks(con, source, base, is_protected)
        outputs, params = _outputs(source, keys or {})
        bad_sql = " OR ".join(f"COALESCE({c.violation}, false)" for c in checks) or "false"
        query = f"SELECT {outputs}, ({bad_sql}) AS __bad FROM ({base})"
        if into is not None and _written(con, into.table, query, params):
            return None, [], no_rows_bad
        result = con.sql(query, params=params).to_arrow_table()
        mask = pc.fill_null(result.column("__bad"), False).combine_chunks()
        typed = result.drop_columns(["__bad"])
        if pc.any(mask).as_py():
            problems = _problems(con, read, source, raw, sqls, checks, mask)
    finally:
        if into is None:  # the caller's cursor goes with what was registered on it
            con.close()
    return typed, problems, mask


def _written(con: duckdb.DuckDBPyConnection, table: str, query: str, params: list[bytes]) -> bool:
    """Write the result of the validation ``query`` to ``table``; keep it only when no row is
    bad (then drop the flag column). False, and nothing left behind, otherwise."""
    con.execute(f"CREATE TABLE {table} AS {query}", params)
    row = con.execute(f"SELECT count(*) FROM {table} WHERE __bad").fetchone()
    if row is not None and row[0] == 0:
        con.execute(f"ALTER TABLE {table} DROP COLUMN __bad")
        return True
    con.execute(f"DROP TABLE {table}")
    return False


def _outputs(source: Source, keys: Mapping[str, bytes]) -> tuple[str, list[bytes]]:
    """The output columns: typed, or the pseudonym for columns with a key."""
    parts: list[str] = []
    params: list[bytes] = []
    for i, column in enumerate(source.columns):
        key = keys.get(column.name)
        if key is None:
            parts.append(f"x{i} AS {ident(column.name)}")
            continue
        params += hmac_pads(key)
        inner, outer = f"${len(params) - 1}", f"${len(params)}"
        parts.append(f"{hmac_sql(f'CAST(x{i} AS VARCHAR)', inner, outer)} AS {ident(column.name)}")
    return ", ".join(parts), params


def _base_sql(source: Source, sqls: Sequence[ColumnSql], table: str, *, with_raw: bool) -> str:
    """Two query levels: values (trimmed once), then text, typed and BSN numbers from them."""
    passed = ["__row", "__pos"] if with_raw else []
    values = [*passed] + [f"{sql.value} AS v{i}" for i, sql in enumerate(sqls)]
    derived = [*passed] + [f"v{i}" for i in range(len(sqls))]
    for i, (column, sql) in enumerate(zip(source.columns, sqls, strict=True)):
        derived += [f"{sql.text} AS s{i}", f"{sql.typed} AS x{i}"]
        if column.rules.elfproef:
            number = f"x{i}" if column.type is ColumnType.INTEGER else f"TRY_CAST(s{i} AS BIGINT)"
            derived.append(f"{number} AS n{i}")
        if with_raw:
            values.append(f"CAST(c{i} AS VARCHAR) AS r{i}")
            derived.append(f"r{i}")
    inner = f"SELECT {', '.join(values)} FROM {table}"
    return f"SELECT {', '.join(derived)} FROM ({inner})"


def _problems(
    con: duckdb.DuckDBPyConnection,
    read: ReadResult,
    source: Source,
    raw: pa.Table,
    sqls: Sequence[ColumnSql],
    checks: Sequence[Check],
    mask: pa.Array,
) -> list[Problem]:
    positions = np.flatnonzero(mask.to_numpy(zero_copy_only=False))
    if read.row_numbers is not None:
        rows = pa.array(read.row_numbers.to_numpy(zero_copy_only=False)[positions], pa.int64())
    else:
        rows = pa.array(positions + 1, pa.int64())
    bad = raw.take(pa.array(positions)).append_column("__row", rows)
    bad = bad.append_column("__pos", pa.array(positions, pa.int64()))
    con.register("bad", bad)
    base = _base_sql(source, sqls, "bad", with_raw=True)
    selects = [
        f"SELECT __row, __pos, {n} AS ord, {check.found} AS found, "
        f"{check.detail or 'NULL'} AS detail FROM b WHERE {check.violation}"
        for n, check in enumerate(checks)
    ]
    union = " UNION ALL ".join(selects)
    rows_found = con.sql(
        f"WITH b AS ({base}) SELECT * FROM ({union}) ORDER BY __pos, ord LIMIT {MAX_PROBLEMS}"
    ).fetchall()
    total = con.sql(f"WITH b AS ({base}) SELECT count(*) FROM ({union})").fetchall()[0]
    files = _file_of(read, source)
    problems: list[Problem] = []
    for row, position, ordinal, found, detail in rows_found:
        check = checks[ordinal]
        message = check.message if detail is None else f"{check.message} (rijen {detail})"
        problems.append(
            Problem(
                files(position),
                check.rule,
                message,
                row=row,
                column=check.column,
                expected=check.expected,
                found=shown_value(found, check.protected),
            )
        )
    more = (total[0] if total else 0) - len(problems)
    if more > 0:
        problems.append(
            Problem(
                source.path,
                MORE_PROBLEMS,
                f"en nog {more} problemen; alleen de eerste {MAX_PROBLEMS} staan hier",
            )
        )
    return problems


def _file_of(read: ReadResult, source: Source) -> _FileLookup:
    offsets = read.extra.get(FILE_OFFSETS)
    if not offsets or len(read.files) < 2:
        return _FileLookup([0], [source.path])
    return _FileLookup([int(o) for o in offsets.split(",")], [Path(f).name for f in read.files])


class _FileLookup:
    def __init__(self, offsets: list[int], names: list[str]) -> None:
        self.offsets = np.array(offsets)
        self.names = names

    def __call__(self, position: int) -> str:
        index = int(np.searchsorted(self.offsets, position, side="right")) - 1
        return self.names[max(index, 0)]
