# SPDX-License-Identifier: EUPL-1.2
"""Reading the published warehouse version: what the rest of Stuurdata calls."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from stuurdata.errors import BuildError
from stuurdata.warehouse.duckdb_engine import DuckDBEngine, connect_read_only
from stuurdata.warehouse.manifest import Manifest
from stuurdata.workspace.config import EngineConfig

DEFAULT_ENGINE_PATH = ".stuurdata/warehouse"
_ATTEMPTS = 5


@dataclass(frozen=True)
class PublishedVersion:
    """One complete, immutable version; it stays readable while newer ones are published."""

    version_id: str
    manifest: Manifest
    database: Path

    def connect(self) -> duckdb.DuckDBPyConnection:
        """A read-only connection to this version."""
        try:
            return connect_read_only(self.database)
        except duckdb.IOException as exc:
            raise BuildError(
                f"versie {self.version_id} is niet meer te openen ({exc}); open de huidige "
                "versie opnieuw"
            ) from exc


def open_current(ws_root: Path, engine_path: str = DEFAULT_ENGINE_PATH) -> PublishedVersion | None:
    """The version served now, or None before the first successful build.

    A build may publish (and clean up) while this runs; resolving is retried so the caller
    always gets one complete version.
    """
    engine = DuckDBEngine(EngineConfig(path=engine_path), ws_root)
    for _ in range(_ATTEMPTS):
        version_id = engine.current_version()
        if version_id is None:
            return None
        try:
            text = engine.manifest_path(version_id).read_text(encoding="utf-8")
        except FileNotFoundError:
            continue  # cleaned up between reading CURRENT.json and the manifest: resolve again
        database = engine.database_path(version_id)
        if database.exists():
            return PublishedVersion(version_id, Manifest.model_validate_json(text), database)
    raise BuildError(f"de gepubliceerde versie in {engine.root} is niet te lezen")
