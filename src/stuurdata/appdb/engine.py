# SPDX-License-Identifier: EUPL-1.2
"""Engine, shared metadata and programmatic migrations of the application database."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Engine, MetaData, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from stuurdata.errors import AppDatabaseError, SecretError
from stuurdata.workspace.config import SecretRef, WorkspaceConfig

DEFAULT_PATH: Final = ".stuurdata/app/app.db"
MIGRATIONS: Final = Path(__file__).resolve().parent / "migrations"
MIGRATION_KEY: Final = 0x5354_5552_4441_5441 & 0x7FFF_FFFF_FFFF_FFFF
"""PostgreSQL advisory lock id held while migrating ("STURDATA" in ASCII, as a bigint)."""

metadata = MetaData()
"""The one metadata every table of the application database is declared on."""


def read_secret(ref: SecretRef, root: Path, purpose: str = "de applicatiedatabase") -> str:
    """The text of a secret reference (environment variable or file), stripped; ``purpose``
    names what it connects to in the error."""
    if ref.env is not None:
        value = os.environ.get(ref.env)
        if not value:
            raise SecretError(f"omgevingsvariabele {ref.env} voor {purpose} ontbreekt")
        return value.strip()
    assert ref.file is not None
    path = Path(ref.file) if Path(ref.file).is_absolute() else root / ref.file
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SecretError(
            f"bestand {path} met de verbinding voor {purpose} is niet leesbaar"
        ) from exc


def database_url(root: Path, config: WorkspaceConfig | None = None) -> str:
    """The URL of the workspace's application database: ``app_database.url`` (a secret
    reference), else SQLite at ``<root>/.stuurdata/app/app.db``."""
    settings = config.app_database if config is not None else None
    if settings is not None and settings.url is not None:
        return read_secret(settings.url, root)
    return f"sqlite:///{(root / DEFAULT_PATH).resolve()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for a SQLite file its folder is created and foreign keys,
    WAL and a busy timeout are switched on."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """For a SQLite file: an exclusive lock file, so web workers starting together migrate
    one after the other (on PostgreSQL an advisory lock in the migration's transaction)."""
    database = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    import fcntl

    with Path(database + ".migrate.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def migrate(url: str | Engine) -> None:
    """Upgrade the database at ``url`` to the newest migration (alembic ``upgrade head``)."""
    from alembic import command
    from alembic.config import Config

    engine = make_engine(url) if isinstance(url, str) else url
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with _migration_lock(engine), engine.begin() as connection:
        if engine.url.get_backend_name() == "postgresql":
            # web workers starting together: one migrates, the others wait and find it done
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_KEY})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    if isinstance(url, str):
        engine.dispose()


@dataclass
class AppDatabase:
    """The application database of one workspace, migrated on first use."""

    url: str
    _engine: Engine | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                engine = make_engine(self.url)
                try:
                    migrate(engine)
                except OperationalError as exc:
                    engine.dispose()
                    where = make_url(self.url).render_as_string(hide_password=True)
                    raise AppDatabaseError(
                        f"de applicatiedatabase {where} is niet bereikbaar: "
                        f"{str(exc.orig).strip().splitlines()[0]}"
                    ) from exc
                self._engine = engine
            return self._engine

    def dispose(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None


def open_app_database(root: Path) -> AppDatabase:
    """The application database of the workspace at ``root`` (nothing is opened yet)."""
    from stuurdata.workspace.yamlfile import load_model

    config, _problems = load_model(root / "stuurdata.yaml", WorkspaceConfig, root)
    return AppDatabase(database_url(root, config))
