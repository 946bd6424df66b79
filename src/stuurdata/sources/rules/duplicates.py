# SPDX-License-Identifier: EUPL-1.2
"""Checks for ``unique`` columns and the composite ``key`` of a source.

Duplicates are found before the main validation pass: first by grouping 64-bit hashes of the
typed values (cheap), then exactly, only for the candidate hashes. A check is returned only
where duplicates exist; its message lists the rows that share the value.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from stuurdata.sources.rules.checks import Check
from stuurdata.workspace.config import Column, Source


def duplicate_checks(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    base: str,
    is_protected: Callable[[Column, Source], bool],
) -> list[Check]:
    """Checks for ``unique`` columns and the composite ``key``; only where duplicates exist."""
    index = {c.name: i for i, c in enumerate(source.columns)}
    groups: list[tuple[str, list[str]]] = []
    for column in source.columns:
        if column.rules.unique:
            groups.append(("unique", [column.name]))
    if source.key and not (len(source.key) == 1 and ("unique", source.key) in groups):
        groups.append(("key", list(source.key)))
    checks: list[Check] = []
    for number, (rule, names) in enumerate(groups):

        def key_of(prefix: str, names: list[str] = names) -> str:
            parts = [f"CAST({prefix}x{index[n]} AS VARCHAR)" for n in names]
            return parts[0] if len(parts) == 1 else f"[{', '.join(parts)}]"

        key = key_of("")
        table = f"dup_{number}"
        present = " AND ".join(f"x{index[n]} IS NOT NULL" for n in names)
        hashed = f"hash({', '.join(f'x{index[n]}' for n in names)})"
        # Grouping 64-bit hashes is much cheaper than grouping text; exact check on candidates.
        candidates = con.sql(
            f"SELECT {hashed} AS h FROM ({base}) WHERE {present} GROUP BY h HAVING count(*) > 1"
        ).to_arrow_table()
        if candidates.num_rows == 0:
            continue
        con.register(f"{table}_h", candidates)
        dups = con.sql(
            f"SELECT {key} AS k FROM ({base}) WHERE {present} "
            f"AND {hashed} IN (SELECT h FROM {table}_h) GROUP BY ALL HAVING count(*) > 1"
        ).to_arrow_table()
        if dups.num_rows == 0:
            continue
        con.register(table, dups)
        detail = (
            f"(SELECT array_to_string(list_slice(list(o.__row ORDER BY o.__row), 1, 10), ', ') "
            f"FROM b AS o WHERE {key_of('o.')} = {key_of('b.')})"
        )
        columns = [c for c in source.columns if c.name in names]
        protected = any(is_protected(c, source) for c in columns)
        found = " || ', ' || ".join(f"COALESCE(r{index[n]}, '')" for n in names)
        label = ", ".join(names)
        message = (
            "waarde komt vaker voor" if rule == "unique" else f"sleutel ({label}) komt vaker voor"
        )
        checks.append(
            Check(
                label,
                rule,
                f"{key} IN (SELECT k FROM {table})",
                message,
                "unieke waarde" if rule == "unique" else "unieke sleutel",
                found,
                protected,
                detail,
            )
        )
    return checks
