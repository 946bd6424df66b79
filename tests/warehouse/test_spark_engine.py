# SPDX-License-Identifier: EUPL-1.2
"""The Spark engine on its own: types through Spark, Parquet and the DuckDB serving copy,
DuckDB's semantics on Spark, short errors, abort, and the lake copy's life with its version.

All tests share the process's one Spark session (the JVM takes seconds to start)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
import shapely

from stuurdata.errors import BuildError
from stuurdata.warehouse import build, open_current
from stuurdata.warehouse.engine import SqlError, create_engine
from stuurdata.warehouse.spark_engine import (
    SparkEngine,
    SparkVersionWriter,
    spark_memory,
    spark_session,
)
from stuurdata.workspace import Workspace
from stuurdata.workspace.config import EngineConfig
from tests.warehouse.conftest import make_workspace, record_arrow_loads
from tests.workspace_config import set_engine

pytestmark = pytest.mark.spark

UTC = dt.UTC
WKB = shapely.to_wkb(shapely.Point(4.55, 52.28))


@pytest.fixture(scope="session")
def spark() -> object:
    """The one Spark session of the test process (the engine's own, started once)."""
    return spark_session(EngineConfig(kind="spark", threads=2))


@pytest.fixture
def engine(spark: object, tmp_path: Path) -> SparkEngine:
    found = create_engine(EngineConfig(kind="spark", threads=2), tmp_path)
    assert isinstance(found, SparkEngine)
    return found


def _typed_table() -> pa.Table:
    return pa.table(
        {
            "i": pa.array([1, None, -3], pa.int32()),
            "big": pa.array([2**40, 0, None], pa.int64()),
            "bedrag": pa.array([Decimal("12.34"), None, Decimal("-0.50")], pa.decimal128(12, 2)),
            "x": pa.array([1.5, None, -2.25], pa.float64()),
            "naam": pa.array(["Hillegom", None, "Noordwijkerhout ü"], pa.string()),
            "datum": pa.array([dt.date(2025, 1, 1), None, dt.date(1900, 12, 31)], pa.date32()),
            "moment": pa.array(
                [dt.datetime(2024, 2, 29, 23, 59, 59, 123456), None, dt.datetime(1970, 1, 1)],
                pa.timestamp("us"),
            ),
            "moment_tz": pa.array(
                [
                    dt.datetime(2024, 6, 1, 12, 0, tzinfo=UTC),
                    None,
                    dt.datetime(2000, 1, 1, tzinfo=UTC),
                ],
                pa.timestamp("us", tz="UTC"),
            ),
            "vlag": pa.array([True, None, False], pa.bool_()),
            "geometrie": pa.array([WKB, None, b""], pa.binary()),
        }
    )


DUCKDB_TYPES = {
    "i": "INTEGER",
    "big": "BIGINT",
    "bedrag": "DECIMAL(12,2)",
    "x": "DOUBLE",
    "naam": "VARCHAR",
    "datum": "DATE",
    "moment": "TIMESTAMP",
    "moment_tz": "TIMESTAMP WITH TIME ZONE",
    "vlag": "BOOLEAN",
    "geometrie": "BLOB",
}


def test_types_survive_spark_parquet_and_the_serving_copy(engine: SparkEngine) -> None:
    data = _typed_table()
    version_id = engine.new_version_id()
    with engine.begin_version(version_id) as writer:
        assert isinstance(writer, SparkVersionWriter)
        writer.create_schemas(["raw", "staging"])
        assert writer.load_arrow("raw", "t", data) == 3
        assert writer.read_arrow("raw.t").equals(data)
        assert writer.create_table_as("staging.t", "SELECT * FROM raw.t") == 3
        assert writer.read_arrow("staging.t").equals(data)
        assert writer.columns("staging.t") == data.column_names
        writer.store_manifest(json.dumps({"version_id": version_id}))
        writer.finish()
    engine.publish(version_id)

    con = engine.open_current()
    try:
        for table in ("raw.t", "staging.t"):
            schema, name = table.split(".")
            described = con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
                [schema, name],
            ).fetchall()
            assert described == list(DUCKDB_TYPES.items())
            con.execute("SET TimeZone = 'UTC'")
            served = con.sql(f"SELECT * FROM {table}").to_arrow_table()
            assert served.to_pylist() == data.to_pylist()
        assert con.execute("SELECT version_id FROM meta.manifest").fetchall() == [(version_id,)]
    finally:
        con.close()
    lake = engine.lake_path(version_id)
    assert sorted(p.name for p in lake.iterdir()) == ["meta", "raw", "staging"]
    assert list((lake / "raw" / "t").glob("*.parquet"))


