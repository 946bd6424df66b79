# SPDX-License-Identifier: EUPL-1.2
"""PostgreSQL as warehouse engine: the build runs in the municipality's PostgreSQL.

Version ``<id>`` lives in PostgreSQL as schemas ``v<id>_<layer>`` (``v20261123t101500123456z_raw``,
``..._marts``, ...); model, indicator and publication SQL is transpiled from DuckDB SQL by
SQLGlot with each ``<layer>.<table>`` pointed at those schemas. Publishing swaps, in one
transaction, the stable schemas ``areas``, ``marts``, ``cube``, ``published`` and ``meta`` to views
over the new version, so BI tools and analysts who connect to PostgreSQL always read one
complete version (``raw`` and ``staging`` stay version-only: they hold pseudonymised rows).

Versioning, the build lock, publishing and the portal's read path are those of the DuckDB
adapter (ADR 0012): :meth:`PostgresVersionWriter.finish` writes a read-only DuckDB serving copy
``versions/<id>.duckdb`` of the version, and the one atomic ``CURRENT.json`` swap decides which
version the portal workers serve. A killed build leaves schemas without a complete version on disk;
:meth:`PostgresEngine.cleanup_incomplete` drops them.
"""

from __future__ import annotations

import contextlib
import io
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import psycopg
import pyarrow as pa
import pyarrow.csv as pacsv
from psycopg import sql as pgsql

from stuurdata.errors import BuildError
from stuurdata.warehouse.duckdb_engine import (
    DuckDBEngine,
    DuckDBVersionWriter,
    quote_table,
)
from stuurdata.warehouse.engine import SqlError, VersionWriter
from stuurdata.warehouse.transpile import transpile
from stuurdata.workspace.config import EngineConfig

if TYPE_CHECKING:
    from stuurdata.sources.validate import WriteTarget

STABLE_LAYERS: tuple[str, ...] = ("areas", "marts", "cube", "published", "meta")
"""Layers kept reachable under their plain name in PostgreSQL for the published version."""
_VERSION_SCHEMA = re.compile(r"^v([0-9]{8}t[0-9]+z)_([a-z_][a-z0-9_]*)$")
_LOCK_KEY = 0x5354_5244  # "STRD": the build lock across machines sharing one database
_COPY_CHUNK = 1 << 20
_COPY_ROWS = 100_000
_SWAP_ATTEMPTS = 1200
_SWAP_PAUSE = 0.05


def postgres_dsn(config: EngineConfig, workspace_root: Path) -> str:
    """The libpq connection string of ``engine.dsn`` (a SQLAlchemy URL is accepted too)."""
    from stuurdata.appdb.engine import read_secret

    if config.dsn is None:
        raise BuildError(
            "engine 'postgres' heeft een verbinding nodig: zet 'engine: {kind: postgres, "
            "dsn: {env: STUURDATA_WAREHOUSE_DSN}}' in stuurdata.yaml"
        )
    dsn = read_secret(config.dsn, workspace_root, "de warehouse-database")
    return dsn.replace("postgresql+psycopg://", "postgresql://", 1)


def version_schema(version_id: str, layer: str) -> str:
    """The PostgreSQL schema of ``layer`` in version ``version_id``."""
    return f"v{version_id.lower()}_{layer}"


# -- types --------------------------------------------------------------------------------------
def _pg_type(field: pa.Field) -> str:
    t = field.type
    if pa.types.is_dictionary(t):
        t = t.value_type
    if pa.types.is_boolean(t):
        return "boolean"
    if pa.types.is_int8(t) or pa.types.is_int16(t) or pa.types.is_uint8(t):
        return "smallint"
    if pa.types.is_int32(t) or pa.types.is_uint16(t):
        return "integer"
    if pa.types.is_int64(t) or pa.types.is_uint32(t):
        return "bigint"
    if pa.types.is_uint64(t):
        return "numeric(20, 0)"
    if pa.types.is_float16(t) or pa.types.is_float32(t):
        return "real"
    if pa.types.is_float64(t):
        return "double precision"
    if pa.types.is_decimal(t):
        return f"numeric({t.precision}, {t.scale})"
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_null(t):
        return "text"
    if pa.types.is_string_view(t):
        return "text"
    if pa.types.is_date(t):
        return "date"
    if pa.types.is_timestamp(t):
        return "timestamptz" if t.tz else "timestamp"
    if pa.types.is_time(t):
        return "time"
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_binary_view(t):
        return "bytea"
    raise SqlError(field.name, f"kolomtype {t} kan niet naar PostgreSQL")


