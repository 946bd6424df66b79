# SPDX-License-Identifier: EUPL-1.2
"""DuckDB, the embedded default engine: one immutable database file per version.

Layout of ``<engine.path>``::

    CURRENT.json                 {"version_id", "database", "manifest"}: the served version
    build.lock                   flock'ed by the running build (released when its process dies)
    versions/<id>.duckdb         complete versions, never changed after the rename
    versions/<id>.manifest.json  written last: a version is complete when both files exist
    tmp/                         versions being written; anything here is a leftover

A version is written under ``tmp/``, checkpointed, closed, fsynced and renamed into
``versions/``. Publishing replaces ``CURRENT.json`` with :func:`os.replace` (atomic on POSIX)
after an fsync, then fsyncs the folder. Readers resolve ``CURRENT.json`` and open that file
read-only, so they always see one complete version, even while the next one is published.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import duckdb
import pyarrow as pa

from stuurdata.errors import BuildError
from stuurdata.warehouse.engine import EngineAdapter, SqlError, VersionInfo, VersionWriter
from stuurdata.workspace.config import EngineConfig

if TYPE_CHECKING:
    from stuurdata.sources.validate import WriteTarget

CURRENT_FILE = "CURRENT.json"
LOCK_FILE = "build.lock"
MANIFEST_SUFFIX = ".manifest.json"
DATABASE_SUFFIX = ".duckdb"
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LOAD_VIEW = "__stuurdata_arrow_load"


def quote_table(name: str) -> str:
    """``schema.table`` as a quoted DuckDB identifier; refuse anything else."""
    parts = name.split(".")
    if len(parts) != 2 or not all(_IDENTIFIER.match(part) for part in parts):
        raise BuildError(f"ongeldige tabelnaam '{name}': verwacht <schema>.<tabel>")
    return ".".join(f'"{part}"' for part in parts)


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_durably(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file, fsync and an atomic rename."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(path)
    _fsync_path(path.parent)


class DuckDBEngine(EngineAdapter):
    KIND: ClassVar[str] = "duckdb"
    DIALECT: ClassVar[str] = "duckdb"
    SUPPORTS_ATOMIC_FILE_SWAP: ClassVar[bool] = True
    SUPPORTS_SCHEMAS: ClassVar[bool] = True
    SUPPORTS_ARROW_INGEST: ClassVar[bool] = True
    SUPPORTS_CONCURRENT_READERS: ClassVar[bool] = True

    def __init__(self, config: EngineConfig, workspace_root: Path) -> None:
        super().__init__(config, workspace_root)
        self.root = (workspace_root / config.path).resolve()
        self.versions_dir = self.root / "versions"
        self.tmp_dir = self.root / "tmp"

    # -- paths -------------------------------------------------------------------------------
    def database_path(self, version_id: str) -> Path:
        return self.versions_dir / f"{version_id}{DATABASE_SUFFIX}"

    def manifest_path(self, version_id: str) -> Path:
        return self.versions_dir / f"{version_id}{MANIFEST_SUFFIX}"

    def duckdb_config(self, spill_dir: Path | None = None) -> dict[str, Any]:
        config: dict[str, Any] = {}
        if self.config.threads is not None:
            config["threads"] = self.config.threads
        if self.config.memory_limit is not None:
            config["memory_limit"] = self.config.memory_limit
        if spill_dir is not None:
            config["temp_directory"] = str(spill_dir)
        return config

    # -- building ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def build_lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise BuildError(
                    f"er draait al een build voor deze werkruimte (slot {self.root / LOCK_FILE}); "
                    "wacht tot die klaar is"
                ) from None
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the flock

    def new_version_id(self) -> str:
        """A sortable id (UTC time), strictly newer than every version on disk."""
        now = dt.datetime.now(dt.UTC)
        existing = [self._id_of(p) for p in self._version_files()]
        latest = max(existing, default="")
        version_id = now.strftime("%Y%m%dT%H%M%S%fZ")
        while version_id <= latest:
            now += dt.timedelta(microseconds=1)
            version_id = now.strftime("%Y%m%dT%H%M%S%fZ")
        return version_id

    def cleanup_incomplete(self) -> list[str]:
        removed: list[str] = []
        if self.tmp_dir.exists():
            for path in sorted(self.tmp_dir.iterdir()):
                removed.append(f"tmp/{path.name}")
                if path.is_dir():
                    shutil.rmtree(path)
                else:
                    path.unlink()
        stray = self.root / (CURRENT_FILE + ".tmp")
        if stray.exists():
            stray.unlink()
            removed.append(stray.name)
        current = self.current_version()
        complete = {v.version_id for v in self.versions()}
        for path in self._version_files():
            version_id = self._id_of(path)
            unpublished = current is None or version_id > current
            if unpublished or version_id not in complete:
                path.unlink()
                removed.append(f"versions/{path.name}")
        if removed:
            _fsync_path(self.root)
        return removed

    def begin_version(self, version_id: str) -> VersionWriter:
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        return self._new_writer(version_id)

    def _new_writer(self, version_id: str) -> VersionWriter:
        """The writer of a new version (the folders exist)."""
        return DuckDBVersionWriter(self, version_id)

    def publish(self, version_id: str) -> None:
        self._check_complete(version_id)
        self._point_current(version_id)

    def _check_complete(self, version_id: str) -> None:
        if version_id not in {v.version_id for v in self.versions()}:
            raise BuildError(
                f"versie {version_id} is niet compleet en kan niet gepubliceerd worden"
            )

    def _point_current(self, version_id: str) -> None:
        """Make ``CURRENT.json`` point at ``version_id``, atomically and durably."""
        pointer = {
            "version_id": version_id,
            "database": f"versions/{version_id}{DATABASE_SUFFIX}",
            "manifest": f"versions/{version_id}{MANIFEST_SUFFIX}",
            "published_at": dt.datetime.now(dt.UTC).isoformat(),
        }
        _write_durably(self.root / CURRENT_FILE, json.dumps(pointer, indent=2) + "\n")

    # -- reading -----------------------------------------------------------------------------
    def current_version(self) -> str | None:
        try:
            text = (self.root / CURRENT_FILE).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            version_id = json.loads(text)["version_id"]
        except (ValueError, KeyError, TypeError):
            raise BuildError(f"{self.root / CURRENT_FILE} is onleesbaar") from None
        if not isinstance(version_id, str) or not _IDENTIFIER.match("v" + version_id):
            raise BuildError(f"{self.root / CURRENT_FILE} wijst naar een ongeldige versie")
        return version_id

    def open_version(self, version_id: str) -> duckdb.DuckDBPyConnection:
        path = self.database_path(version_id)
        if not path.exists():
            raise BuildError(f"versie {version_id} bestaat niet (meer) in {self.versions_dir}")
        return connect_read_only(path)

    def versions(self) -> list[VersionInfo]:
        if not self.versions_dir.exists():
            return []
        current = self.current_version()
        found: list[VersionInfo] = []
        for manifest in sorted(self.versions_dir.glob(f"*{MANIFEST_SUFFIX}")):
            version_id = manifest.name.removesuffix(MANIFEST_SUFFIX)
            database = self.database_path(version_id)
            if database.exists():
                found.append(VersionInfo(version_id, database, manifest, version_id == current))
        return found

    def gc(self, keep: int) -> list[str]:
        current = self.current_version()
        if current is None:
            return []
        served_once = [v for v in self.versions() if v.version_id <= current]
        removed: list[str] = []
        for info in served_once[: max(0, len(served_once) - max(keep, 1))]:
            info.manifest_path.unlink()  # manifest first: the version stops being complete
            info.location.unlink()
            removed.append(info.version_id)
        if removed:
            _fsync_path(self.versions_dir)
        return removed

    def _version_files(self) -> list[Path]:
        if not self.versions_dir.exists():
            return []
        return sorted(
            p
            for p in self.versions_dir.iterdir()
            if p.name.endswith((DATABASE_SUFFIX, MANIFEST_SUFFIX))
        )

    @staticmethod
    def _id_of(path: Path) -> str:
        return path.name.removesuffix(MANIFEST_SUFFIX).removesuffix(DATABASE_SUFFIX)


class DuckDBVersionWriter(VersionWriter):
    """Writes ``tmp/<id>.duckdb``; :meth:`finish` moves it into ``versions/``."""

    def __init__(self, engine: DuckDBEngine, version_id: str) -> None:
        self.engine = engine
        self.version_id = version_id
        self.path = engine.tmp_dir / f"{version_id}{DATABASE_SUFFIX}"
        self.manifest_tmp = engine.tmp_dir / f"{version_id}{MANIFEST_SUFFIX}"
        spill = engine.tmp_dir / f"{version_id}.spill"
        self.con: duckdb.DuckDBPyConnection | None = duckdb.connect(
            str(self.path), config=engine.duckdb_config(spill)
        )

    def _con(self) -> duckdb.DuckDBPyConnection:
        if self.con is None:
            raise BuildError(f"versie {self.version_id} is al afgesloten")
        return self.con

    def create_schemas(self, names: list[str]) -> None:
        con = self._con()
        for name in names:
            if not _IDENTIFIER.match(name):
                raise BuildError(f"ongeldige schemanaam '{name}'")
            con.execute(f'CREATE SCHEMA IF NOT EXISTS "{name}"')

    def load_arrow(self, schema: str, table_name: str, data: pa.Table) -> int:
        target = quote_table(f"{schema}.{table_name}")
        con = self._con()
        con.register(_LOAD_VIEW, data)  # DuckDB scans the Arrow buffers directly: no copy
        try:
            con.execute(f"CREATE TABLE {target} AS SELECT * FROM {_LOAD_VIEW}")
        except duckdb.Error as exc:
            raise SqlError(f"{schema}.{table_name}", str(exc)) from exc
        finally:
            con.unregister(_LOAD_VIEW)
        return int(data.num_rows)

    def raw_target(self, table_name: str) -> WriteTarget:
        from stuurdata.sources.validate import WriteTarget

        return WriteTarget(self._con().cursor(), quote_table(f"raw.{table_name}"))

    def create_table_as(self, name: str, sql: str) -> int:
        try:
            self._con().execute(f"CREATE TABLE {quote_table(name)} AS {sql}")
        except duckdb.Error as exc:
            raise SqlError(name, str(exc)) from exc
        return self.row_count(name)

    def row_count(self, name: str) -> int:
        rows = self._con().execute(f"SELECT count(*) FROM {quote_table(name)}").fetchall()
        return int(rows[0][0]) if rows else 0

    def columns(self, name: str) -> list[str]:
        schema, table = name.split(".")
        rows = (
            self._con()
            .execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
                [schema, table],
            )
            .fetchall()
        )
        return [str(r[0]) for r in rows]

    def tables(self) -> set[str]:
        return table_names(self._con())

    def store_manifest(self, manifest_json: str) -> None:
        con = self._con()
        con.execute('CREATE SCHEMA IF NOT EXISTS "meta"')
        con.execute(
            'CREATE OR REPLACE TABLE "meta"."manifest" (version_id VARCHAR, manifest VARCHAR)'
        )
        con.execute('INSERT INTO "meta"."manifest" VALUES (?, ?)', [self.version_id, manifest_json])
        with self.manifest_tmp.open("w", encoding="utf-8") as handle:
            handle.write(manifest_json)
            handle.flush()
            os.fsync(handle.fileno())

    def finish(self) -> None:
        con = self._con()
        if not self.manifest_tmp.exists():
            raise BuildError(f"versie {self.version_id} heeft geen manifest")
        con.execute("CHECKPOINT")
        con.close()
        self.con = None
        wal = self.path.with_name(self.path.name + ".wal")
        if wal.exists():
            raise BuildError(f"DuckDB liet een WAL-bestand achter voor versie {self.version_id}")
        _fsync_path(self.path)
        # The database first, the manifest last: a version is complete once both are there.
        self.path.replace(self.engine.database_path(self.version_id))
        self.manifest_tmp.replace(self.engine.manifest_path(self.version_id))
        _fsync_path(self.engine.versions_dir)
        shutil.rmtree(self.engine.tmp_dir / f"{self.version_id}.spill", ignore_errors=True)

    def abort(self) -> None:
        if self.con is not None:
            with contextlib.suppress(duckdb.Error):
                self.con.close()
            self.con = None
        for path in self.engine.tmp_dir.glob(f"{self.version_id}*"):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def connect_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection with DuckDB's default settings.

    Every reader uses the same settings: DuckDB refuses a second connection to a file that is
    already open in the process with a different configuration.
    """
    return duckdb.connect(str(path), read_only=True)


def table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    """All base tables of a connection's database as ``schema.table``."""
    rows = con.execute(
        "SELECT table_schema, table_name FROM information_schema.tables "
        "WHERE table_type = 'BASE TABLE' AND table_catalog = current_database()"
    ).fetchall()
    return {f"{schema}.{table}" for schema, table in rows}
