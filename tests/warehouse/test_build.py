# SPDX-License-Identifier: EUPL-1.2
"""Whole builds of a small workspace: publish, manifest, and failures that leave the old version."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import stuurdata
from stuurdata.errors import BuildError, SourceError, WorkspaceError
from stuurdata.warehouse import Manifest, build, open_current
from stuurdata.workspace import Workspace

from .conftest import BAD_WONINGEN, BUURTEN

ENGINE_PATH = ".stuurdata/warehouse"


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []

    def phase_started(self, phase: str, total: int | None, description: str) -> None:
        self.events.append(("start", phase))

    def phase_advanced(self, phase: str, step: str) -> None:
        self.events.append(("step", f"{phase}:{step}"))

    def phase_finished(self, phase: str, seconds: float) -> None:
        self.events.append(("finish", phase))


def _state(root: Path) -> tuple[str | None, list[str], list[str]]:
    """(current version, files in versions/, files in tmp/)."""
    warehouse = root / ENGINE_PATH
    current = open_current(root)

    def names(folder: Path) -> list[str]:
        return sorted(p.name for p in folder.iterdir()) if folder.exists() else []

    return (
        current.version_id if current else None,
        names(warehouse / "versions"),
        names(warehouse / "tmp"),
    )


def test_build_publishes_a_complete_self_describing_version(ws: Workspace) -> None:
    assert open_current(ws.root) is None
    recorder = Recorder()
    manifest = build(ws, recorder)

    current = open_current(ws.root)
    assert current is not None
    assert current.version_id == manifest.version_id
    assert current.manifest == manifest
    assert manifest.status == "complete"
    assert manifest.workspace_name == "testregio"
    assert manifest.code_version.startswith(stuurdata.__version__)
    assert manifest.engine == "duckdb"
    assert manifest.areas["buurten"] == len(BUURTEN)
    assert manifest.areas["gemeenten"] == 1
    assert manifest.finished_at >= manifest.started_at
    assert set(manifest.phases) >= {"areas", "sources", "models"}

    con = current.connect()
    try:
        tables = {
            f"{s}.{t}"
            for s, t in con.execute(
                "SELECT table_schema, table_name FROM information_schema.tables"
            ).fetchall()
        }
        for table, rows in manifest.tables().items():
            assert table in tables
            assert con.execute(f"SELECT count(*) FROM {table}").fetchone() == (rows,)
        stored = con.execute("SELECT version_id, manifest FROM meta.manifest").fetchall()
        assert len(stored) == 1 and stored[0][0] == manifest.version_id
        assert Manifest.model_validate_json(stored[0][1]) == manifest
        inwoners = con.execute("SELECT sum(inwoners) FROM marts.bevolking_per_buurt").fetchone()
        assert inwoners == (200,)
    finally:
        con.close()

    [dataset] = manifest.datasets
    assert dataset.model == "marts.bevolking_per_buurt"
    assert dataset.rows == len(BUURTEN)
    assert dataset.columns == [
        "buurtcode",
        "buurtnaam",
        "inwoners",
        "gemiddelde_leeftijd",
        "woningen",
    ]
    assert dataset.classification == "openbaar"

    starts = [name for kind, name in recorder.events if kind == "start"]
    assert starts == ["areas", "sources", "models", "publish"]
    assert ("step", "models:marts.bevolking_per_buurt") in recorder.events


def test_manifest_counts_rows_and_hashes_inputs(ws: Workspace) -> None:
    manifest = build(ws)
    sources = {s.name: s for s in manifest.sources}
    assert set(sources) == {"personen", "woningen"}
    for run in sources.values():
        assert run.rows_in == run.rows_loaded + run.rows_rejected
        for file in run.files:
            data = (ws.root / file.path).read_bytes()
            assert file.sha256 == hashlib.sha256(data).hexdigest()
            assert file.size == len(data)
    assert sources["personen"].rows_in == 200
    assert sources["personen"].rows_rejected == 0
    assert [f.path for f in sources["personen"].files] == ["data/personen.csv"]
    assert sources["woningen"].rows_rejected == BAD_WONINGEN
    assert sources["woningen"].rows_loaded == 40
    assert sources["woningen"].problems, "rows left out are explained"
    on_disk = ws.root / ENGINE_PATH / "versions" / f"{manifest.version_id}.manifest.json"
    assert Manifest.model_validate_json(on_disk.read_text()) == manifest


def test_models_run_in_dependency_order(ws: Workspace) -> None:
    order = [m.name for m in build(ws).models]
    assert order.index("staging.stg_woningen") < order.index("marts.woningen_per_buurt")
    assert order.index("marts.woningen_per_buurt") < order.index("marts.bevolking_per_buurt")
    assert order.index("staging.stg_personen") < order.index("marts.bevolking_per_buurt")


def test_failed_model_leaves_the_previous_version_served(workspace_root: Path) -> None:
    first = build(Workspace.load(workspace_root))
    before = _state(workspace_root)
    model = workspace_root / "models/marts/woningen_per_buurt.sql"
    model.write_text("SELECT buurtcode, geen_kolom FROM staging.stg_woningen\n")
    with pytest.raises(BuildError) as info:
        build(Workspace.load(workspace_root))
    assert "models/marts/woningen_per_buurt.sql" in str(info.value)
    assert "geen_kolom" in str(info.value)
    assert _state(workspace_root) == before
    assert before[0] == first.version_id
    assert before[2] == [], "no leftovers of the failed build"


def test_bad_sources_write_nothing_and_report_all_sources(workspace_root: Path) -> None:
    personen = workspace_root / "data/personen.csv"
    personen.write_text(personen.read_text().replace(",M\n", ",X\n", 1))
    (workspace_root / "data/woningen.csv").unlink()
    with pytest.raises(SourceError) as info:
        build(Workspace.load(workspace_root))
    files = {p.file for p in info.value.problems}
    assert any("personen" in f for f in files), files
    assert any("woningen" in f for f in files), files
    warehouse = workspace_root / ENGINE_PATH
    assert not (warehouse / "CURRENT.json").exists()
    assert not list(warehouse.glob("versions/*")), "no version file was written"
    assert not list(warehouse.glob("tmp/*"))


def test_bad_source_keeps_the_served_version(workspace_root: Path) -> None:
    build(Workspace.load(workspace_root))
    before = _state(workspace_root)
    personen = workspace_root / "data/personen.csv"
    personen.write_text(personen.read_text().replace(BUURTEN[0], "BU99999999", 1))
    with pytest.raises(SourceError, match="vorige versie blijft"):
        build(Workspace.load(workspace_root))
    assert _state(workspace_root) == before


def test_missing_dependency_is_reported_with_the_model_file(workspace_root: Path) -> None:
    (workspace_root / "models/marts/extra.sql").write_text("SELECT * FROM staging.bestaat_niet\n")
    with pytest.raises((WorkspaceError, BuildError)) as info:
        build(Workspace.load(workspace_root))
    assert "models/marts/extra.sql" in str(info.value)
    assert "staging.bestaat_niet" in str(info.value)
    assert open_current(workspace_root) is None


def test_rebuilds_publish_new_versions_and_gc_keeps_two(workspace_root: Path) -> None:
    ids = [build(Workspace.load(workspace_root)).version_id for _ in range(3)]
    assert ids == sorted(ids) and len(set(ids)) == 3
    current, versions, tmp = _state(workspace_root)
    assert current == ids[-1]
    assert versions == sorted(
        f"{v}{suffix}" for v in ids[1:] for suffix in (".duckdb", ".manifest.json")
    )
    assert tmp == []
    pointer = json.loads((workspace_root / ENGINE_PATH / "CURRENT.json").read_text())
    assert pointer["version_id"] == ids[-1]