def _arrow_type(pg_type: str, precision: int | None, scale: int | None) -> pa.DataType:
    simple: dict[str, pa.DataType] = {
        "boolean": pa.bool_(),
        "smallint": pa.int16(),
        "integer": pa.int32(),
        "bigint": pa.int64(),
        "real": pa.float32(),
        "double precision": pa.float64(),
        "text": pa.string(),
        "character varying": pa.string(),
        "character": pa.string(),
        "date": pa.date32(),
        "timestamp without time zone": pa.timestamp("us"),
        "timestamp with time zone": pa.timestamp("us", tz="UTC"),
        "time without time zone": pa.time64("us"),
        "bytea": pa.binary(),
        "interval": pa.string(),
    }
    if pg_type in simple:
        return simple[pg_type]
    if pg_type == "numeric":
        if precision is None:  # unconstrained: see PostgresVersionWriter._schema
            return pa.decimal128(38, 0) if scale == 0 else pa.float64()
        return pa.decimal128(precision, scale or 0)
    raise SqlError(pg_type, f"kolomtype {pg_type} uit PostgreSQL wordt niet ondersteund")


def _csv_ready(table: pa.Table) -> pa.Table:
    """Columns CSV cannot carry as they are: binary as PostgreSQL hex, dictionaries decoded."""
    columns: list[pa.Array | pa.ChunkedArray] = []
    for column in table.columns:
        t = column.type
        if pa.types.is_dictionary(t):
            column = column.cast(t.value_type)
            t = t.value_type
        if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_binary_view(t):
            hexed = [None if v is None else "\\x" + v.hex() for v in column.to_pylist()]
            column = pa.array(hexed, pa.string())
        elif pa.types.is_string_view(t) or pa.types.is_null(t):
            column = column.cast(pa.string())
        columns.append(column)
    return pa.table(columns, names=table.column_names)


def _unhex(table: pa.Table, binary_columns: list[str]) -> pa.Table:
    for name in binary_columns:
        index = table.column_names.index(name)
        values = [
            None if v is None else bytes.fromhex(v[2:]) for v in table.column(name).to_pylist()
        ]
        table = table.set_column(index, name, pa.array(values, pa.binary()))
    return table


