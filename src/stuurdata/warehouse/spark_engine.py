# SPDX-License-Identifier: EUPL-1.2
"""Spark: the build runs on Spark, the version is served from a DuckDB copy like the default.

The file versioning is the DuckDB engine's (build lock, ``CURRENT.json``, ``versions/``,
atomic publish, gc), so :func:`stuurdata.warehouse.store.open_current`, the API and the portal
read every version unchanged. While a version is built, each table is a Spark table stored as
Parquet::

    tmp/<id>.spark/<schema>/<table>/*.parquet    Spark database v<id>_<schema>, one per layer
    tmp/<id>.duckdb                              the serving copy, written by finish()

:meth:`SparkVersionWriter.finish` copies every table into ``tmp/<id>.duckdb``, then moves the
DuckDB file, the Parquet folder (``versions/<id>.parquet/``, the version's lake copy) and the
manifest (last) into ``versions/``. gc and cleanup remove the lake copy with its version.

Each model is bound by DuckDB on empty copies of the tables first (:mod:`spark_types`): a wrong
model gets DuckDB's own error, and every table gets the column types the DuckDB engine would
give it. The SQL is transpiled by :mod:`stuurdata.warehouse.transpile` with the rules that make
Spark compute what DuckDB computes.

Spark reads and writes the folder directly: local mode, or a cluster whose nodes share the
workspace's file system at the same path.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import re
import shutil
import tempfile
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from stuurdata.errors import BuildError
from stuurdata.warehouse.duckdb_engine import (
    _IDENTIFIER,
    DATABASE_SUFFIX,
    MANIFEST_SUFFIX,
    DuckDBEngine,
    _fsync_path,
    quote_table,
)
from stuurdata.warehouse.engine import SqlError, VersionWriter
from stuurdata.warehouse.spark_types import (
    DuckDBTypes,
    duckdb_message,
    restored_column,
    spark_arrow,
    with_types,
)
from stuurdata.warehouse.transpile import split_shared_ctes, transpile
from stuurdata.workspace.config import EngineConfig

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

    from stuurdata.sources.validate import WriteTarget

LAKE_SUFFIX = ".parquet"
"""``versions/<id>.parquet/``: the Parquet tables of a version (its lake copy)."""
BUILD_SUFFIX = ".spark"
"""``tmp/<id>.spark/``: the Parquet tables of a version being built."""

_LOG4J = """\
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = stderr
appender.stderr.type = Console
appender.stderr.name = stderr
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
logger.nativecode.name = org.apache.hadoop.util.NativeCodeLoader
logger.nativecode.level = error
logger.broadcast.name = org.apache.spark.scheduler.DAGScheduler
logger.broadcast.level = error
logger.plansize.name = org.apache.spark.util.SparkStringUtils
logger.plansize.level = error
logger.tasks.name = org.apache.spark.scheduler.TaskSetManager
logger.tasks.level = fatal
logger.executor.name = org.apache.spark.executor.Executor
logger.executor.level = fatal
logger.abort.name = org.apache.spark.util.Utils
logger.abort.level = fatal
logger.writer.name = org.apache.spark.sql.execution.datasources.FileFormatWriter
logger.writer.level = fatal
"""
"""Spark's own logging: warnings and errors, without the warnings a build always gives (no
native Hadoop, large tasks and task binaries when Arrow tables are loaded, long plans) and
without the task failures, which reach the build as a one-line :class:`SqlError`."""

_SESSION: SparkSession | None = None
_SESSION_LOCK = threading.Lock()


def spark_session(config: EngineConfig) -> SparkSession:
    """The process's Spark session, started on first use with ``config`` and reused after.

    Settings that only take effect when the JVM starts (master, driver memory) come from the
    config of the first call; the SQL settings the build depends on are set every time.
    """
    global _SESSION
    with _SESSION_LOCK:
        if _SESSION is None or _SESSION.sparkContext._jsc is None:  # none yet, or stopped
            _SESSION = _start_session(config)
        _SESSION.conf.set("spark.sql.shuffle.partitions", str(2 * _threads(config)))
        for key, value in _SQL_SETTINGS.items():
            _SESSION.conf.set(key, value)
        return _SESSION


_SQL_SETTINGS: dict[str, str] = {
    "spark.sql.session.timeZone": "UTC",
    # like DuckDB: a bad cast or an overflow is an error (division: see transpile.py)
    "spark.sql.ansi.enabled": "true",
    # like DuckDB: TIMESTAMP has no time zone, TIMESTAMPTZ (TIMESTAMP_LTZ) has
    "spark.sql.timestampType": "TIMESTAMP_NTZ",
    # Parquet timestamps DuckDB reads as TIMESTAMP / TIMESTAMPTZ (not the legacy INT96)
    "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
}


def _threads(config: EngineConfig) -> int:
    return config.threads or os.cpu_count() or 1


def _start_session(config: EngineConfig) -> SparkSession:
    try:
        from pyspark.logger import PySparkLogger
        from pyspark.sql import SparkSession
    except ImportError:
        raise BuildError(
            "engine 'spark' heeft PySpark nodig: installeer 'stuurdata[spark]' (en Java 17 of "
            "nieuwer), of gebruik 'engine: {kind: duckdb}' in stuurdata.yaml"
        ) from None

    # pandas is not used (Arrow goes straight to the JVM); pyspark warns about its version anyway
    warnings.filterwarnings(
        "ignore", message="PySpark does not yet fully support pandas", category=FutureWarning
    )
    # pyspark logs every failed query with its Java stack trace; SqlError reports it shortly
    for name in ("SQLQueryContextLogger", "DataFrameQueryContextLogger"):
        PySparkLogger.getLogger(name).setLevel(logging.CRITICAL)

    scratch = Path(tempfile.mkdtemp(prefix="stuurdata-spark-"))
    atexit.register(shutil.rmtree, scratch, True)
    log_config = scratch / "log4j2.properties"
    log_config.write_text(_LOG4J, encoding="utf-8")
    master = config.master or f"local[{config.threads or '*'}]"
    builder = (
        SparkSession.builder.master(master)
        .appName("stuurdata")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.catalogImplementation", "in-memory")
        .config("spark.sql.warehouse.dir", str(scratch / "warehouse"))
        .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={log_config}")
    )
    if master.startswith("local"):
        # executors of a cluster must reach the driver; in local mode nothing leaves the host
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = builder.config("spark.driver.host", "127.0.0.1").config(
            "spark.driver.bindAddress", "127.0.0.1"
        )
    if config.memory_limit is not None:
        builder = builder.config("spark.driver.memory", spark_memory(config.memory_limit))
    elif master.startswith("local"):
        # Spark's own default (1 GiB) runs out of heap on a million persons; DuckDB takes 80%
        builder = builder.config("spark.driver.memory", default_driver_memory())
    try:
        session = builder.getOrCreate()
    except _spark_errors() as exc:  # no Java, or the JVM did not come up
        raise BuildError(
            f"Spark start niet ({engine_message(exc)}); is Java 17 of nieuwer geïnstalleerd en "
            f"bereikbaar als 'java' of via JAVA_HOME? Master: {master}"
        ) from exc
    atexit.register(session.stop)  # runs before the scratch folder is removed
    return session


def default_driver_memory() -> str:
    """Half the machine's memory, at least 1 GiB: the JVM heap of local mode (driver and
    executors are one process); the other half stays for Python, the serving copy and the OS."""
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return f"{max(1024, total // 2 // 2**20)}m"


_MEMORY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(i?)B?\s*$", re.IGNORECASE)


def spark_memory(limit: str) -> str:
    """A DuckDB-style memory limit ('6GB', '512MiB') as a Spark size in MiB ('5722m')."""
    match = _MEMORY.match(limit)
    if match is None:
        raise BuildError(
            f"geheugenlimiet '{limit}' is niet te lezen; schrijf bijvoorbeeld '6GB' of '512MB'"
        )
    number, unit, binary = match.groups()
    base = 1024 if binary else 1000
    size = float(number) * base ** " KMGT".index(unit.upper() or " ")
    return f"{max(1, int(size // 2**20))}m"


def engine_message(exc: BaseException) -> str:
    """Spark's explanation of a failure in one line: no query plan, no Java stack trace."""
    java = getattr(exc, "java_exception", None)  # a Py4JJavaError that pyspark did not convert
    text = str(java.toString()) if java is not None else str(exc)
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    first = lines[0] if lines else type(exc).__name__
    return re.sub(r";\s*line \d+ pos \d+;?$", "", first).strip()


