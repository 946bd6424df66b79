# SPDX-License-Identifier: EUPL-1.2
"""The engine-adapter interface: what a warehouse engine must do to build and serve versions.

An engine declares its capabilities with ``SUPPORTS_*`` flags instead of callers branching on
its name. DuckDB (embedded, the default), PostgreSQL and Spark implement it and run the same
conformance tests.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar

import pyarrow as pa

from stuurdata.errors import BuildError
from stuurdata.workspace.config import EngineConfig

if TYPE_CHECKING:
    from stuurdata.sources.validate import WriteTarget


class SqlError(BuildError):
    """The engine refused a statement; ``engine_message`` is its own explanation."""

    def __init__(self, target: str, engine_message: str) -> None:
        self.target = target
        self.engine_message = engine_message
        super().__init__(f"{target}: {engine_message}")


@dataclass(frozen=True)
class VersionInfo:
    """A complete, immutable warehouse version kept by the engine."""

    version_id: str
    location: Path
    manifest_path: Path
    current: bool


class VersionWriter(ABC):
    """Writes one new version. Nothing is visible to readers until the engine publishes it."""

    version_id: str

    @abstractmethod
    def create_schemas(self, names: list[str]) -> None:
        """Create the given schemas (layers) in the new version."""

    @abstractmethod
    def load_arrow(self, schema: str, table_name: str, data: pa.Table) -> int:
        """Create ``schema.table_name`` from an Arrow table; return its row count.

        Raises :class:`SqlError` when the engine refuses the table."""

    def raw_target(self, table_name: str) -> WriteTarget | None:
        """Where ingest may write source ``raw.<table_name>`` itself, in the same pass as it
        validates; None (the default) when sources are loaded with :meth:`load_arrow`."""
        return None

    def raw_written(self, table_name: str) -> None:  # noqa: B027 (optional hook)
        """Source ``raw.<table_name>`` was written to :meth:`raw_target` and accepted: make it
        part of the version (the default: it already is)."""

    @abstractmethod
    def create_table_as(self, name: str, sql: str) -> int:
        """Materialise ``name`` (``schema.table``) as the result of ``sql``; return its rows.

        Raises :class:`SqlError` when the engine refuses the statement."""

    @abstractmethod
    def row_count(self, name: str) -> int:
        """Rows in table ``name`` (``schema.table``)."""

    @abstractmethod
    def columns(self, name: str) -> list[str]:
        """Column names of table ``name`` in order."""

    @abstractmethod
    def tables(self) -> set[str]:
        """All tables in the version, qualified as ``schema.table``."""

    @abstractmethod
    def store_manifest(self, manifest_json: str) -> None:
        """Keep the manifest inside the version (table ``meta.manifest``) and next to it."""

    @abstractmethod
    def finish(self) -> None:
        """Make the version durable and complete (still unpublished)."""

    @abstractmethod
    def abort(self) -> None:
        """Throw the unfinished version away."""

    def __enter__(self) -> VersionWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            self.abort()


class EngineAdapter(ABC):
    """A warehouse engine that builds versions and swaps them in atomically."""

    KIND: ClassVar[str]
    DIALECT: ClassVar[str]
    """SQLGlot dialect of the engine; models are written in DuckDB SQL and transpiled."""
    SUPPORTS_ATOMIC_FILE_SWAP: ClassVar[bool] = False
    """Publishing is one atomic file rename (embedded engines)."""
    SUPPORTS_SCHEMAS: ClassVar[bool] = False
    """Layers are schemas (``raw``, ``staging``...) rather than name prefixes."""
    SUPPORTS_ARROW_INGEST: ClassVar[bool] = False
    """Arrow tables load without a row-by-row copy."""
    SUPPORTS_CONCURRENT_READERS: ClassVar[bool] = False
    """Readers in other processes may read while a build runs."""

    def __init__(self, config: EngineConfig, workspace_root: Path) -> None:
        self.config = config
        self.workspace_root = workspace_root

    @abstractmethod
    def build_lock(self) -> AbstractContextManager[None]:
        """Hold the lock that allows one build at a time; a dead process never holds it."""

    @abstractmethod
    def cleanup_incomplete(self) -> list[str]:
        """Remove leftovers of killed or failed builds; return what was removed."""

    @abstractmethod
    def new_version_id(self) -> str:
        """A new version id that sorts after every existing version."""

    @abstractmethod
    def begin_version(self, version_id: str) -> VersionWriter:
        """Start writing a new version, invisible to readers."""

    @abstractmethod
    def publish(self, version_id: str) -> None:
        """Atomically make a finished version the one readers get."""

    @abstractmethod
    def current_version(self) -> str | None:
        """The published version id, or None before the first build."""

    @abstractmethod
    def open_version(self, version_id: str) -> Any:
        """A read-only connection to a complete version."""

    def open_current(self) -> Any | None:
        """A read-only connection to the published version, or None before the first build."""
        version_id = self.current_version()
        return None if version_id is None else self.open_version(version_id)

    @abstractmethod
    def versions(self) -> list[VersionInfo]:
        """Complete versions, oldest first."""

    @abstractmethod
    def gc(self, keep: int) -> list[str]:
        """Delete all but the ``keep`` newest complete versions up to the current one."""


def create_engine(config: EngineConfig, workspace_root: Path) -> EngineAdapter:
    """The engine adapter for ``config.kind``."""
    if config.kind == "duckdb":
        from stuurdata.warehouse.duckdb_engine import DuckDBEngine

        return DuckDBEngine(config, workspace_root)
    if config.kind == "spark":
        from stuurdata.warehouse.spark_engine import SparkEngine

        return SparkEngine(config, workspace_root)
    if config.kind == "postgres":
        from stuurdata.warehouse.postgres_engine import PostgresEngine

        return PostgresEngine(config, workspace_root)
    raise BuildError(
        f"engine '{config.kind}' is nog niet beschikbaar; gebruik 'engine: {{kind: duckdb}}' "
        "in stuurdata.yaml"
    )
