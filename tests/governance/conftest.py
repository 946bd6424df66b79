# SPDX-License-Identifier: EUPL-1.2
"""The governance workspace, built once, with users of every role in its application database;
and an empty application database for unit tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from stuurdata.appdb import make_engine, migrate, open_app_database
from stuurdata.governance.accounts import Accounts
from stuurdata.governance.principal import Role
from stuurdata.governance.tokens import Tokens
from stuurdata.portal import create_app
from stuurdata.warehouse import build
from stuurdata.workspace import Workspace
from tests.governance.workspace import PURPOSE, write_governance_workspace

PASSWORD = "correct horse battery staple"


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    """An empty, migrated SQLite application database."""
    engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
    migrate(engine)
    return engine


@pytest.fixture(scope="session")
def governance_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_governance_workspace(tmp_path_factory.mktemp("governance") / "ws")
    build(Workspace.load(root))
    return root


def user_name(role: Role, gemeente: str | None, purpose: bool) -> str:
    return f"{role.value}-{gemeente or 'geen'}-{'doel' if purpose else 'zonder'}"


@pytest.fixture(scope="session")
def user_tokens(governance_workspace: Path) -> dict[str, str]:
    """An API token per (role, gemeente, purpose) user, by user name."""
    engine = open_app_database(governance_workspace).engine
    accounts, tokens = Accounts(engine), Tokens(engine)
    found = {}
    for role in Role:
        if role is Role.PUBLIEK:
            continue
        for gemeente in ("GM9901", "GM9902", None):
            for purpose in (True, False):
                name = user_name(role, gemeente, purpose)
                user = accounts.get(name) or accounts.add(
                    name,
                    PASSWORD,
                    [role.value],
                    [gemeente] if gemeente else [],
                    [PURPOSE] if purpose else [],
                )
                found[name] = tokens.issue(user.id, "test").secret
    return found


@pytest.fixture(scope="session")
def gov_client(governance_workspace: Path) -> Iterator[TestClient]:
    with TestClient(create_app(governance_workspace)) as client:
        yield client
