# SPDX-License-Identifier: EUPL-1.2
"""SIGKILL builds at random moments in every phase: the served version is always the old or a
new complete one (never a mix), a concurrent reader never sees a partial version, and the next
build succeeds and cleans up what the killed builds left behind. Runs on DuckDB and on
PostgreSQL; there a second reader checks what PostgreSQL clients see in the stable schemas."""

from __future__ import annotations

import itertools
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest

from stuurdata.warehouse import PublishedVersion, build, open_current
from stuurdata.warehouse.build import PHASES
from stuurdata.warehouse.postgres_engine import STABLE_LAYERS
from stuurdata.workspace import Workspace
from tests.workspace_config import set_engine

from .conftest import make_workspace

DSN_VARIABLE = "STUURDATA_TEST_KILL_DSN"

ITERATIONS = 24
PERSONS = 300_000
"""Sized so that one build takes a second or two."""

BUILD_SCRIPT = """
import sys, time
from pathlib import Path
from stuurdata.warehouse import build
from stuurdata.workspace import Workspace

class Progress:
    def phase_started(self, phase, total, description):
        print(f"PHASE {phase} {time.monotonic()}", flush=True)
    def phase_advanced(self, phase, step):
        pass
    def phase_finished(self, phase, seconds):
        pass

print(f"PHASE start {time.monotonic()}", flush=True)
manifest = build(Workspace.load(Path(sys.argv[1])), Progress())
print(f"PHASE done {time.monotonic()}", flush=True)
print(f"VERSION {manifest.version_id}", flush=True)
"""