def _spark_errors() -> tuple[type[BaseException], ...]:
    from py4j.protocol import Py4JError  # type: ignore[import-untyped]
    from pyspark.errors import PySparkException

    return (PySparkException, Py4JError)


class SparkEngine(DuckDBEngine):
    """Builds on Spark; versions, publishing and readers are the DuckDB engine's."""

    KIND: ClassVar[str] = "spark"
    DIALECT: ClassVar[str] = "spark"
    SUPPORTS_ATOMIC_FILE_SWAP: ClassVar[bool] = True
    SUPPORTS_SCHEMAS: ClassVar[bool] = True
    SUPPORTS_ARROW_INGEST: ClassVar[bool] = True
    SUPPORTS_CONCURRENT_READERS: ClassVar[bool] = True

    def session(self) -> SparkSession:
        return spark_session(self.config)

    def lake_path(self, version_id: str) -> Path:
        """The Parquet folder of a complete version."""
        return self.versions_dir / f"{version_id}{LAKE_SUFFIX}"

    def _new_writer(self, version_id: str) -> SparkVersionWriter:
        return SparkVersionWriter(self, version_id)

    def cleanup_incomplete(self) -> list[str]:
        removed = super().cleanup_incomplete()
        current = self.current_version()
        complete = {v.version_id for v in self.versions()}
        lakes = (
            sorted(self.versions_dir.glob(f"*{LAKE_SUFFIX}")) if self.versions_dir.exists() else []
        )
        for path in lakes:
            version_id = path.name.removesuffix(LAKE_SUFFIX)
            unpublished = current is None or version_id > current
            if unpublished or version_id not in complete:
                shutil.rmtree(path)
                removed.append(f"versions/{path.name}")
        if lakes and removed:
            _fsync_path(self.versions_dir)
        return removed

    def gc(self, keep: int) -> list[str]:
        removed = super().gc(keep)  # the version stops being complete before its lake goes
        for version_id in removed:
            shutil.rmtree(self.lake_path(version_id), ignore_errors=True)
        if removed:
            _fsync_path(self.versions_dir)
        return removed