def test_arrow_types_spark_lacks_are_widened(engine: SparkEngine) -> None:
    data = pa.table(
        {
            "u8": pa.array([255], pa.uint8()),
            "u32": pa.array([2**32 - 1], pa.uint32()),
            "u64": pa.array([2**64 - 1], pa.uint64()),
            "leeg": pa.array([None], pa.null()),
        }
    )
    with engine.begin_version(engine.new_version_id()) as writer:
        writer.create_schemas(["raw"])
        writer.load_arrow("raw", "u", data)
        back = writer.read_arrow("raw.u")
        writer.abort()
    assert back.schema.types == [pa.int16(), pa.int64(), pa.decimal128(20, 0), pa.string()]
    assert back.to_pylist() == [{"u8": 255, "u32": 2**32 - 1, "u64": 2**64 - 1, "leeg": None}]


SEMANTICS = {
    "integer division": "SELECT n / 4 AS v FROM raw.t",
    "division by zero": "SELECT n / (n - n) AS v FROM raw.t",
    "decimal division": "SELECT bedrag / 3 AS v FROM raw.t",
    "guarded division": "SELECT n / NULLIF(n - 2, 0) AS v FROM raw.t",
    "integer division operator": "SELECT n // 2 AS v FROM raw.t",
    "year boundaries": "SELECT date_diff('year', d, DATE '2025-01-01') AS v FROM raw.t",
    "month boundaries": "SELECT date_diff('month', d, DATE '2025-01-01') AS v FROM raw.t",
    "whole months": "SELECT date_sub('month', d, DATE '2025-01-01') AS v FROM raw.t",
    "rounded average": "SELECT round(avg(x), 2) AS v FROM raw.t GROUP BY n % 2 ORDER BY 1",
    "rounded percentage": "SELECT round(100.0 * count(*) FILTER (WHERE n > 1) / count(*), 1) AS v "
    "FROM raw.t",
    "any value": "SELECT any_value(s) AS v FROM raw.t",
    "month of a timestamp": "SELECT CAST(date_trunc('month', ts) AS DATE) AS v FROM raw.t",
    "date text": "SELECT strftime(d, '%m%d') AS v FROM raw.t",
    "time zone": "SELECT CAST(ts AS TIMESTAMPTZ) AS v, CAST(ts AS TIMESTAMP) AS w FROM raw.t",
    "grouping sets": "SELECT n % 2 AS k, count(*) AS v FROM raw.t GROUP BY GROUPING SETS ((n % 2), ()) "
    "ORDER BY k NULLS FIRST",
    "group by all": "SELECT s, count(*) AS v FROM raw.t GROUP BY ALL ORDER BY s",
    "split part": "SELECT split_part('a;b;c', ';', 2) AS v",
    "columns without a name": "SELECT n % 2, count(*), n % 2 = 0 FROM raw.t GROUP BY ALL ORDER BY 1",
}


def _semantics_data() -> pa.Table:
    return pa.table(
        {
            "n": pa.array([1, 2, 3], pa.int64()),
            "bedrag": pa.array(
                [Decimal("1.00"), Decimal("2.00"), Decimal("10.00")], pa.decimal128(10, 2)
            ),
            # averages that lie just below and on a half: DuckDB's rounding, not Spark's
            "x": pa.array([11.174999999999999, 16.525, 11.174999999999999], pa.float64()),
            "d": pa.array([dt.date(2000, 12, 31), dt.date(2024, 1, 31), dt.date(2024, 12, 1)]),
            "ts": pa.array([dt.datetime(2024, 3, 31, 23, 30), None, dt.datetime(2024, 1, 1)]),
            "s": pa.array([None, "a", "b"], pa.string()),
        }
    )