# -- the engine ---------------------------------------------------------------------------------
class PostgresEngine(DuckDBEngine):
    KIND: ClassVar[str] = "postgres"
    DIALECT: ClassVar[str] = "postgres"
    SUPPORTS_ATOMIC_FILE_SWAP: ClassVar[bool] = True
    SUPPORTS_SCHEMAS: ClassVar[bool] = True
    SUPPORTS_ARROW_INGEST: ClassVar[bool] = False
    SUPPORTS_CONCURRENT_READERS: ClassVar[bool] = True

    def __init__(self, config: EngineConfig, workspace_root: Path) -> None:
        super().__init__(config, workspace_root)
        self.dsn = postgres_dsn(config, workspace_root)

    def connect(self) -> psycopg.Connection[Any]:
        try:
            return psycopg.connect(self.dsn, autocommit=True)
        except psycopg.Error as exc:
            raise BuildError(
                f"de warehouse-database (PostgreSQL) is niet bereikbaar: {exc}"
            ) from exc

    @contextlib.contextmanager
    def build_lock(self) -> Iterator[None]:
        with super().build_lock(), self.connect() as con:
            row = con.execute("SELECT pg_try_advisory_lock(%s)", [_LOCK_KEY]).fetchone()
            if not row or not row[0]:
                raise BuildError(
                    "er draait al een build in deze warehouse-database (PostgreSQL); wacht tot "
                    "die klaar is"
                )
            yield  # the session lock goes with the connection, also when the process dies

    def _new_writer(self, version_id: str) -> PostgresVersionWriter:
        return PostgresVersionWriter(self, version_id)

    def version_schemas(self) -> dict[str, list[str]]:
        """Schemas per version id found in the database."""
        with self.connect() as con:
            rows = con.execute("SELECT nspname FROM pg_namespace ORDER BY nspname").fetchall()
        found: dict[str, list[str]] = {}
        for (name,) in rows:
            match = _VERSION_SCHEMA.match(str(name))
            if match:
                found.setdefault(match.group(1), []).append(str(name))
        return found

    def drop_version_schemas(self, version_ids: list[str]) -> list[str]:
        """Drop the schemas of ``version_ids``; those a reader still holds stay for later."""
        wanted = {v.lower() for v in version_ids}
        dropped: list[str] = []
        with self.connect() as con:
            con.execute("SET lock_timeout = '10s'")
            for lowered, schemas in self.version_schemas().items():
                if lowered not in wanted:
                    continue
                try:
                    with con.transaction():
                        for schema in schemas:
                            con.execute(
                                pgsql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
                                    pgsql.Identifier(schema)
                                )
                            )
                except psycopg.errors.LockNotAvailable:
                    continue  # a PostgreSQL reader still uses it: cleanup_incomplete retries
                dropped.extend(schemas)
        return dropped

    def cleanup_incomplete(self) -> list[str]:
        removed = super().cleanup_incomplete()
        current = self.current_version()
        if current is not None and self.stable_version() != current:
            # killed between the two swaps of publish(): PostgreSQL clients go back to the
            # served version before the newer one is dropped below
            self._swap_stable_schemas(current)
        complete = {v.version_id.lower() for v in self.versions()}
        leftovers = [v for v in self.version_schemas() if v not in complete]
        return removed + self.drop_version_schemas(leftovers)

    def stable_version(self) -> str | None:
        """The version the stable schemas (``published``, ``meta``...) show PostgreSQL clients."""
        with self.connect() as con:
            found = con.execute("SELECT to_regclass('meta.manifest') IS NOT NULL").fetchone()
            if not found or not found[0]:
                return None
            row = con.execute("SELECT version_id FROM meta.manifest").fetchone()
        return None if row is None else str(row[0])

    def publish(self, version_id: str) -> None:
        """Swap PostgreSQL's stable schemas, then ``CURRENT.json``; each swap is atomic. A kill
        between the two leaves both on complete versions; the next build's cleanup puts
        PostgreSQL back on the served one."""
        self._check_complete(version_id)
        self._swap_stable_schemas(version_id)
        self._point_current(version_id)

    def _swap_stable_schemas(self, version_id: str) -> None:
        """Point the stable schemas at ``version_id`` in one transaction. It first takes every
        view's lock without waiting (NOWAIT) and retries when a reader holds one, so it never
        waits while holding locks: a PostgreSQL reader cannot deadlock with a publish."""
        for _ in range(_SWAP_ATTEMPTS):
            try:
                self._swap_once(version_id)
                return
            except psycopg.errors.LockNotAvailable:
                time.sleep(_SWAP_PAUSE)
        raise BuildError(
            "publiceren in PostgreSQL lukt niet: lezers houden de vaste schema's bezet"
        )

    def _swap_once(self, version_id: str) -> None:
        with self.connect() as con, con.transaction():
            views = con.execute(
                "SELECT format('%%I.%%I', n.nspname, c.relname) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind = 'v' AND n.nspname = ANY(%s)",
                [list(STABLE_LAYERS)],
            ).fetchall()
            if views:
                names = pgsql.SQL(", ").join(pgsql.SQL(v) for (v,) in views)  # quoted by format()
                con.execute(
                    pgsql.SQL("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE NOWAIT").format(names)
                )
            for layer in STABLE_LAYERS:
                source = version_schema(version_id, layer)
                tables = con.execute(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_schema = %s AND table_type = 'BASE TABLE' ORDER BY table_name",
                    [source],
                ).fetchall()
                con.execute(
                    pgsql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(pgsql.Identifier(layer))
                )
                con.execute(pgsql.SQL("CREATE SCHEMA {}").format(pgsql.Identifier(layer)))
                for (table,) in tables:
                    con.execute(
                        pgsql.SQL("CREATE VIEW {}.{} AS SELECT * FROM {}.{}").format(
                            pgsql.Identifier(layer),
                            pgsql.Identifier(table),
                            pgsql.Identifier(source),
                            pgsql.Identifier(table),
                        )
                    )

    def gc(self, keep: int) -> list[str]:
        removed = super().gc(keep)
        if removed:
            self.drop_version_schemas(removed)
        return removed


