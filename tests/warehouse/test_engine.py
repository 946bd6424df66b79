# SPDX-License-Identifier: EUPL-1.2
"""The engine-adapter suite: versions, publishing, readers and garbage collection, run on every
engine kind (DuckDB, PostgreSQL, Spark) alike."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pytest

from stuurdata.errors import BuildError
from stuurdata.warehouse.engine import EngineAdapter, create_engine
from stuurdata.workspace.config import EngineConfig
from tests.warehouse.conftest import postgres_engine

KINDS = [
    pytest.param("duckdb"),
    pytest.param("postgres", marks=[pytest.mark.postgres]),
    pytest.param("spark", marks=[pytest.mark.spark]),
]


@pytest.fixture(params=KINDS)
def engine(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> EngineAdapter:
    if request.param == "postgres":
        return postgres_engine(request, tmp_path, monkeypatch)
    return create_engine(EngineConfig(kind=request.param), tmp_path)


def _write_version(engine: EngineAdapter, rows: int) -> str:
    version_id = engine.new_version_id()
    with engine.begin_version(version_id) as writer:
        writer.create_schemas(["raw", "marts"])
        assert writer.load_arrow("raw", "t", pa.table({"n": list(range(rows))})) == rows
        assert writer.create_table_as("marts.s", "SELECT sum(n) AS total FROM raw.t") == 1
        assert writer.row_count("raw.t") == rows
        assert writer.columns("marts.s") == ["total"]
        assert {"raw.t", "marts.s"} <= writer.tables()
        writer.store_manifest(json.dumps({"version_id": version_id, "rows": rows}))
        writer.finish()
    return version_id


def _count(engine: EngineAdapter, version_id: str) -> int:
    con = engine.open_version(version_id)
    try:
        return int(con.execute("SELECT count(*) FROM raw.t").fetchone()[0])
    finally:
        con.close()


def test_capabilities_are_declared(engine: EngineAdapter) -> None:
    assert engine.DIALECT
    for flag in ("SUPPORTS_ATOMIC_FILE_SWAP", "SUPPORTS_SCHEMAS", "SUPPORTS_ARROW_INGEST"):
        assert isinstance(getattr(engine, flag), bool)


def test_unfinished_version_is_invisible_until_published(engine: EngineAdapter) -> None:
    assert engine.current_version() is None
    assert engine.open_current() is None
    first = _write_version(engine, 10)
    assert engine.current_version() is None, "finishing is not publishing"
    engine.publish(first)
    assert engine.current_version() == first
    assert _count(engine, first) == 10
    con = engine.open_current()
    assert con.execute("SELECT version_id FROM meta.manifest").fetchone() == (first,)
    con.close()


def test_reader_keeps_its_version_while_newer_is_published_and_collected(
    engine: EngineAdapter,
) -> None:
    first = _write_version(engine, 3)
    engine.publish(first)
    reader = engine.open_version(first)
    second = _write_version(engine, 5)
    engine.publish(second)
    assert engine.gc(keep=1) == [first]
    assert reader.execute("SELECT count(*) FROM raw.t").fetchone() == (3,)
    reader.close()
    assert [v.version_id for v in engine.versions()] == [second]
    with pytest.raises(BuildError, match="bestaat niet"):
        engine.open_version(first)


def test_aborted_version_leaves_nothing(engine: EngineAdapter) -> None:
    version_id = engine.new_version_id()
    with pytest.raises(RuntimeError), engine.begin_version(version_id) as writer:
        writer.create_schemas(["raw"])
        writer.load_arrow("raw", "t", pa.table({"n": [1, 2]}))
        raise RuntimeError("boom")
    assert engine.versions() == []
    assert engine.cleanup_incomplete() == []
    with pytest.raises(BuildError, match="niet compleet"):
        engine.publish(version_id)


def test_gc_keeps_the_newest_versions(engine: EngineAdapter) -> None:
    ids = []
    for rows in range(4):
        ids.append(_write_version(engine, rows + 1))
        engine.publish(ids[-1])
    assert ids == sorted(ids)
    assert engine.gc(keep=2) == ids[:2]
    assert [v.version_id for v in engine.versions()] == ids[2:]
    assert engine.versions()[-1].current
    assert _count(engine, ids[-1]) == 4