def test_models_compute_what_duckdb_computes(engine: SparkEngine) -> None:
    data = _semantics_data()
    reference = duckdb.connect()
    reference.execute("SET TimeZone = 'UTC'")  # Spark's session time zone
    reference.execute("CREATE SCHEMA raw")
    reference.register("data", data)
    reference.execute("CREATE TABLE raw.t AS SELECT * FROM data")
    with engine.begin_version(engine.new_version_id()) as writer:
        writer.create_schemas(["raw", "marts"])
        writer.load_arrow("raw", "t", data)
        for i, (case, sql) in enumerate(SEMANTICS.items()):
            wanted = reference.sql(sql).to_arrow_table()
            expected = [tuple(row.values()) for row in wanted.to_pylist()]
            writer.create_table_as(f"marts.m{i}", sql)
            written = writer.read_arrow(f"marts.m{i}")  # the Parquet files Spark wrote
            assert written.column_names == wanted.column_names, case
            got = [tuple(row.values()) for row in written.to_pylist()]
            if case == "any value":  # any non-NULL value will do, in both
                assert got[0][0] in {"a", "b"} and expected[0][0] in {"a", "b"}
                continue
            assert _normalised(got) == _normalised(expected), case
        writer.abort()


TYPED_MODELS = {
    "marts.sommen": "SELECT sum(i) AS totaal, i // 2 AS helft, count(*) AS aantal, "
    "avg(bedrag) AS gemiddeld, median(bedrag) AS mediaan FROM raw.t GROUP BY i",
    "marts.momenten": "SELECT date_trunc('month', gemeten) AS maand, gemeten FROM raw.t",
}


def test_models_get_duckdbs_column_types_in_spark_and_the_serving_copy(
    engine: SparkEngine,
) -> None:
    data = pa.table(
        {
            "i": pa.array([1, 2, 2], pa.int32()),
            "bedrag": pa.array([Decimal("1.10"), Decimal("2.20"), None], pa.decimal128(10, 2)),
            "gemeten": pa.array([1_700_000_000_000, None, 0], pa.timestamp("ms")),
        }
    )
    reference = duckdb.connect()
    reference.execute("CREATE SCHEMA raw; CREATE SCHEMA marts")
    reference.register("data", data)
    reference.execute("CREATE TABLE raw.t AS SELECT * FROM data")
    for name, sql in TYPED_MODELS.items():
        reference.execute(f"CREATE TABLE {name} AS {sql}")
    version_id = engine.new_version_id()
    with engine.begin_version(version_id) as writer:
        writer.create_schemas(["raw", "marts"])
        writer.load_arrow("raw", "t", data)
        for name, sql in TYPED_MODELS.items():
            writer.create_table_as(name, sql)
        # what the disclosure step reads: a HUGEINT is a 38-digit decimal, as from DuckDB
        assert writer.read_arrow("marts.sommen").schema.field("totaal").type == pa.decimal128(38, 0)
        writer.store_manifest("{}")
        writer.finish()
    served = duckdb.connect(str(engine.database_path(version_id)), read_only=True)
    query = (
        "SELECT schema_name, table_name, column_name, data_type FROM duckdb_columns() "
        "WHERE schema_name IN ('raw', 'marts') ORDER BY ALL"
    )
    assert served.execute(query).fetchall() == reference.execute(query).fetchall()
    assert ("raw", "t", "gemeten", "TIMESTAMP_MS") in served.execute(query).fetchall()
    served.close()


