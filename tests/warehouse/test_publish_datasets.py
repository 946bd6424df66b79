# SPDX-License-Identifier: EUPL-1.2
"""The published layer of the built demo region, and the rule that guards it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pytest
import yaml

from stuurdata.disclosure.datasets import reason_column
from stuurdata.warehouse import open_current
from stuurdata.warehouse.publish_datasets import _unprotected, column_rules
from stuurdata.workspace import Workspace
from stuurdata.workspace.config import Classification
from stuurdata.workspace.rules import open_datasets_are_protected, personal_inputs
from tests.api.demo_app import HIDDEN, built_demo

__all__ = ["built_demo"]


def _published(root: Path) -> dict[str, pa.Table]:
    version = open_current(root)
    assert version is not None
    con = version.connect()
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'published'"
            ).fetchall()
        ]
        return {n: con.sql(f'SELECT * FROM published."{n}"').to_arrow_table() for n in names}
    finally:
        con.close()


@pytest.mark.slow
def test_every_openbaar_dataset_and_nothing_else_is_published(built_demo: Path) -> None:
    ws = Workspace.load(built_demo)
    tables = _published(built_demo)
    openbaar = {n for n, d in ws.datasets.items() if d.classification is Classification.OPENBAAR}
    assert len(openbaar) == 9
    assert set(tables) == openbaar | {"indicators"}
    assert HIDDEN not in tables


@pytest.mark.slow
def test_suppressed_cells_are_null_with_a_reason(built_demo: Path) -> None:
    ws = Workspace.load(built_demo)
    tables = _published(built_demo)
    checked = 0
    for name, table in tables.items():
        definition = ws.datasets.get(name)
        if definition is None:
            continue
        for rule in column_rules(definition.disclosure):
            if rule.policy == "geen":
                assert reason_column(rule.column) not in table.column_names
                continue
            values = table.column(rule.column).to_pylist()
            reasons = table.column(reason_column(rule.column)).to_pylist()
            for value, reason in zip(values, reasons, strict=True):
                assert (value is None) == (reason is not None), (name, rule.column)
            checked += 1
    assert checked >= 20


@pytest.mark.slow
def test_social_counts_are_never_small_and_always_rounded(built_demo: Path) -> None:
    table = _published(built_demo)["voorzieningen_sociaal_domein"]
    suppressed = 0
    for column in ("personen_met_bijstand", "personen_met_wmo", "jongeren_met_jeugdhulp"):
        for value, reason in zip(
            table.column(column).to_pylist(),
            table.column(reason_column(column)).to_pylist(),
            strict=True,
        ):
            if value is None:
                suppressed += 1
                assert reason in ("geheim", "geheim-afgeleid", "te-weinig-waarnemingen")
            else:
                # counts 8 and 9 may round down to 5; 0 to 7 are never shown
                assert value >= 5 and value % 5 == 0
    assert suppressed > 0, "the demo has small buurten: some cells must be secret"


@pytest.mark.slow
def test_manifest_describes_the_published_columns(built_demo: Path) -> None:
    version = open_current(built_demo)
    assert version is not None
    run = next(d for d in version.manifest.datasets if d.name == "bevolking_per_buurt")
    assert "inwoners_reden" in run.columns


def _definitions(demo: Path, target: Path) -> Path:
    """A copy of the demo's definitions (no data): enough to load and check rules."""
    target.mkdir(parents=True)
    for part in ("stuurdata.yaml", "sources", "models", "datasets", "indicators"):
        source = demo / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.exists():
            shutil.copy(source, target / part)
    return target


def _edit(root: Path, dataset: str, change: dict[str, object] | None) -> None:
    path = root / "datasets" / f"{dataset}.yaml"
    body = yaml.safe_load(path.read_text(encoding="utf-8"))
    if change is None:
        body.pop("disclosure", None)
    else:
        body["disclosure"] = change
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")


def test_the_demo_datasets_pass_the_rule(demo_workspace: Path) -> None:
    ws = Workspace.load(demo_workspace)
    assert list(open_datasets_are_protected(ws)) == []
    assert personal_inputs(ws, "marts.bevolking_per_buurt") >= {"raw.brp_personen"}
    assert personal_inputs(ws, "marts.woningen_per_buurt") == set()
    assert personal_inputs(ws, "marts.begroting_per_taakveld") >= {"raw.brp_personen"}


def test_rule_refuses_personal_dataset_without_policies(
    demo_workspace: Path, tmp_path: Path
) -> None:
    root = _definitions(demo_workspace, tmp_path / "ws")
    _edit(root, "bevolking_per_buurt", None)
    _edit(root, "woningen_per_buurt", None)  # BAG only: may go without
    _edit(root, "verhuizingen_per_buurt", {"area": "buurtcode", "columns": {"saldo": "geen"}})
    _edit(root, "voorzieningen_sociaal_domein", {"columns": {"inwoners": "cbs-bestaat-niet"}})
    problems = list(open_datasets_are_protected(Workspace.load(root)))
    found = {(p.file.split("/")[-1], p.rule) for p in problems}
    assert found == {
        ("bevolking_per_buurt.yaml", "geheimhouding"),
        ("verhuizingen_per_buurt.yaml", "geheimhouding"),
        ("voorzieningen_sociaal_domein.yaml", "onbekende-verwijzing"),
    }
    assert all(p.row for p in problems), "every problem points at a line"


def test_build_refuses_an_unprotected_numeric_column(demo_workspace: Path) -> None:
    ws = Workspace.load(demo_workspace)
    dataset = ws.datasets["bevolking_per_buurt"]
    table = pa.table({"buurtcode": ["BU99010101"], "inwoners": [10], "nieuw": [3]})
    assert _unprotected(ws, dataset, table, column_rules(dataset.disclosure)) == ["nieuw"]
    woningen = ws.datasets["woningen_per_buurt"]
    assert _unprotected(ws, woningen, table, []) == []


@pytest.mark.slow
def test_no_true_count_from_zero_to_seven_is_shown(built_demo: Path) -> None:
    version = open_current(built_demo)
    assert version is not None
    con = version.connect()
    try:
        rows = con.execute(
            "SELECT m.personen_met_wmo, p.personen_met_wmo, p.personen_met_wmo_reden "
            "FROM marts.voorzieningen_sociaal_domein AS m "
            "JOIN published.voorzieningen_sociaal_domein AS p USING (buurtcode)"
        ).fetchall()
    finally:
        con.close()
    assert rows
    for true, shown, reason in rows:
        if true <= 7:
            assert shown is None and reason == "geheim"
        elif shown is not None:
            assert abs(shown - true) < 5
