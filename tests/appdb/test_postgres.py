# SPDX-License-Identifier: EUPL-1.2
"""The application database on a real PostgreSQL server, as in production: the migrations,
accounts, sessions, tokens, requests and the audit log, with several processes at once (the web
workers of one deployment) migrating and appending together."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from stuurdata.appdb import migrate
from stuurdata.appdb.engine import make_engine
from stuurdata.governance.accounts import Accounts
from stuurdata.governance.audit import AuditEvent, AuditLog
from stuurdata.governance.intake_store import IntakeStore, NewRequest
from stuurdata.governance.sessions import Sessions
from stuurdata.governance.throttle import LoginThrottle
from stuurdata.governance.tokens import Tokens
from tests.postgres_server import PostgresServer

pytestmark = pytest.mark.postgres

WORKERS = 4
APPENDS = 25
PASSWORD = "een lang en sterk wachtwoord"


def _event(worker: int, number: int) -> AuditEvent:
    return AuditEvent(
        actor=f"w{worker}",
        actor_name=f"werker {worker}",
        via="token",
        action="GET /api/v1/datasets/x/rows",
        resource="dataset:x",
        classification="intern",
        purpose=None,
        result="toegestaan",
        reason=f"regel {number}",
        ip="127.0.0.1",
        user_agent="test",
    )


def _migrate(url: str) -> None:
    migrate(url)


def _guess(url: str, worker: int) -> None:
    engine = make_engine(url)
    LoginThrottle(engine).failed("anna", f"192.0.2.{worker}")
    engine.dispose()


def _append_many(url: str, worker: int) -> None:
    engine = make_engine(url)
    log = AuditLog(engine)
    for number in range(APPENDS):
        log.append(_event(worker, number))
    engine.dispose()


def _run_together(target: object, args: list[tuple[object, ...]]) -> None:
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=target, args=a) for a in args]  # type: ignore[arg-type]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
        assert process.exitcode == 0


def test_workers_migrate_and_append_together(postgres: PostgresServer) -> None:
    url = postgres.new_database("werkers")
    _run_together(_migrate, [(url,)] * WORKERS)  # all at start-up: one migrates, others wait
    engine = make_engine(url)
    with engine.connect() as con:
        head = con.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
    assert head == "0003_login_failures"
    _run_together(_append_many, [(url, worker) for worker in range(WORKERS)])
    log = AuditLog(engine)
    result = log.verify()
    assert result.ok, result.message
    assert result.lines == WORKERS * APPENDS
    with engine.begin() as con:  # someone turns one line's result around: found there
        con.execute(
            sa.text(
                "UPDATE audit_log SET line = replace(line, 'toegestaan', 'geweigerd') WHERE seq = 40"
            )
        )
    broken = log.verify()
    assert not broken.ok and broken.bad_line == 40
    engine.dispose()


def test_workers_share_the_brake_on_password_guessing(postgres: PostgresServer) -> None:
    url = postgres.new_database("raden")
    migrate(url)
    _run_together(_guess, [(url, worker) for worker in range(WORKERS)])  # one try per worker
    engine = make_engine(url)
    throttle = LoginThrottle(engine, limit=WORKERS)
    assert throttle.blocked("Anna", "192.0.2.200")
    assert not throttle.blocked("bob", "192.0.2.1")
    engine.dispose()


def test_accounts_sessions_tokens_and_requests(postgres: PostgresServer) -> None:
    url = postgres.new_database("rekeningen")
    migrate(url)
    engine = make_engine(url)
    accounts = Accounts(engine)
    user = accounts.add("anna", PASSWORD, ["analist"], ["GM9901"], [])
    assert accounts.authenticate("anna", PASSWORD) == user
    assert accounts.authenticate("anna", "fout wachtwoord!") is None
    sessions = Sessions(engine)
    first = sessions.start(user.id, "password")
    second = sessions.start(user.id, "password", previous=first)  # renewed at sign-in
    assert sessions.get(first) is None and sessions.get(second) is not None
    issued = Tokens(engine).issue(user.id, "test", days=7)
    assert Tokens(engine).user_of(issued.secret) == user.id
    store = IntakeStore(engine)
    request, token = store.add(NewRequest("Leegstand per buurt", "Aantal lege winkels per buurt."))
    assert store.by_token(token) == request
    assert [r.id for r in store.backlog()] == [request.id]
    engine.dispose()


def test_portal_signs_in_against_postgresql(
    postgres: PostgresServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stuurdata.portal import create_app
    from tests.governance.workspace import write_governance_workspace

    url = postgres.new_database("portaal")
    root = write_governance_workspace(tmp_path / "ws")
    config = root / "stuurdata.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "app_database:\n  url: {env: STUURDATA_TEST_APP_DB}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("STUURDATA_TEST_APP_DB", url)
    migrate(url)
    engine = make_engine(url)
    Accounts(engine).add("medewerker", PASSWORD, ["medewerker"], ["GM9901"], [])
    with TestClient(create_app(root)) as client:
        form = client.get("/inloggen")
        csrf = form.cookies.get("stuurdata_csrf") or client.cookies.get("stuurdata_csrf")
        assert csrf
        answer = client.post(
            "/inloggen",
            data={"username": "medewerker", "password": PASSWORD, "csrf_token": csrf, "next": "/"},
            follow_redirects=False,
        )
        assert answer.status_code == 303, answer.text
        assert client.get("/beheer/verzoeken").status_code == 200
    with engine.connect() as con:
        signed_in = con.execute(sa.text("SELECT count(*) FROM audit_log")).scalar_one()
    assert signed_in >= 1  # the sign-in is in the audit log, in PostgreSQL
    engine.dispose()