def _normalised(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """NaN equal to NaN; numbers compared as floats (DuckDB's DOUBLE may be Spark's DECIMAL);
    rows in a fixed order (Spark reads a table's files in its own order)."""
    out = []
    for row in rows:
        values: list[object] = []
        for value in row:
            if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                number = float(value)
                values.append("NaN" if number != number else number)
            else:
                values.append(value)
        out.append(tuple(values))
    return sorted(out, key=repr)


def test_a_failing_model_is_a_short_sql_error_with_its_name(engine: SparkEngine) -> None:
    with engine.begin_version(engine.new_version_id()) as writer:
        writer.create_schemas(["raw", "marts"])
        writer.load_arrow("raw", "t", pa.table({"n": [1, 2], "s": ["1", "twee"]}))
        with pytest.raises(SqlError) as unknown:
            writer.create_table_as("marts.kapot", "SELECT bestaat_niet FROM raw.t")
        with pytest.raises(SqlError) as cast:  # ANSI, like DuckDB: no silent NULL
            writer.create_table_as("marts.cast", "SELECT CAST(s AS INTEGER) AS n FROM raw.t")
        with pytest.raises(SqlError) as unreadable:
            writer.create_table_as("marts.onleesbaar", "SELEKT 1")
        writer.abort()
    assert unknown.value.target == "marts.kapot"
    assert "bestaat_niet" in unknown.value.engine_message
    assert cast.value.target == "marts.cast"
    assert "CAST_INVALID_INPUT" in cast.value.engine_message
    assert unreadable.value.target == "marts.onleesbaar"
    for error in (unknown.value, cast.value, unreadable.value):
        message = error.engine_message
        assert "\n" not in message
        assert "org.apache" not in message and "\tat " not in message
        assert "Project [" not in message  # no query plan
        assert len(message) < 400


def test_abort_leaves_no_files_and_no_spark_databases(engine: SparkEngine, spark: object) -> None:
    version_id = engine.new_version_id()
    with pytest.raises(RuntimeError), engine.begin_version(version_id) as writer:
        assert isinstance(writer, SparkVersionWriter)
        writer.create_schemas(["raw", "marts"])
        writer.load_arrow("raw", "t", pa.table({"n": [1, 2, 3]}))
        writer.create_table_as("marts.s", "SELECT sum(n) AS total FROM raw.t")
        databases = {writer.database("raw"), writer.database("marts")}
        assert databases <= _databases(spark)
        raise RuntimeError("boom")
    assert list(engine.tmp_dir.iterdir()) == []
    assert not databases & _databases(spark)
    assert engine.versions() == []


def _databases(spark: object) -> set[str]:
    return {db.name for db in spark.catalog.listDatabases()}  # type: ignore[attr-defined]


def _write(engine: SparkEngine, rows: int) -> str:
    version_id = engine.new_version_id()
    with engine.begin_version(version_id) as writer:
        writer.create_schemas(["raw"])
        writer.load_arrow("raw", "t", pa.table({"n": list(range(rows))}))
        writer.store_manifest(json.dumps({"version_id": version_id}))
        writer.finish()
    return version_id


def test_the_lake_copy_lives_and_goes_with_its_version(engine: SparkEngine) -> None:
    first = _write(engine, 1)
    engine.publish(first)
    second = _write(engine, 2)
    engine.publish(second)
    unpublished = _write(engine, 3)  # killed between finish and publish
    orphan = engine.lake_path("20000101T000000000000Z")  # its manifest was never written
    (orphan / "raw").mkdir(parents=True)
    assert engine.lake_path(first).is_dir()

    removed = engine.cleanup_incomplete()
    assert f"versions/{unpublished}.parquet" in removed
    assert f"versions/{orphan.name}" in removed
    assert not engine.lake_path(unpublished).exists() and not orphan.exists()

    assert engine.gc(keep=1) == [first]
    assert not engine.lake_path(first).exists()
    assert engine.lake_path(second).is_dir()
    assert sorted(p.name for p in engine.versions_dir.iterdir()) == [
        f"{second}.duckdb",
        f"{second}.manifest.json",
        f"{second}.parquet",
    ]


def test_memory_limits_in_duckdb_notation_become_spark_sizes() -> None:
    assert spark_memory("6GB") == "5722m"
    assert spark_memory("512MiB") == "512m"
    assert spark_memory("2 gib") == "2048m"
    with pytest.raises(BuildError, match="geheugenlimiet"):
        spark_memory("veel")


@pytest.mark.slow
def test_a_workspace_builds_on_spark_and_is_served_by_duckdb(
    tmp_path: Path, spark: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_workspace(tmp_path / "ws", persons=2_000)
    set_engine(root, kind="spark")
    loaded_as_arrow = record_arrow_loads(monkeypatch, SparkVersionWriter)

    ws = Workspace.load(root)
    manifest = build(ws)
    assert manifest.engine == "spark"
    # the clean source went from the checking query to Parquet by DuckDB, never through the
    # JVM as Arrow; woningen lost rows and is loaded from Arrow
    assert "raw.personen" not in loaded_as_arrow
    assert "raw.woningen" in loaded_as_arrow
    engine = create_engine(ws.config.engine, root)
    assert isinstance(engine, SparkEngine)
    assert (engine.lake_path(manifest.version_id) / "raw/personen/part-00000.parquet").is_file()
    version = open_current(root)
    assert version is not None and version.version_id == manifest.version_id
    con = version.connect()
    try:
        inwoners = con.execute("SELECT sum(inwoners) FROM published.bevolking_per_buurt").fetchone()
        assert inwoners == (2_000,)
        rows = {run.name: run.rows for run in manifest.models}
        for name, count in rows.items():
            assert con.execute(f"SELECT count(*) FROM {name}").fetchone() == (count,)
    finally:
        con.close()
