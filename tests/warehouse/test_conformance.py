# SPDX-License-Identifier: EUPL-1.2
"""One conformance suite: the demo region built on DuckDB (the reference), PostgreSQL and Spark,
every table of the version compared cell by cell.

Nothing is skipped: a table, column or row that differs fails the test, unless the difference is
declared below with the reason the engine cannot avoid it. Declared are only *type* differences
where the values are the same; values must be equal (numbers within 1e-9, relative: floating
point sums in another order differ in the last bits).
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from stuurdata.warehouse import build, open_current
from stuurdata.workspace import Workspace
from tests.workspace_config import set_engine

pytestmark = [pytest.mark.slow]

DECLARED_TYPES: dict[str, dict[tuple[str, str], str]] = {
    "postgres": {
        ("HUGEINT", "DECIMAL(38,0)"): "PostgreSQL has no 128-bit integer: sum(bigint) is numeric",
        ("TIMESTAMP_MS", "TIMESTAMP"): "PostgreSQL keeps every timestamp in microseconds",
    },
}
"""(DuckDB type, engine type) -> why the engine cannot give DuckDB's type; values still equal."""
ENGINES = [
    pytest.param("postgres", marks=pytest.mark.postgres),
    pytest.param("spark", marks=pytest.mark.spark),
]
REL_TOL = 1e-9


def _copy_workspace(source: Path, target: Path) -> Path:
    """The demo's definitions and keys, with its (large) data folder linked, not copied."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        if Path(folder) == source:
            return {"data"}
        if Path(folder) == source / ".stuurdata":
            return set(names) - {"secrets"}  # no warehouse or application database
        return set()

    shutil.copytree(source, target, symlinks=True, ignore=ignore)
    (target / "data").symlink_to(source / "data")
    return target


@pytest.fixture(scope="module")
def served(
    demo_workspace: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Callable[[str], Path]:
    """Serving copy (DuckDB file) of the demo built on an engine; each built once, when first
    asked for."""
    found: dict[str, Path] = {}

    def serving_copy(kind: str) -> Path:
        if kind not in found:
            root = _copy_workspace(demo_workspace, tmp_path_factory.mktemp("conformance") / kind)
            with pytest.MonkeyPatch.context() as monkeypatch:
                if kind == "postgres":
                    url = request.getfixturevalue("postgres").new_database("conformance")
                    monkeypatch.setenv("STUURDATA_CONFORMANCE_DSN", url)
                    set_engine(root, kind="postgres", dsn={"env": "STUURDATA_CONFORMANCE_DSN"})
                elif kind == "spark":
                    set_engine(root, kind="spark", threads=2)
                build(Workspace.load(root))
            version = open_current(root)
            assert version is not None
            assert version.manifest.engine == kind
            found[kind] = version.database
        return found[kind]

    return serving_copy


def _columns(con: duckdb.DuckDBPyConnection, db: str) -> dict[str, list[tuple[str, str]]]:
    rows = con.execute(
        "SELECT schema_name || '.' || table_name, column_name, data_type FROM duckdb_columns() "
        "WHERE database_name = ? AND schema_name <> 'meta' ORDER BY 1, column_index",
        [db],
    ).fetchall()
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        tables.setdefault(str(table), []).append((str(column), str(data_type)))
    return tables


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is b
    numbers = (int, float, Decimal)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool):
        x, y = float(a), float(b)
        return (math.isnan(x) and math.isnan(y)) or math.isclose(
            x, y, rel_tol=REL_TOL, abs_tol=REL_TOL
        )
    return a == b


def _differences(con: duckdb.DuckDBPyConnection, table: str, width: int) -> list[str]:
    """Cells that differ between ``ref.<table>`` and ``eng.<table>`` (rows sorted)."""
    exact = con.execute(
        f"SELECT count(*) FROM (SELECT * FROM ref.{table} EXCEPT ALL SELECT * FROM eng.{table})"
    ).fetchone()
    extra = con.execute(
        f"SELECT count(*) FROM (SELECT * FROM eng.{table} EXCEPT ALL SELECT * FROM ref.{table})"
    ).fetchone()
    if exact == (0,) and extra == (0,):
        return []
    reference = con.execute(f"SELECT * FROM ref.{table} ORDER BY ALL").fetchall()
    engine = con.execute(f"SELECT * FROM eng.{table} ORDER BY ALL").fetchall()
    if len(reference) != len(engine):
        return [f"{table}: {len(reference)} rijen in DuckDB, {len(engine)} hier"]
    return [
        f"{table} rij {i} kolom {j}: DuckDB {x[j]!r}, hier {y[j]!r}"
        for i, (x, y) in enumerate(zip(reference, engine, strict=True))
        for j in range(width)
        if not _same(x[j], y[j])
    ]


@pytest.mark.parametrize("kind", ENGINES)
def test_engine_builds_the_demo_cell_for_cell_like_duckdb(
    kind: str, served: Callable[[str], Path]
) -> None:
    reference, engine = served("duckdb"), served(kind)
    con = duckdb.connect()
    con.execute(f"ATTACH '{reference}' AS ref (READ_ONLY)")
    con.execute(f"ATTACH '{engine}' AS eng (READ_ONLY)")
    ref_tables, eng_tables = _columns(con, "ref"), _columns(con, "eng")
    assert sorted(eng_tables) == sorted(ref_tables), "the same tables"
    assert any(t.startswith("published.") for t in ref_tables)
    declared = DECLARED_TYPES.get(kind, {})
    problems: list[str] = []
    compared_cells = 0
    for table, columns in sorted(ref_tables.items()):
        theirs = eng_tables[table]
        if [c for c, _ in theirs] != [c for c, _ in columns]:
            problems.append(f"{table}: kolommen {theirs} in plaats van {columns}")
            continue
        problems += [
            f"{table}.{column}: type {ours} in DuckDB, {other} hier (niet verklaard)"
            for (column, ours), (_, other) in zip(columns, theirs, strict=True)
            if ours != other and (ours, other) not in declared
        ]
        problems += _differences(con, table, len(columns))
        rows = con.execute(f"SELECT count(*) FROM ref.{table}").fetchone()
        compared_cells += (rows[0] if rows else 0) * len(columns)
    ref_manifest = con.execute("SELECT manifest FROM ref.meta.manifest").fetchone()
    eng_manifest = con.execute("SELECT manifest FROM eng.meta.manifest").fetchone()
    assert ref_manifest is not None and eng_manifest is not None
    assert problems == [], "\n".join(problems[:40])
    assert compared_cells > 5_000_000, compared_cells
    con.close()
