# SPDX-License-Identifier: EUPL-1.2
"""Opening the published version: None before the first build, one complete version after."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pytest

from stuurdata.errors import BuildError
from stuurdata.warehouse import open_current
from stuurdata.warehouse.duckdb_engine import DuckDBEngine
from stuurdata.warehouse.manifest import Manifest
from stuurdata.workspace.config import EngineConfig

ENGINE_PATH = "wh"


def _publish(tmp_path: Path) -> str:
    engine = DuckDBEngine(EngineConfig(path=ENGINE_PATH), tmp_path)
    version_id = engine.new_version_id()
    manifest = Manifest.model_validate(
        {
            "version_id": version_id,
            "workspace_name": "ws",
            "started_at": "2024-06-11T10:00:00Z",
            "finished_at": "2024-06-11T10:00:01Z",
            "code_version": "0",
            "engine": "duckdb",
            "boundary_year": 2024,
            "sources": [],
            "models": [],
            "datasets": [],
            "areas": {"buurten": 2},
            "seconds": 1.0,
        }
    )
    with engine.begin_version(version_id) as writer:
        writer.create_schemas(["areas"])
        writer.load_arrow("areas", "buurten", pa.table({"code": ["BU1", "BU2"]}))
        writer.store_manifest(manifest.model_dump_json())
        writer.finish()
    engine.publish(version_id)
    return version_id


def test_nothing_published_yet(tmp_path: Path) -> None:
    assert open_current(tmp_path, ENGINE_PATH) is None


def test_published_version_reads_its_manifest_and_tables(tmp_path: Path) -> None:
    version_id = _publish(tmp_path)
    current = open_current(tmp_path, ENGINE_PATH)
    assert current is not None
    assert current.version_id == version_id
    assert current.manifest.tables() == {"areas.buurten": 2}
    con = current.connect()
    assert con.execute("SELECT count(*) FROM areas.buurten").fetchone() == (2,)
    with pytest.raises(Exception, match="read-only"):
        con.execute("CREATE TABLE areas.x AS SELECT 1")
    con.close()


def test_a_pointer_to_a_missing_version_is_an_error_not_a_hang(tmp_path: Path) -> None:
    _publish(tmp_path)
    pointer = tmp_path / ENGINE_PATH / "CURRENT.json"
    data = json.loads(pointer.read_text())
    data["version_id"] = "20000101T000000000000Z"
    pointer.write_text(json.dumps(data))
    with pytest.raises(BuildError, match="niet te lezen"):
        open_current(tmp_path, ENGINE_PATH)


def test_connect_to_a_collected_version_says_to_reopen(tmp_path: Path) -> None:
    _publish(tmp_path)
    current = open_current(tmp_path, ENGINE_PATH)
    assert current is not None
    current.database.unlink()
    with pytest.raises(BuildError, match="opnieuw"):
        current.connect()
