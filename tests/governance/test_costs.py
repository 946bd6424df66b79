# SPDX-License-Identifier: EUPL-1.2
"""Tenants cost report: the exact split to the cent, periods, amounts, and usage per gemeente
from a real build, the audit log and the data-request store."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from stuurdata.appdb import open_app_database
from stuurdata.cli.main import app
from stuurdata.governance.accounts import Accounts
from stuurdata.governance.audit import AuditEvent, AuditLog
from stuurdata.governance.costs import (
    SHARED,
    CostError,
    Period,
    cost_report,
    euros,
    parse_amount,
    split_cents,
)
from stuurdata.governance.intake import Status
from stuurdata.governance.intake_store import IntakeStore, NewRequest
from stuurdata.warehouse import build
from stuurdata.workspace import Workspace
from tests.portal.conftest import write_tiny_workspace

NOW = dt.datetime(2026, 8, 15, 12, tzinfo=dt.UTC)

weights = st.dictionaries(
    st.from_regex(r"GM[0-9]{4}", fullmatch=True),
    st.decimals(min_value="0.01", max_value="1000", places=2).map(str),
    min_size=1,
    max_size=12,
)


@given(st.integers(min_value=0, max_value=10**12), weights)
def test_split_is_exact_and_fair(total: int, key: dict[str, str]) -> None:
    parts = split_cents(total, key)
    assert sum(parts.values()) == total
    whole = sum(Fraction(w) for w in key.values())
    for code, part in parts.items():
        exact = total * Fraction(key[code]) / whole
        assert exact - 1 < part < exact + 1  # floor or one cent above, never further off


@given(st.integers(min_value=0, max_value=10**9), weights)
def test_split_is_deterministic_whatever_the_key_order(total: int, key: dict[str, str]) -> None:
    reversed_key = dict(reversed(list(key.items())))
    assert split_cents(total, key) == split_cents(total, reversed_key)


def test_demo_key_splits_120000_euro() -> None:
    parts = split_cents(12_000_000, {"GM9901": 1, "GM9902": 1.17, "GM9903": 1.94})
    assert parts == {"GM9901": 2_919_708, "GM9902": 3_416_058, "GM9903": 5_664_234}
    assert euros(sum(parts.values())) == "€ 120.000,00"
    # three equal weights and 1 cent too many: the remainder goes by gemeentecode
    assert split_cents(100, {"GM0003": 1, "GM0001": 1, "GM0002": 1}) == {
        "GM0003": 33,
        "GM0001": 34,
        "GM0002": 33,
    }


def test_bad_keys_and_amounts_are_refused() -> None:
    with pytest.raises(CostError):
        split_cents(100, {"GM0001": 0})
    with pytest.raises(CostError):
        split_cents(-1, {"GM0001": 1})
    assert parse_amount("120000") == 12_000_000
    assert parse_amount("120.000,50") == 12_000_050
    assert parse_amount("€ 99.95") == 9_995
    for bad in ("twaalf", "-5", "1,001", "NaN"):
        with pytest.raises(CostError):
            parse_amount(bad)


def test_periods() -> None:
    q3 = Period.parse("2026-Q3")
    assert (q3.start, q3.end) == (dt.date(2026, 7, 1), dt.date(2026, 10, 1))
    assert Period.parse("2026-12").end == dt.date(2027, 1, 1)
    assert Period.parse("2026").end == dt.date(2027, 1, 1)
    assert Period.current_quarter(dt.date(2026, 11, 23)).label == "2026-Q4"
    assert q3.contains(NOW) and not q3.contains(dt.date(2026, 10, 1))
    with pytest.raises(CostError):
        Period.parse("2026-Q5")


@pytest.fixture(scope="module")
def tenants_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_tiny_workspace(tmp_path_factory.mktemp("kosten") / "ws")
    build(Workspace.load(root))
    database = open_app_database(root)
    accounts, log = Accounts(database.engine), AuditLog(database.engine)
    users = {
        "GM9901": accounts.add(
            "analist-bw", "correct horse battery staple", ["analist"], ["GM9901"], []
        ),
        "GM9902": accounts.add(
            "analist-dh", "correct horse battery staple", ["analist"], ["GM9902"], []
        ),
        SHARED: accounts.add(
            "regio", "correct horse battery staple", ["analist"], ["GM9901", "GM9902"], []
        ),
    }
    for code, count in (("GM9901", 3), ("GM9902", 1), (SHARED, 2)):
        for _ in range(count):
            event = AuditEvent(
                actor=users[code].id,
                actor_name=users[code].username,
                via="api",
                action="dataset.rows",
                resource="dataset:meldingen_per_buurt",
                classification="intern",
                purpose=None,
                result="toegestaan",
                reason="rol analist",
                ip=None,
                user_agent=None,
            )
            log.append(event, at=NOW)
    log.append(event, at=NOW - dt.timedelta(days=90))  # outside the period
    store = IntakeStore(database.engine)
    for gemeente, status in (("GM9902", Status.GELEVERD), ("GM9902", Status.NIEUW)):
        request, _token = store.add(NewRequest("Meldingen per buurt", "Graag.", gemeente=gemeente))
        current = store.get(request.id)
        assert current is not None
        store.update(
            request.id,
            status=status,
            scores=current.scores,
            privacy=current.privacy,
            legal_basis="",
            reply="",
            delivered=["dataset:woningen_per_buurt"],
            now=NOW,
        )
    database.dispose()
    return root


def _rows_per_gemeente(root: Path, source: str) -> Counter[str]:
    with (root / f"data/{source}.csv").open(encoding="utf-8") as handle:
        return Counter("GM" + row["buurtcode"][2:6] for row in csv.DictReader(handle))


def test_cost_report_counts_usage_per_gemeente(tenants_workspace: Path) -> None:
    ws = Workspace.load(tenants_workspace)
    report = cost_report(ws, Period.parse("2026-Q3"), 100_001)
    by_code = {t.code: t for t in report.tenants}
    assert by_code["GM9901"].share_cents == 25_000  # key 1 : 3, remainder cent to GM9902
    assert by_code["GM9902"].share_cents == 75_001
    for source in ("woningen", "meldingen"):
        expected = _rows_per_gemeente(tenants_workspace, source)
        assert by_code["GM9901"].rows_loaded[source] == expected["GM9901"]
        assert by_code["GM9902"].rows_loaded[source] == expected["GM9902"]
    assert (by_code["GM9901"].requests, by_code["GM9902"].requests) == (3, 1)
    assert by_code[SHARED].requests == 2
    assert (by_code["GM9901"].data_requests_handled, by_code["GM9902"].data_requests_handled) == (
        0,
        1,
    )
    assert report.builds == 0  # built now, not in 2026-Q3
    assert cost_report(ws, Period.current_quarter()).builds == 1


def test_kosten_cli_prints_the_split(tenants_workspace: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["kosten", "-w", str(tenants_workspace), "--periode", "2026-Q3", "--bedrag", "120000"],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert "€ 30.000,00" in result.output
    assert "€ 90.000,00" in result.output
    bad = CliRunner().invoke(app, ["kosten", "-w", str(tenants_workspace), "--periode", "Q3"])
    assert bad.exit_code == 1
