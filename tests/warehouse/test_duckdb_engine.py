# SPDX-License-Identifier: EUPL-1.2
"""The DuckDB engine on its own: versions, atomic publish, locking, cleanup and gc."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from stuurdata.errors import BuildError
from stuurdata.warehouse.duckdb_engine import DuckDBEngine, quote_table
from stuurdata.warehouse.engine import create_engine
from stuurdata.workspace.config import EngineConfig


def _engine(tmp_path: Path, **options: object) -> DuckDBEngine:
    engine = create_engine(EngineConfig(**options), tmp_path)  # type: ignore[arg-type]
    assert isinstance(engine, DuckDBEngine)
    return engine


def _write_version(engine: DuckDBEngine, rows: int) -> str:
    version_id = engine.new_version_id()
    with engine.begin_version(version_id) as writer:
        writer.create_schemas(["raw", "marts"])
        loaded = writer.load_arrow("raw", "t", pa.table({"n": list(range(rows))}))
        assert loaded == rows
        total = writer.create_table_as("marts.s", "SELECT sum(n) AS total FROM raw.t")
        assert total == 1
        writer.store_manifest(json.dumps({"version_id": version_id, "rows": rows}))
        writer.finish()
    return version_id


def test_published_pointer_names_the_files(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    version_id = _write_version(engine, 1)
    engine.publish(version_id)
    pointer = json.loads((engine.root / "CURRENT.json").read_text())
    assert pointer["version_id"] == version_id
    assert pointer["database"] == f"versions/{version_id}.duckdb"
    assert pointer["manifest"] == f"versions/{version_id}.manifest.json"
    assert (engine.root / pointer["database"]).exists()


def test_cleanup_removes_leftovers_and_unpublished_versions(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    served = _write_version(engine, 2)
    engine.publish(served)
    unpublished = _write_version(engine, 4)  # killed between finish and publish
    (engine.tmp_dir / "x.duckdb").write_bytes(b"half")  # killed while writing
    (engine.root / "CURRENT.json.tmp").write_text("{")
    orphan = engine.versions_dir / "20000101T000000000000Z.duckdb"  # manifest never renamed
    orphan.write_bytes(b"")
    removed = engine.cleanup_incomplete()
    assert "tmp/x.duckdb" in removed
    assert f"versions/{unpublished}.duckdb" in removed
    assert f"versions/{orphan.name}" in removed
    assert [v.version_id for v in engine.versions()] == [served]
    assert engine.current_version() == served


def _hold_lock(root: str, ready: multiprocessing.synchronize.Event) -> None:
    engine = DuckDBEngine(EngineConfig(), Path(root))
    with engine.build_lock():
        ready.set()
        multiprocessing.Event().wait(60)


def test_lock_blocks_a_second_build_but_not_after_the_holder_dies(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(str(tmp_path), ready))
    holder.start()
    try:
        assert ready.wait(30)
        with pytest.raises(BuildError, match="draait al een build"), engine.build_lock():
            pass
    finally:
        holder.kill()
        holder.join()
    with engine.build_lock():  # a SIGKILLed holder leaves a stale file, not a held lock
        assert (engine.root / "build.lock").exists()


def test_engine_settings_reach_the_build_connection(tmp_path: Path) -> None:
    engine = _engine(tmp_path, threads=1, memory_limit="256MB")
    writer = engine.begin_version(engine.new_version_id())
    assert writer.con is not None
    assert writer.con.execute("SELECT current_setting('threads')").fetchone() == (1,)
    limit = writer.con.execute("SELECT current_setting('memory_limit')").fetchone()
    assert limit is not None and "MiB" in str(limit[0])
    writer.abort()


def test_readers_in_one_process_can_share_a_version(tmp_path: Path) -> None:
    engine = _engine(tmp_path, threads=1)
    version_id = _write_version(engine, 2)
    engine.publish(version_id)
    first = engine.open_current()
    second = duckdb.connect(str(engine.database_path(version_id)), read_only=True)
    assert second.execute("SELECT count(*) FROM raw.t").fetchone() == (2,)
    second.close()
    first.close()


@pytest.mark.parametrize("name", ["raw", "raw.t.x", 'raw."t"', "raw.t; DROP TABLE x"])
def test_table_names_are_checked(name: str) -> None:
    with pytest.raises(BuildError, match="ongeldige tabelnaam"):
        quote_table(name)
