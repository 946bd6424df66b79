# SPDX-License-Identifier: EUPL-1.2
"""The PostgreSQL engine adapter on a real server: types, errors, the stable schemas PostgreSQL
clients read, the build lock across machines and recovery from a kill between the two swaps."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import psycopg
import pyarrow as pa
import pytest

from stuurdata.errors import BuildError, SecretError
from stuurdata.warehouse import build, open_current
from stuurdata.warehouse.engine import SqlError, create_engine
from stuurdata.warehouse.postgres_engine import PostgresEngine, PostgresVersionWriter
from stuurdata.workspace import Workspace
from stuurdata.workspace.config import EngineConfig, SecretRef
from tests.warehouse.conftest import (
    DSN_VARIABLE,
    make_workspace,
    postgres_engine,
    record_arrow_loads,
)
from tests.workspace_config import set_engine

pytestmark = pytest.mark.postgres

TYPED = pa.table(
    {
        "small": pa.array([1, None, -3], pa.int16()),
        "whole": pa.array([1, 2, None], pa.int32()),
        "big": pa.array([2**40, None, -(2**40)], pa.int64()),
        "amount": pa.array([Decimal("12.34"), None, Decimal("-0.05")], pa.decimal128(10, 2)),
        "ratio": pa.array([0.1, None, 1e-300], pa.float64()),
        "text": pa.array(['a,b "quoted"\nline', None, ""], pa.string()),
        "day": pa.array([dt.date(2024, 2, 29), None, dt.date(1900, 1, 1)], pa.date32()),
        "moment": pa.array(
            [dt.datetime(2024, 1, 1, 12, 30, 15, 123456), None, dt.datetime(1970, 1, 1)],
            pa.timestamp("us"),
        ),
        "instant": pa.array(
            [dt.datetime(2024, 6, 1, 8, 0, tzinfo=dt.UTC), None, None],
            pa.timestamp("us", tz="UTC"),
        ),
        "flag": pa.array([True, None, False], pa.bool_()),
        "shape": pa.array([b"\x01\x02\x00\xff", None, b""], pa.binary()),
    }
)


@pytest.fixture
def engine(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> PostgresEngine:
    created = postgres_engine(request, tmp_path, monkeypatch)
    assert isinstance(created, PostgresEngine)
    return created


def _writer(engine: PostgresEngine) -> PostgresVersionWriter:
    writer = engine.begin_version(engine.new_version_id())
    writer.create_schemas(["raw", "marts", "published"])
    return writer


def _publish(engine: PostgresEngine, rows: int) -> str:
    writer = _writer(engine)
    writer.load_arrow("raw", "t", pa.table({"n": list(range(rows))}))
    writer.create_table_as("published.totaal", "SELECT count(*) AS rijen FROM raw.t")
    writer.store_manifest(json.dumps({"version_id": writer.version_id}))
    writer.finish()
    engine.publish(writer.version_id)
    return writer.version_id


def test_every_column_type_survives_postgres_and_the_serving_copy(engine: PostgresEngine) -> None:
    writer = _writer(engine)
    assert writer.load_arrow("raw", "typed", TYPED) == 3
    assert writer.read_arrow("raw.typed").equals(TYPED)
    writer.load_arrow("raw", "empty", TYPED.slice(0, 0))
    assert writer.read_arrow("raw.empty").equals(TYPED.slice(0, 0))
    writer.store_manifest(json.dumps({"version_id": writer.version_id}))
    writer.finish()
    served = engine.open_version(writer.version_id)
    try:
        copy = served.sql("SELECT * FROM raw.typed").to_arrow_table()
        assert copy.to_pylist() == TYPED.to_pylist()
        assert served.execute("SELECT count(*) FROM raw.empty").fetchone() == (0,)
    finally:
        served.close()


def test_sql_is_transpiled_and_rounds_like_duckdb(engine: PostgresEngine) -> None:
    writer = _writer(engine)
    writer.load_arrow("raw", "m", pa.table({"g": ["a", "a", "b"], "x": [0.125, 21.675, 2.5]}))
    writer.create_table_as(
        "marts.m",
        "SELECT g, any_value(g) AS same, round(avg(x), 2) AS gem, round(max(x)) AS hoogste, "
        "'2025' AS periode FROM raw.m GROUP BY ALL ORDER BY g",
    )
    rows = writer.read_arrow("marts.m").to_pylist()
    # DuckDB: round(10.9, 2) = 10.9, round(21.675) = 22, round(2.5) = 3 (half away from zero)
    assert rows == [
        {"g": "a", "same": "a", "gem": 10.9, "hoogste": 22.0, "periode": "2025"},
        {"g": "b", "same": "b", "gem": 2.5, "hoogste": 3.0, "periode": "2025"},
    ]
    writer.abort()


def test_refused_sql_names_the_table_and_postgresql_s_reason(engine: PostgresEngine) -> None:
    writer = _writer(engine)
    with pytest.raises(SqlError) as caught:
        writer.create_table_as("marts.kapot", "SELECT geen_kolom FROM raw.bestaat_niet")
    assert caught.value.target == "marts.kapot"
    assert "bestaat_niet" in caught.value.engine_message
    writer.abort()
    assert engine.version_schemas() == {}


def test_postgresql_clients_read_the_published_version_in_stable_schemas(
    engine: PostgresEngine,
) -> None:
    first = _publish(engine, 3)
    with psycopg.connect(engine.dsn) as con:
        assert con.execute("SELECT rijen FROM published.totaal").fetchone() == (3,)
        assert con.execute("SELECT version_id FROM meta.manifest").fetchone() == (first,)
        raw = con.execute("SELECT to_regclass('raw.t')").fetchone()
        assert raw == (None,), "pseudonymised raw rows stay inside the version"
    second = _publish(engine, 5)
    assert engine.stable_version() == second
    assert engine.gc(keep=1) == [first]
    assert list(engine.version_schemas()) == [second.lower()]
    with psycopg.connect(engine.dsn) as con:
        assert con.execute("SELECT rijen FROM published.totaal").fetchone() == (5,)


def test_a_kill_between_the_two_swaps_is_repaired_by_the_next_build(
    engine: PostgresEngine,
) -> None:
    served = _publish(engine, 3)
    writer = _writer(engine)
    writer.load_arrow("raw", "t", pa.table({"n": [1]}))
    writer.create_table_as("published.totaal", "SELECT count(*) AS rijen FROM raw.t")
    writer.store_manifest(json.dumps({"version_id": writer.version_id}))
    writer.finish()
    engine._swap_stable_schemas(writer.version_id)  # killed before CURRENT.json was replaced
    assert engine.stable_version() == writer.version_id
    assert engine.current_version() == served

    engine.cleanup_incomplete()
    assert engine.stable_version() == served
    assert list(engine.version_schemas()) == [served.lower()]


def test_one_build_at_a_time_across_machines_sharing_the_database(
    engine: PostgresEngine, tmp_path: Path
) -> None:
    other_machine = PostgresEngine(engine.config, tmp_path / "elders")
    with (
        engine.build_lock(),
        pytest.raises(BuildError, match="er draait al een build"),
        other_machine.build_lock(),
    ):
        pass
    with other_machine.build_lock():
        pass


def test_a_missing_connection_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(BuildError, match="dsn"):
        create_engine(EngineConfig(kind="postgres"), tmp_path)
    monkeypatch.delenv(DSN_VARIABLE, raising=False)
    with pytest.raises(SecretError, match=f"{DSN_VARIABLE} voor de warehouse-database"):
        create_engine(EngineConfig(kind="postgres", dsn=SecretRef(env=DSN_VARIABLE)), tmp_path)
    monkeypatch.setenv(DSN_VARIABLE, "postgresql://niemand@127.0.0.1:1/geen")
    engine = create_engine(EngineConfig(kind="postgres", dsn=SecretRef(env=DSN_VARIABLE)), tmp_path)
    with pytest.raises(BuildError, match="niet bereikbaar"), engine.build_lock():
        pass


def test_clean_sources_stream_to_postgresql_without_being_held_in_memory(
    engine: PostgresEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_workspace(tmp_path / "ws", persons=2_000)
    set_engine(root, kind="postgres", dsn={"env": DSN_VARIABLE})
    loaded_as_arrow = record_arrow_loads(monkeypatch, PostgresVersionWriter)

    manifest = build(Workspace.load(root))

    runs = {run.name: run for run in manifest.sources}
    assert runs["personen"].rows_rejected == 0 and runs["woningen"].rows_rejected > 0
    # personen is clean: checked straight into the serving copy, then streamed by COPY;
    # woningen lost rows, so it comes back as Arrow and is loaded from that
    assert "raw.personen" not in loaded_as_arrow
    assert "raw.woningen" in loaded_as_arrow
    schema = f"v{manifest.version_id.lower()}_raw"
    with engine.connect() as con:
        for name, run in runs.items():
            count = con.execute(
                psycopg.sql.SQL("SELECT count(*) FROM {}.{}").format(
                    psycopg.sql.Identifier(schema), psycopg.sql.Identifier(name)
                )
            ).fetchone()
            assert count == (run.rows_loaded,)
    version = open_current(root)
    assert version is not None and version.version_id == manifest.version_id
    served = version.connect()
    try:
        for name, run in runs.items():
            assert served.execute(f"SELECT count(*) FROM raw.{name}").fetchall() == [
                (run.rows_loaded,)
            ]
    finally:
        served.close()
