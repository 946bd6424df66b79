# SPDX-License-Identifier: EUPL-1.2
"""Where SQL endpoint queries run: an in-memory DuckDB per published version that only sees
views of the public tables.

The published version's file is attached read-only under an internal name; views in schemas
``published`` and ``areas`` (attributes only, no geometry) are the only names a checked query
can reach. Then file system access (``enable_external_access``), extension loading and every
further configuration change are switched off and locked. Each query runs on a fresh
connection (``cursor()``) to this database, interrupted from a timer thread at the time limit.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import duckdb

from stuurdata.api.sql.guard import CheckedQuery, SqlRefusedError

ATTACHED: Final = "stuurdata_published_version"
AREA_TABLES: Final = ("gemeenten", "wijken", "buurten", "regios")
AREA_COLUMNS: Final = (
    "code, name, level, parent_code, year, water, area_m2, centroid_x, centroid_y, lon, lat"
)


@dataclass(frozen=True)
class SqlLimits:
    """Bounds of one query: seconds before it is interrupted, rows returned, memory, threads."""

    seconds: float = 5.0
    row_cap: int = 1000
    memory_limit: str = "512MB"
    threads: int = 1
    concurrent: int = 4
    cached_results: int = 256
    """Results kept per version (a version never changes, so neither do its answers)."""


@dataclass(frozen=True)
class SqlResult:
    columns: list[str]
    types: list[str]
    rows: list[list[Any]]
    truncated: bool
    seconds: float


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, bytes | bytearray | memoryview):
        return None  # binary values (geometry) are not part of any public table
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    return str(value)


class Sandbox:
    """The query database of one published version; :meth:`run` is safe from many threads."""

    def __init__(
        self, database: Path, public_tables: Sequence[str], limits: SqlLimits | None = None
    ) -> None:
        self.limits = limits or SqlLimits()
        self._slots = threading.BoundedSemaphore(self.limits.concurrent)
        self._results: OrderedDict[str, SqlResult] = OrderedDict()
        self._results_lock = threading.Lock()
        self._con = duckdb.connect(
            ":memory:",
            config={"threads": self.limits.threads, "memory_limit": self.limits.memory_limit},
        )
        con = self._con
        path = str(database).replace("'", "''")
        con.execute(f"ATTACH '{path}' AS {ATTACHED} (READ_ONLY)")
        present = {
            f"{schema}.{name}"
            for schema, name in con.execute(
                "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ?",
                [ATTACHED],
            ).fetchall()
        }
        self.tables: list[str] = []
        con.execute("CREATE SCHEMA published")
        con.execute("CREATE SCHEMA areas")
        for name in public_tables:
            if name in present and name.startswith("published."):
                table = name.split(".")[1]
                con.execute(
                    f'CREATE VIEW published."{table}" AS '
                    f'SELECT * FROM {ATTACHED}.published."{table}"'
                )
                self.tables.append(name)
        for table in AREA_TABLES:
            if f"areas.{table}" in present:
                con.execute(
                    f'CREATE VIEW areas."{table}" AS '
                    f'SELECT {AREA_COLUMNS} FROM {ATTACHED}.areas."{table}"'
                )
                self.tables.append(f"areas.{table}")
        con.execute("SET enable_external_access = false")
        con.execute("SET autoload_known_extensions = false")
        con.execute("SET autoinstall_known_extensions = false")
        con.execute("SET lock_configuration = true")

    def columns(self, table: str) -> list[tuple[str, str]]:
        """Column names and DuckDB types of a public table."""
        if table not in self.tables:
            return []
        schema, name = table.split(".")
        cursor = self._con.cursor()
        try:
            rows = cursor.execute(f'DESCRIBE {schema}."{name}"').fetchall()
        finally:
            cursor.close()
        return [(str(r[0]), str(r[1])) for r in rows]

    def run(self, query: CheckedQuery) -> SqlResult:
        """Run a checked query within the limits; raises :class:`SqlRefusedError` on refusal.

        Answers are kept per version (LRU): the version is immutable, so a repeated query is
        answered from memory."""
        with self._results_lock:
            found = self._results.get(query.sql)
            if found is not None:
                self._results.move_to_end(query.sql)
                return found
        result = self._run_limited(query)
        if self.limits.cached_results > 0:
            with self._results_lock:
                self._results[query.sql] = result
                while len(self._results) > self.limits.cached_results:
                    self._results.popitem(last=False)
        return result

    def _run_limited(self, query: CheckedQuery) -> SqlResult:
        if not self._slots.acquire(timeout=self.limits.seconds):
            raise SqlRefusedError(503, "Het SQL-eindpunt is te druk; probeer het zo opnieuw.")
        try:
            return self._run(query)
        finally:
            self._slots.release()

    def _run(self, query: CheckedQuery) -> SqlResult:
        cursor = self._con.cursor()
        timed_out = threading.Event()

        def stop() -> None:
            timed_out.set()
            cursor.interrupt()

        timer = threading.Timer(self.limits.seconds, stop)
        started = time.perf_counter()
        timer.start()
        try:
            relation = cursor.execute(query.sql)
            description = relation.description or []
            rows = relation.fetchmany(query.row_cap + 1)
        except duckdb.Error as exc:
            raise self._refusal(exc, timed_out.is_set()) from None
        finally:
            timer.cancel()
            cursor.close()
        seconds = time.perf_counter() - started
        truncated = len(rows) > query.row_cap
        return SqlResult(
            columns=[str(d[0]) for d in description],
            types=[str(d[1]) for d in description],
            rows=[[_json_value(v) for v in row] for row in rows[: query.row_cap]],
            truncated=truncated,
            seconds=seconds,
        )

    def _refusal(self, exc: duckdb.Error, timed_out: bool) -> SqlRefusedError:
        if timed_out or isinstance(exc, duckdb.InterruptException):
            return SqlRefusedError(
                422,
                f"De query duurde langer dan {self.limits.seconds:g} seconden en is afgebroken. "
                "Maak de query kleiner (minder joins, een WHERE of een LIMIT).",
                "tijdslimiet",
            )
        if isinstance(exc, duckdb.OutOfMemoryException):
            return SqlRefusedError(
                422, "De query heeft te veel geheugen nodig en is afgebroken.", "geheugenlimiet"
            )
        if isinstance(exc, duckdb.CatalogException):
            return SqlRefusedError(
                404, "De query noemt een tabel of functie die hier niet bestaat."
            )
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        first = first.split("Did you mean")[0].strip()
        return SqlRefusedError(400, f"De query kon niet worden uitgevoerd: {first}")

    def close(self) -> None:
        self._con.close()