def _start_build(root: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", BUILD_SCRIPT, str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _phases(stdout: str, t0: float) -> list[tuple[str, float]]:
    found = []
    for line in stdout.splitlines():
        if line.startswith("PHASE "):
            _, name, at = line.split()
            found.append((name, float(at) - t0))
    return found


def assert_complete(version: PublishedVersion) -> None:
    """Every table the manifest names exists with the manifest's row count."""
    con = version.connect()
    try:
        present = {
            f"{schema}.{table}"
            for schema, table in con.execute(
                "SELECT table_schema, table_name FROM information_schema.tables"
            ).fetchall()
        }
        expected = version.manifest.tables()
        assert expected, "a manifest names tables"
        for table, rows in expected.items():
            assert table in present, f"{table} missing from {version.version_id}"
            count = con.execute(f"SELECT count(*) FROM {table}").fetchone()
            assert count == (rows,), f"{table} in {version.version_id}: {count} != {rows}"
        for dataset in version.manifest.datasets:
            assert dataset.model in present
        stored = con.execute("SELECT version_id FROM meta.manifest").fetchall()
        assert stored == [(version.version_id,)]
    finally:
        con.close()


def postgres_version(dsn: str) -> str | None:
    """The version PostgreSQL clients see, checked complete: in one statement (one snapshot)
    the manifest of ``meta.manifest`` and the rows of every ``published`` view it names."""
    with psycopg.connect(dsn, autocommit=True) as con:
        row = con.execute("SELECT manifest FROM meta.manifest").fetchone()
        if row is None:
            return None
        from stuurdata.warehouse.manifest import Manifest

        manifest = Manifest.model_validate_json(row[0])
        public = {t: n for t, n in manifest.tables().items() if t.split(".")[0] in STABLE_LAYERS}
        public.update({f"published.{d.name}": d.rows for d in manifest.datasets})
        assert len(public) >= 5, public  # areas, marts and published tables
        counts = ", ".join(f"(SELECT count(*) FROM {t})" for t in sorted(public))
        checked = con.execute(f"SELECT (SELECT version_id FROM meta.manifest), {counts}").fetchone()
    assert checked is not None
    version_id, *rows = checked
    assert dict(zip(sorted(public), rows, strict=True)) == public, version_id
    return str(version_id)


class Reader(threading.Thread):
    """Reads the served version over and over while builds are being killed; with ``dsn`` it
    reads what PostgreSQL clients see instead."""

    def __init__(self, root: Path, dsn: str | None = None) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.dsn = dsn
        self.stop = threading.Event()
        self.reads = 0
        self.seen: set[str] = set()
        self.errors: list[str] = []

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                version_id = self._read()
                if version_id is not None:
                    self.seen.add(version_id)
                    self.reads += 1
            except Exception as exc:  # every failure is a finding, reported by the test
                self.errors.append(f"{type(exc).__name__}: {exc}")
            time.sleep(0.01)

    def _read(self) -> str | None:
        if self.dsn is not None:
            return postgres_version(self.dsn)
        version = open_current(self.root)
        if version is None:
            return None
        assert_complete(version)
        return version.version_id


def _kill_during(root: Path, phase: str, seconds: float) -> str:
    """Start a build, SIGKILL it ``seconds`` after it entered ``phase``; return the last phase
    it reported (``startup`` when it was still importing)."""
    proc = _start_build(root)
    assert proc.stdout is not None
    if phase == "startup":
        time.sleep(seconds)
    else:
        for line in proc.stdout:  # follow the child's own progress: timing is noisy on CI
            if line.startswith(("PHASE done", f"PHASE {phase} ")):
                break
        time.sleep(seconds)
    os.kill(proc.pid, signal.SIGKILL)
    out, _ = proc.communicate(timeout=60)
    seen = _phases(out, 0.0)
    return seen[-1][0] if seen else phase if phase != "startup" else "startup"


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_killed_builds_never_leave_a_mixed_version(
    tmp_path: Path, kind: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_workspace(tmp_path / "ws", persons=PERSONS)
    warehouse = root / ".stuurdata" / "warehouse"
    dsn: str | None = None
    if kind == "postgres":
        url = request.getfixturevalue("postgres").new_database("kill_during_build")
        dsn = url.replace("postgresql+psycopg://", "postgresql://")
        set_engine(root, kind="postgres", dsn={"env": DSN_VARIABLE})
        monkeypatch.setenv(DSN_VARIABLE, dsn)  # the build subprocesses inherit it

    # Calibrate: a full build in a subprocess, recording how long each phase takes.
    t0 = time.monotonic()
    proc = _start_build(root)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    marks = _phases(out, t0)
    names = [name for name, _ in marks]
    assert names == ["start", *PHASES, "done"], names
    duration = {name: end - start for (name, start), (_, end) in itertools.pairwise(marks)}
    duration["startup"] = marks[0][1]
    assert 0.3 < marks[-1][1] - marks[0][1] < 60, "build took too long; resize PERSONS"

    first = open_current(root)
    assert first is not None
    assert_complete(first)
    served = first.version_id
    known = {served}

    finished = _finished(warehouse)
    readers = [Reader(root)] + ([Reader(root, dsn)] if dsn else [])
    for reader in readers:
        reader.start()
    rng = random.Random(20240611)
    targets = ["startup", *PHASES]
    killed_in: dict[str, int] = {}
    try:
        for i in range(ITERATIONS):
            phase = targets[i % len(targets)]
            last = _kill_during(root, phase, rng.uniform(0.0, duration[phase] * 1.2))
            killed_in[last] = killed_in.get(last, 0) + 1

            version = open_current(root)
            assert version is not None, "a killed build never unpublishes"
            assert_complete(version)
            if version.version_id != served:
                # the build got past the swap before the kill: a new, complete version
                assert version.version_id > served
                assert version.version_id not in known
                served = version.version_id
                known.add(served)
            finished |= _finished(warehouse)
            if dsn is not None:  # PostgreSQL clients: a complete version, old or new
                assert postgres_version(dsn) in known | finished
    finally:
        for reader in readers:
            reader.stop.set()
            reader.join(timeout=30)

    for reader in readers:
        assert reader.errors == [], reader.errors[:5]
        assert reader.reads > 20
        assert reader.seen <= known | finished, "readers saw complete versions only"
    assert readers[0].seen <= known, "the portal's reader only ever saw published versions"
    # the kills were spread over the build's phases
    assert len(killed_in) >= 5, killed_in
    assert {"sources", "models"} <= set(killed_in), killed_in

    # The next build succeeds and cleans up what the killed builds left behind.
    manifest = build(Workspace.load(root))
    version = open_current(root)
    assert version is not None and version.version_id == manifest.version_id
    assert_complete(version)
    assert not list((warehouse / "tmp").iterdir())
    assert not (warehouse / "CURRENT.json.tmp").exists()
    files = sorted(p.name for p in (warehouse / "versions").iterdir())
    ids = sorted({p.split(".")[0] for p in files})
    assert files == sorted(f"{v}{s}" for v in ids for s in (".duckdb", ".manifest.json"))
    assert len(ids) <= Workspace.load(root).config.engine.keep_versions
    assert ids[-1] == manifest.version_id
    if dsn is not None:
        assert postgres_version(dsn) == manifest.version_id
        with psycopg.connect(dsn) as con:
            schemas = con.execute(
                "SELECT DISTINCT split_part(nspname, '_', 1) FROM pg_namespace "
                "WHERE nspname ~ '^v[0-9]{8}t'"
            ).fetchall()
        assert sorted(s for (s,) in schemas) == [f"v{v.lower()}" for v in ids], "no leftovers"


def _finished(warehouse: Path) -> set[str]:
    """Versions that were complete at some point (killed between finish and publish, or
    between PostgreSQL's swap and ``CURRENT.json``'s): their manifests were written."""
    return {p.name.split(".")[0] for p in (warehouse / "versions").glob("*.manifest.json")}