class PostgresVersionWriter(VersionWriter):
    """Writes version ``<id>`` as schemas ``v<id>_<layer>``; :meth:`finish` completes the serving
    copy.

    Sources go to PostgreSQL the way they go to DuckDB, without the checked table held in memory:
    the checking query writes a clean source straight into the version's (still hidden) DuckDB
    serving copy (:meth:`raw_target`), and :meth:`raw_written` then streams it from there to
    PostgreSQL in batches while the next source is being checked. The serving copy keeps those
    tables, so :meth:`finish` does not read them back from PostgreSQL.
    """

    def __init__(self, engine: PostgresEngine, version_id: str) -> None:
        self.engine = engine
        self.version_id = version_id
        self.con: psycopg.Connection[Any] | None = engine.connect()
        self.manifest_json: str | None = None
        self.serving: DuckDBVersionWriter | None = None
        self.in_serving: set[str] = set()
        """Tables (``schema.table``, lower case) already in the serving copy."""

    def _serving(self) -> DuckDBVersionWriter:
        if self.serving is None:
            self.serving = DuckDBVersionWriter(self.engine, self.version_id)
        return self.serving

    def _con(self) -> psycopg.Connection[Any]:
        if self.con is None:
            raise BuildError(f"versie {self.version_id} is al afgesloten")
        return self.con

    def _schema_of(self, layer: str) -> str:
        return version_schema(self.version_id, layer)

    def _ident(self, name: str) -> pgsql.Composed:
        quote_table(name)  # refuses anything but <schema>.<table>
        layer, table = name.lower().split(".")
        return pgsql.SQL("{}.{}").format(
            pgsql.Identifier(self._schema_of(layer)), pgsql.Identifier(table)
        )

    def _run(self, target: str, statement: Any, params: Any = None) -> Any:
        try:
            return self._con().execute(statement, params)
        except psycopg.Error as exc:
            message = exc.diag.message_primary if exc.diag.message_primary else str(exc)
            raise SqlError(target, message) from exc

    def create_schemas(self, names: list[str]) -> None:
        if "raw" in names:  # sources are checked into the serving copy first (raw_target)
            self._serving().create_schemas(["raw"])
        for name in names:
            quote_table(f"{name}.x")
            self._run(
                name,
                pgsql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(
                    pgsql.Identifier(self._schema_of(name.lower()))
                ),
            )

    def load_arrow(self, schema: str, table_name: str, data: pa.Table) -> int:
        name = f"{schema}.{table_name}"
        self._create_table(name, data.schema)
        if data.num_rows:
            self._copy_in(name, data.to_batches(max_chunksize=_COPY_ROWS))
        return int(data.num_rows)

    def _create_table(self, name: str, schema: pa.Schema) -> None:
        columns = pgsql.SQL(", ").join(
            pgsql.SQL("{} {}").format(pgsql.Identifier(f.name), pgsql.SQL(_pg_type(f)))
            for f in schema
        )
        self._run(name, pgsql.SQL("CREATE TABLE {} ({})").format(self._ident(name), columns))

    def _copy_in(self, name: str, batches: Iterable[pa.RecordBatch]) -> None:
        """Append ``batches`` to table ``name`` with ``COPY ... FROM STDIN`` (CSV), one batch
        in memory at a time."""
        options = pacsv.WriteOptions(include_header=False, quoting_style="needed")
        try:
            with self._con().cursor() as cur:
                copy_sql = pgsql.SQL("COPY {} FROM STDIN (FORMAT csv)").format(self._ident(name))
                with cur.copy(copy_sql) as copy:
                    for batch in batches:
                        buffer = io.BytesIO()
                        pacsv.write_csv(_csv_ready(pa.Table.from_batches([batch])), buffer, options)
                        copy.write(buffer.getvalue())
        except psycopg.Error as exc:
            raise SqlError(name, exc.diag.message_primary or str(exc)) from exc

    def raw_target(self, table_name: str) -> WriteTarget:
        from stuurdata.sources.validate import WriteTarget

        # called from the ingest threads: the serving copy and its schema "raw" already exist
        return WriteTarget(self._serving()._con().cursor(), quote_table(f"raw.{table_name}"))

    def raw_written(self, table_name: str) -> None:
        """Stream source ``raw.<table_name>``, written by the checking query into the serving
        copy, to PostgreSQL."""
        name = f"raw.{table_name}"
        cursor = self._serving()._con().cursor()
        try:
            query = f"SELECT * FROM {quote_table(name)}"
            reader: pa.RecordBatchReader = cursor.sql(query).to_arrow_reader(_COPY_ROWS)
            self._create_table(name, reader.schema)
            self._copy_in(name, reader)
        finally:
            cursor.close()
        self.in_serving.add(name.lower())

    def create_table_as(self, name: str, sql: str) -> int:
        query = transpile(sql, "postgres", self._schema_of)
        statement = pgsql.SQL("CREATE TABLE {} AS ").format(self._ident(name)) + pgsql.SQL(
            query  # our own transpiled SQL, identifiers already quoted
        )
        self._run(name, statement)
        return self.row_count(name)

    def row_count(self, name: str) -> int:
        row = self._run(name, pgsql.SQL("SELECT count(*) FROM {}").format(self._ident(name)))
        result = row.fetchone()
        return int(result[0]) if result else 0

    def _column_types(self, name: str) -> list[tuple[str, str, int | None, int | None]]:
        layer, table = name.lower().split(".")
        rows = self._run(
            name,
            "SELECT column_name, data_type, numeric_precision, numeric_scale "
            "FROM information_schema.columns WHERE table_schema = %s AND table_name = %s "
            "ORDER BY ordinal_position",
            [self._schema_of(layer), table],
        ).fetchall()
        return [(str(c), str(t), p, s) for c, t, p, s in rows]

    def columns(self, name: str) -> list[str]:
        return [column for column, *_ in self._column_types(name)]

    def tables(self) -> set[str]:
        prefix = f"v{self.version_id.lower()}_"
        rows = self._run(
            "tables",
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_type = 'BASE TABLE' AND starts_with(table_schema, %s)",
            [prefix],
        ).fetchall()
        return {f"{str(schema).removeprefix(prefix)}.{table}" for schema, table in rows}

    def read_arrow(self, name: str) -> pa.Table:
        schema = self._schema(name)
        return pa.Table.from_batches(list(self._read_batches(name, schema)), schema=schema)

    def _schema(self, name: str) -> pa.Schema:
        """Arrow types of ``name``. An unconstrained ``numeric`` (``sum(bigint)``, ``round(x, n)``)
        reads as DuckDB would type it: a whole number when no value has decimals, else a double."""
        columns = self._column_types(name)
        free = [c for c, t, p, _ in columns if t == "numeric" and p is None]
        scales: dict[str, int] = {}
        if free:
            selects = pgsql.SQL(", ").join(
                pgsql.SQL("coalesce(max(scale({})), 0)").format(pgsql.Identifier(c)) for c in free
            )
            row = self._run(
                name, pgsql.SQL("SELECT {} FROM {}").format(selects, self._ident(name))
            ).fetchone()
            scales = {c: int(v) for c, v in zip(free, row or [], strict=True)}
        return pa.schema(
            [(column, _arrow_type(t, p, scales.get(column, s))) for column, t, p, s in columns]
        )

    def _read_batches(self, name: str, schema: pa.Schema) -> Iterator[pa.RecordBatch]:
        """The rows of ``name`` (of ``schema``) as Arrow batches, streamed through COPY ... TO
        STDOUT (CSV)."""
        binary = [f.name for f in schema if pa.types.is_binary(f.type)]
        csv_types = {f.name: pa.string() if f.name in binary else f.type for f in schema}
        path = self.engine.tmp_dir / f"{self.version_id}.copy.csv"
        try:
            with path.open("wb") as out, self._con().cursor() as cur:
                query = pgsql.SQL("COPY (SELECT * FROM {}) TO STDOUT (FORMAT csv)").format(
                    self._ident(name)
                )
                with cur.copy(query) as copy:
                    for chunk in copy:
                        out.write(chunk)
            if path.stat().st_size == 0:
                return  # an empty table: no batches
            reader = pacsv.open_csv(
                path,
                read_options=pacsv.ReadOptions(
                    column_names=schema.names, block_size=_COPY_CHUNK * 16
                ),
                convert_options=pacsv.ConvertOptions(
                    column_types=csv_types,
                    strings_can_be_null=True,
                    quoted_strings_can_be_null=False,
                    true_values=["t"],
                    false_values=["f"],
                ),
            )
            for batch in reader:
                table = _unhex(pa.Table.from_batches([batch]), binary)
                yield from table.cast(schema).to_batches()
        except psycopg.Error as exc:
            raise SqlError(name, exc.diag.message_primary or str(exc)) from exc
        finally:
            path.unlink(missing_ok=True)

    def store_manifest(self, manifest_json: str) -> None:
        self.create_schemas(["meta"])
        target = self._ident("meta.manifest")
        self._run("meta.manifest", pgsql.SQL("DROP TABLE IF EXISTS {}").format(target))
        self._run(
            "meta.manifest",
            pgsql.SQL("CREATE TABLE {} (version_id text, manifest text)").format(target),
        )
        self._run(
            "meta.manifest",
            pgsql.SQL("INSERT INTO {} VALUES (%s, %s)").format(target),
            [self.version_id, manifest_json],
        )
        self.manifest_json = manifest_json

    def finish(self) -> None:
        """Copy the version into its DuckDB serving copy, then make both complete."""
        if self.manifest_json is None:
            raise BuildError(f"versie {self.version_id} heeft geen manifest")
        serving = self._serving()
        try:
            con = serving._con()
            for name in sorted(self.tables()):
                if name == "meta.manifest" or name in self.in_serving:
                    continue
                schema = self._schema(name)
                serving.create_schemas([name.split(".")[0]])
                reader = pa.RecordBatchReader.from_batches(schema, self._read_batches(name, schema))
                con.register("__stuurdata_pg_copy", reader)
                try:
                    con.execute(
                        f"CREATE TABLE {quote_table(name)} AS SELECT * FROM __stuurdata_pg_copy"
                    )
                finally:
                    con.unregister("__stuurdata_pg_copy")
            serving.store_manifest(self.manifest_json)
            serving.finish()
        except BaseException:
            serving.abort()
            raise
        self._close()

    def _close(self) -> None:
        if self.con is not None:
            with contextlib.suppress(psycopg.Error):
                self.con.close()
            self.con = None

    def abort(self) -> None:
        self._close()
        if self.serving is not None:
            self.serving.abort()
        with contextlib.suppress(BuildError, psycopg.Error):
            self.engine.drop_version_schemas([self.version_id])
        for path in self.engine.tmp_dir.glob(f"{self.version_id}*"):
            path.unlink(missing_ok=True)
