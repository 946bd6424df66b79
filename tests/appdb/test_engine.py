# SPDX-License-Identifier: EUPL-1.2
"""The application database: migrations to head, the default SQLite path, secrets by reference."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from stuurdata.appdb import DEFAULT_PATH, database_url, make_engine, metadata, migrate
from stuurdata.appdb.engine import MIGRATIONS, open_app_database
from stuurdata.errors import SecretError
from stuurdata.workspace.config import WorkspaceConfig

TABLES = {
    "users",
    "sessions",
    "api_tokens",
    "oidc_states",
    "audit_log",
    "audit_checkpoint",
    "login_failures",
}


def test_migrate_creates_the_tables_and_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    migrate(url)
    migrate(url)
    engine = make_engine(url)
    assert set(inspect(engine).get_table_names()) >= TABLES
    with engine.connect() as con:
        revision = con.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    assert revision.startswith("000")


def test_the_first_migration_has_the_agreed_revision_id() -> None:
    first = (MIGRATIONS / "versions" / "0001_accounts_audit.py").read_text(encoding="utf-8")
    assert 'revision = "0001_accounts_audit"' in first
    assert "down_revision = None" in first


def test_tables_declared_in_code_match_the_migration(tmp_path: Path) -> None:
    import stuurdata.governance.accounts
    import stuurdata.governance.audit
    import stuurdata.governance.oidc
    import stuurdata.governance.sessions
    import stuurdata.governance.tokens  # noqa: F401

    engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
    migrate(engine)
    found = inspect(engine)
    for name in TABLES:
        declared = {c.name for c in metadata.tables[name].columns}
        migrated = {c["name"] for c in found.get_columns(name)}
        assert declared == migrated, name


def test_default_is_sqlite_inside_the_workspace(tmp_path: Path) -> None:
    assert database_url(tmp_path) == f"sqlite:///{(tmp_path / DEFAULT_PATH).resolve()}"
    (tmp_path / "stuurdata.yaml").write_text("name: x\n", encoding="utf-8")
    database = open_app_database(tmp_path)
    _ = database.engine
    assert (tmp_path / DEFAULT_PATH).is_file()
    database.dispose()


def _config(url: dict[str, str]) -> WorkspaceConfig:
    return WorkspaceConfig.model_validate(
        {
            "name": "x",
            "boundary_year": 2024,
            "tenants": [{"code": "GM0534", "name": "Hillegom"}],
            "areas": {"gemeenten": "a", "wijken": "b", "buurten": "c"},
            "app_database": {"url": url},
        }
    )


def test_the_url_comes_from_a_secret_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUURDATA_TEST_APPDB", f"sqlite:///{tmp_path / 'elders.db'}")
    config = _config({"env": "STUURDATA_TEST_APPDB"})
    assert database_url(tmp_path, config).endswith("elders.db")
    monkeypatch.delenv("STUURDATA_TEST_APPDB")
    with pytest.raises(SecretError):
        database_url(tmp_path, config)


def test_workers_migrating_at_once_all_succeed(tmp_path: Path) -> None:
    import concurrent.futures

    url = f"sqlite:///{tmp_path / 'app.db'}"
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(migrate, [url] * 4))
    assert results == [None] * 4
    assert set(inspect(make_engine(url)).get_table_names()) >= TABLES