class SparkVersionWriter(VersionWriter):
    """Builds version ``version_id`` as Spark tables in ``tmp/<id>.spark/``; :meth:`finish`
    writes the DuckDB serving copy and moves both into ``versions/``."""

    def __init__(self, engine: SparkEngine, version_id: str) -> None:
        self.engine = engine
        self.version_id = version_id
        self.spark = engine.session()
        self.root = engine.tmp_dir / f"{version_id}{BUILD_SUFFIX}"
        self.serving_path = engine.tmp_dir / f"{version_id}{DATABASE_SUFFIX}"
        self.manifest_tmp = engine.tmp_dir / f"{version_id}{MANIFEST_SUFFIX}"
        self.spill = engine.tmp_dir / f"{version_id}.spill"
        self.root.mkdir(parents=True)
        self._schemas: dict[str, str] = {}
        """Lowercased -> the schema name as created (Spark folds case, DuckDB keeps it)."""
        self._tables: dict[str, tuple[str, str]] = {}
        """Lowercased ``schema.table`` -> (schema, table) as created, in creation order."""
        self.types = DuckDBTypes()
        self.ingest_path = engine.tmp_dir / f"{version_id}.ingest{DATABASE_SUFFIX}"
        self._ingest: duckdb.DuckDBPyConnection | None = None
        """Scratch database the sources are checked into (:meth:`raw_target`)."""
        self._closed = False

    # -- names -------------------------------------------------------------------------------
    def database(self, schema: str) -> str:
        """The Spark database that holds layer ``schema`` of this version."""
        return f"v{self.version_id.lower()}_{schema.lower()}"

    def _schema_of(self, layer: str) -> str | None:
        return self.database(layer) if layer.lower() in self._schemas else None

    def _table(self, name: str) -> tuple[str, str, str]:
        """(schema, table, quoted Spark identifier) of ``schema.table``."""
        quote_table(name)  # refuses anything but <schema>.<table>
        schema, table = name.split(".")
        return schema, table, f"`{self.database(schema)}`.`{table}`"

    def _location(self, schema: str, table: str) -> Path:
        return self.root / schema.lower() / table

    def _check_open(self) -> None:
        if self._closed:
            raise BuildError(f"versie {self.version_id} is al afgesloten")

    # -- writing -----------------------------------------------------------------------------
    def create_schemas(self, names: list[str]) -> None:
        self._check_open()
        for name in names:
            if not _IDENTIFIER.match(name):
                raise BuildError(f"ongeldige schemanaam '{name}'")
            if name.lower() in self._schemas:
                continue
            location = _spark_string(str(self.root / name.lower()))
            self._sql(name, f"CREATE DATABASE `{self.database(name)}` LOCATION {location}")
            self.types.create_schema(name)
            self._schemas[name.lower()] = name
        if "raw" in self._schemas and self._ingest is None:  # before the ingest threads start
            self._ingest = duckdb.connect(
                str(self.ingest_path), config=self.engine.duckdb_config(self.spill)
            )
            self._ingest.execute("CREATE SCHEMA raw")

    def load_arrow(self, schema: str, table_name: str, data: pa.Table) -> int:
        self._check_open()
        name = f"{schema}.{table_name}"
        schema, table, ident = self._table(name)
        location = self._location(schema, table)
        try:
            frame = self.spark.createDataFrame(spark_arrow(data))
            frame.write.format("parquet").option("path", str(location)).saveAsTable(ident)
        except _spark_errors() as exc:
            raise SqlError(name, engine_message(exc)) from exc
        self.types.add_arrow(name, data.schema)
        self._tables[name.lower()] = (schema, table)
        return int(data.num_rows)

    def raw_target(self, table_name: str) -> WriteTarget | None:
        """A table of the scratch DuckDB database: the checking query writes a clean source there,
        so it is never held in memory nor sent through the JVM (see :meth:`raw_written`)."""
        from stuurdata.sources.validate import WriteTarget

        if self._ingest is None:
            return None
        return WriteTarget(self._ingest.cursor(), quote_table(f"raw.{table_name}"))

    def raw_written(self, table_name: str) -> None:
        """Move a source from the scratch database to the version: DuckDB writes its Parquet
        file into the table's folder, Spark gets a table over it."""
        self._check_open()
        assert self._ingest is not None, "raw_target gave the table"
        name = f"raw.{table_name}"
        schema, table, ident = self._table(name)
        location = self._location(schema, table)
        cursor = self._ingest.cursor()
        try:
            # a checked source has only the types of its declared columns, all of which Spark
            # reads from Parquet (no unsigned integers, half floats or null-typed columns)
            columns = cursor.sql(f"SELECT * FROM {quote_table(name)} LIMIT 0").to_arrow_table()
            location.mkdir(parents=True)
            target = _duckdb_string(str(location / "part-00000.parquet"))
            cursor.execute(f"COPY {quote_table(name)} TO {target} (FORMAT parquet)")
            cursor.execute(f"DROP TABLE {quote_table(name)}")
        except duckdb.Error as exc:
            raise SqlError(name, duckdb_message(exc)) from exc
        finally:
            cursor.close()
        self._sql(
            name, f"CREATE TABLE {ident} USING parquet LOCATION {_spark_string(str(location))}"
        )
        self.types.add_arrow(name, columns.schema)
        self._tables[name.lower()] = (schema, table)

    def create_table_as(self, name: str, sql: str) -> int:
        self._check_open()
        schema, table, ident = self._table(name)
        try:  # DuckDB binds the model first: its errors, and its column types for Spark's
            columns = self.types.add_query(name, sql)
        except duckdb.Error as exc:
            raise SqlError(name, duckdb_message(exc)) from exc
        # Spark computes a CTE again at every reference (the indicator cube reads some a dozen
        # times): the shared ones are cached as temporary views for the statement first.
        shared, rest = split_shared_ctes(sql, f"__stuurdata_{self.database(schema)}_{table}")
        try:
            views = [(view, transpile(body, "spark", self._schema_of)) for view, body in shared]
            query = with_types(transpile(rest, "spark", self._schema_of), columns)
        except BuildError as exc:
            self.types.drop(name)
            raise SqlError(name, str(exc)) from exc
        location = _spark_string(str(self._location(schema, table)))
        try:
            for view, body in views:
                self._sql(name, f"CACHE TABLE `{view}` AS {body}")
            self._sql(name, f"CREATE TABLE {ident} USING parquet LOCATION {location} AS {query}")
        except SqlError:
            self.types.drop(name)
            raise
        finally:
            for view, _ in views:  # dropping a temporary view uncaches it
                with contextlib.suppress(*_spark_errors()):
                    self.spark.catalog.dropTempView(view)
        self._tables[name.lower()] = (schema, table)
        return self.row_count(name)

    def _sql(self, target: str, statement: str) -> None:
        try:
            self.spark.sql(statement)
        except _spark_errors() as exc:
            raise SqlError(target, engine_message(exc)) from exc

    # -- reading -----------------------------------------------------------------------------
    def _files(self, name: str) -> list[Path]:
        """The Parquet files of table ``name`` in the order Spark wrote them."""
        schema, table, _ = self._table(name)
        if name.lower() not in self._tables:
            raise BuildError(f"tabel {name} bestaat niet in versie {self.version_id}")
        return sorted(self._location(schema, table).glob("*.parquet"))

    def row_count(self, name: str) -> int:
        self._check_open()
        return sum(pq.ParquetFile(path).metadata.num_rows for path in self._files(name))

    def columns(self, name: str) -> list[str]:
        self._check_open()
        return [column for column, _ in self.types.columns(name)]

    def tables(self) -> set[str]:
        self._check_open()
        return {f"{schema}.{table}" for schema, table in self._tables.values()}

    def read_arrow(self, name: str) -> pa.Table:
        """Table ``name`` as Arrow, rows in the order the serving copy will have them."""
        self._check_open()
        parts = [pq.read_table(path) for path in self._files(name)]
        return pa.concat_tables(parts).replace_schema_metadata(None)

    # -- finishing ---------------------------------------------------------------------------
    def store_manifest(self, manifest_json: str) -> None:
        self._check_open()
        self.create_schemas(["meta"])
        schema, table, ident = self._table("meta.manifest")
        if "meta.manifest" in self._tables:  # CREATE OR REPLACE, as the DuckDB engine does
            self._sql("meta.manifest", f"DROP TABLE {ident}")
            shutil.rmtree(self._location(schema, table))
            self.types.drop("meta.manifest")
            del self._tables["meta.manifest"]
        row = pa.table(
            {
                "version_id": pa.array([self.version_id], pa.string()),
                "manifest": pa.array([manifest_json], pa.string()),
            }
        )
        self.load_arrow("meta", "manifest", row)
        with self.manifest_tmp.open("w", encoding="utf-8") as handle:
            handle.write(manifest_json)
            handle.flush()
            os.fsync(handle.fileno())

    def finish(self) -> None:
        self._check_open()
        if not self.manifest_tmp.exists():
            raise BuildError(f"versie {self.version_id} heeft geen manifest")
        self._close_ingest()
        self.ingest_path.unlink(missing_ok=True)
        self._write_serving_copy()
        for path in sorted(self.root.rglob("*"), reverse=True):  # files before their folder
            _fsync_path(path)
        _fsync_path(self.root)
        engine = self.engine
        # The database first, the manifest last: a version is complete once both are there.
        self.serving_path.replace(engine.database_path(self.version_id))
        self.root.replace(engine.lake_path(self.version_id))
        self.manifest_tmp.replace(engine.manifest_path(self.version_id))
        _fsync_path(engine.versions_dir)
        self._closed = True
        # the tables' folders have moved: only the catalog entries are left to drop
        self._drop_databases()
        shutil.rmtree(self.spill, ignore_errors=True)

    def _write_serving_copy(self) -> None:
        """``tmp/<id>.duckdb`` with every schema and table of the version, columns in order."""
        con = duckdb.connect(str(self.serving_path), config=self.engine.duckdb_config(self.spill))
        try:
            for schema in self._schemas.values():
                con.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            for schema, table in self._tables.values():
                files = self._files(f"{schema}.{table}")
                if not files:
                    raise BuildError(f"Spark schreef geen Parquet voor {schema}.{table}")
                listed = ", ".join(_duckdb_string(str(path)) for path in files)
                source = f"read_parquet([{listed}])"
                written = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
                wanted = dict(self.types.columns(f"{schema}.{table}"))
                select = ", ".join(
                    restored_column(str(column), str(found), wanted.get(str(column)))
                    for column, found, *_ in written
                )
                con.execute(f'CREATE TABLE "{schema}"."{table}" AS SELECT {select} FROM {source}')
            con.execute("CHECKPOINT")
        except duckdb.Error as exc:
            raise BuildError(
                f"de DuckDB-kopie van versie {self.version_id} is niet te schrijven: {exc}"
            ) from exc
        finally:
            con.close()
        wal = self.serving_path.with_name(self.serving_path.name + ".wal")
        if wal.exists():
            raise BuildError(f"DuckDB liet een WAL-bestand achter voor versie {self.version_id}")
        _fsync_path(self.serving_path)

    def _close_ingest(self) -> None:
        if self._ingest is not None:
            with contextlib.suppress(duckdb.Error):
                self._ingest.close()
            self._ingest = None

    def abort(self) -> None:
        self._closed = True
        self._close_ingest()
        self._drop_databases()
        for path in self.engine.tmp_dir.glob(f"{self.version_id}*"):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)

    def _drop_databases(self) -> None:
        """Forget the version's Spark databases (Spark deletes what is left in their folders)
        and its DuckDB types."""
        for schema in self._schemas:
            with contextlib.suppress(*_spark_errors()):
                self.spark.sql(f"DROP DATABASE IF EXISTS `{self.database(schema)}` CASCADE")
        self._schemas.clear()
        self._tables.clear()
        self.types.close()


def _spark_string(text: str) -> str:
    """A Spark SQL string literal (backslash escapes)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _duckdb_string(text: str) -> str:
    """A DuckDB string literal (quotes doubled, backslashes as they are)."""
    return "'" + text.replace("'", "''") + "'"
