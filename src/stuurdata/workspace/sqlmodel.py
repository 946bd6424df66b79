# SPDX-License-Identifier: EUPL-1.2
"""SQL models: one SELECT per file, dependencies read with SQLGlot."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from stuurdata.errors import Problem

LAYERS: tuple[str, ...] = ("staging", "marts")
"""Model layers, in the order data flows. ``raw`` and ``areas`` are loaded, not modelled."""
LOADED_SCHEMAS: tuple[str, ...] = ("raw", "areas")


@dataclass(frozen=True)
class SqlModel:
    name: str
    """``<layer>.<file stem>``, e.g. ``marts.bevolking_per_buurt``."""
    layer: str
    sql: str
    path: Path
    depends_on: frozenset[str]
    """Qualified tables the SELECT reads (CTE names excluded)."""


def parse_model(path: Path, layer: str, file_label: str) -> tuple[SqlModel | None, list[Problem]]:
    """Parse a model file; a problem (with line) when it is not exactly one SELECT."""
    sql = path.read_text(encoding="utf-8").strip().rstrip(";").strip()
    name = f"{layer}.{path.stem}"
    if not sql:
        return None, [Problem(file_label, "sql", "leeg model: verwacht één SELECT-query")]
    try:
        statements = [s for s in sqlglot.parse(sql, read="duckdb") if s is not None]
    except ParseError as exc:
        first = exc.errors[0] if exc.errors else {}
        return None, [
            Problem(
                file_label,
                "sql",
                f"SQL niet te lezen: {first.get('description', exc)}",
                row=first.get("line"),
            )
        ]
    if len(statements) != 1 or not isinstance(statements[0], exp.Query):
        return None, [Problem(file_label, "sql", "een model is precies één SELECT-query", row=1)]
    return SqlModel(name, layer, sql, path, _dependencies(statements[0])), []


def _dependencies(query: exp.Query) -> frozenset[str]:
    ctes = {cte.alias_or_name for cte in query.find_all(exp.CTE)}
    found: set[str] = set()
    for table in query.find_all(exp.Table):
        if not table.name or (not table.db and table.name in ctes):
            continue
        found.add(f"{table.db}.{table.name}" if table.db else table.name)
    return frozenset(found)
