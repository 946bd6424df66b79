# SPDX-License-Identifier: EUPL-1.2
"""The audit log's hash chain: an edited, deleted or cut-off line is found, also by the CLI."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update
from typer.testing import CliRunner

from stuurdata.appdb import open_app_database
from stuurdata.cli.main import app
from stuurdata.governance.audit import AuditEvent, AuditLog, audit_log


def _event(n: int) -> AuditEvent:
    return AuditEvent(
        actor=f"user-{n}",
        actor_name=f"gebruiker {n}",
        via="token",
        action="GET /api/v1/datasets/clienten/rows",
        resource="dataset:clienten",
        classification="persoonsgegevens",
        purpose="zorgmonitor",
        result="toegestaan" if n % 2 else "geweigerd",
        reason="rol analist",
        ip="192.0.2.7",
        user_agent="pytest",
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "stuurdata.yaml").write_text("name: x\n", encoding="utf-8")
    log = AuditLog(open_app_database(tmp_path).engine)
    for n in range(1, 6):
        log.append(_event(n))
    return tmp_path


def _log(workspace: Path) -> AuditLog:
    return AuditLog(open_app_database(workspace).engine)


def _verify_cli(workspace: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["audit", "verify", "--workspace", str(workspace)])
    return result.exit_code, result.output


def test_an_intact_log_verifies(workspace: Path) -> None:
    result = _log(workspace).verify()
    assert (result.ok, result.lines, result.bad_line) == (True, 5, None)
    code, output = _verify_cli(workspace)
    assert code == 0, output
    assert "5 regels" in output


def test_each_line_holds_the_hash_of_the_previous_one(workspace: Path) -> None:
    log = _log(workspace)
    with log.engine.connect() as con:
        rows = con.execute(select(audit_log).order_by(audit_log.c.seq)).all()
    for previous, row in itertools.pairwise(rows):
        assert json.loads(row.line)["prev"] == previous.hash
    first = json.loads(rows[0].line)
    assert {"actor", "at", "purpose", "result", "ip", "user_agent", "resource"} <= set(first)


def test_an_edited_line_is_found_with_its_number(workspace: Path) -> None:
    log = _log(workspace)
    with log.engine.begin() as con:
        line = con.execute(select(audit_log.c.line).where(audit_log.c.seq == 3)).scalar_one()
        edited = line.replace('"user-3"', '"user-9"')
        con.execute(update(audit_log).where(audit_log.c.seq == 3).values(line=edited))
    result = log.verify()
    assert (result.ok, result.bad_line) == (False, 3)
    code, output = _verify_cli(workspace)
    assert code == 1
    assert "regel 3" in output


def test_an_edited_line_with_a_recomputed_hash_breaks_the_chain(workspace: Path) -> None:
    import hashlib

    log = _log(workspace)
    with log.engine.begin() as con:
        line = con.execute(select(audit_log.c.line).where(audit_log.c.seq == 2)).scalar_one()
        edited = line.replace('"user-2"', '"user-9"')
        digest = hashlib.sha256(edited.encode()).hexdigest()
        con.execute(update(audit_log).where(audit_log.c.seq == 2).values(line=edited, hash=digest))
    result = log.verify()
    assert not result.ok
    assert result.bad_line == 3  # line 3 no longer points at line 2


def test_a_deleted_line_is_found(workspace: Path) -> None:
    log = _log(workspace)
    with log.engine.begin() as con:
        con.execute(delete(audit_log).where(audit_log.c.seq == 4))
    result = log.verify()
    assert (result.ok, result.bad_line) == (False, 4)
    code, output = _verify_cli(workspace)
    assert code == 1
    assert "regel 4" in output


def test_a_cut_off_tail_is_found_by_the_checkpoint(workspace: Path) -> None:
    log = _log(workspace)
    with log.engine.begin() as con:
        con.execute(delete(audit_log).where(audit_log.c.seq >= 4))
    result = log.verify()
    assert (result.ok, result.bad_line) == (False, 4)
    assert _verify_cli(workspace)[0] == 1


def test_appending_after_verification_continues_the_chain(workspace: Path) -> None:
    log = _log(workspace)
    assert log.append(_event(6)) == 6
    assert log.verify().ok
