# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from pathlib import Path

import pytest

from stuurdata.errors import WorkspaceError
from stuurdata.workspace import Workspace
from tests.workspace.conftest import CONFIG, SOURCE, WriteWorkspace


def test_loads_a_valid_workspace(write_workspace: WriteWorkspace) -> None:
    ws = Workspace.load(write_workspace())
    assert set(ws.sources) == {"personen"}
    assert set(ws.models) == {"staging.stg_personen", "marts.inwoners_per_buurt"}
    assert ws.models["marts.inwoners_per_buurt"].depends_on == {"staging.stg_personen"}
    assert ws.config.region is not None
    assert ws.config.region.cost_key["GM1525"] == pytest.approx(1.94)
    assert ws.check() == []


def test_models_come_in_dependency_order(write_workspace: WriteWorkspace) -> None:
    ws = Workspace.load(write_workspace())
    assert [m.name for m in ws.model_order()] == [
        "staging.stg_personen",
        "marts.inwoners_per_buurt",
    ]


def test_missing_config_says_how_to_start(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError) as info:
        Workspace.load(tmp_path)
    assert "stuurdata init" in str(info.value)


def test_schema_problem_names_file_and_line(write_workspace: WriteWorkspace) -> None:
    bad = SOURCE.replace("classification: persoonsgegevens", "classification: geheim")
    root = write_workspace(sources__personen_DOT_yaml=bad)
    with pytest.raises(WorkspaceError) as info:
        Workspace.load(root)
    (problem,) = info.value.problems
    assert problem.file == "sources/personen.yaml"
    assert problem.row == 4
    assert problem.column == "classification"
    assert problem.found == "'geheim'"


def test_every_schema_problem_is_reported_at_once(write_workspace: WriteWorkspace) -> None:
    config = CONFIG.replace("GM0534, name", "GM534, name").replace("boundary_year: 2024", "")
    root = write_workspace(stuurdata_DOT_yaml=config, sources__personen_DOT_yaml="[1, 2]")
    with pytest.raises(WorkspaceError) as info:
        Workspace.load(root)
    problems = info.value.problems
    assert {p.file for p in problems} == {"stuurdata.yaml", "sources/personen.yaml"}
    assert any(p.column == "tenants.0.code" and p.row == 4 for p in problems)
    assert any(p.column == "boundary_year" for p in problems)


def test_invalid_yaml_reports_the_line(write_workspace: WriteWorkspace) -> None:
    root = write_workspace(datasets__inwoners_per_buurt_DOT_yaml="name: x\n  title: [unclosed\n")
    with pytest.raises(WorkspaceError) as info:
        Workspace.load(root)
    (problem,) = info.value.problems
    assert problem.rule == "yaml"
    assert problem.row == 2


def test_a_model_must_be_one_select(write_workspace: WriteWorkspace) -> None:
    root = write_workspace(models__staging__stg_personen_DOT_sql="DELETE FROM raw.personen")
    with pytest.raises(WorkspaceError) as info:
        Workspace.load(root)
    assert info.value.problems[0].rule == "sql"


def test_unparseable_sql_is_reported(write_workspace: WriteWorkspace) -> None:
    root = write_workspace(models__staging__stg_personen_DOT_sql="SELECT (1 FROM raw.personen")
    with pytest.raises(WorkspaceError) as info:
        Workspace.load(root)
    assert info.value.problems[0].file == "models/staging/stg_personen.sql"


def test_ctes_are_not_dependencies(write_workspace: WriteWorkspace) -> None:
    sql = "WITH p AS (SELECT * FROM raw.personen) SELECT * FROM p JOIN areas.buurten b USING (x)"
    ws = Workspace.load(write_workspace(models__staging__stg_personen_DOT_sql=sql))
    assert ws.models["staging.stg_personen"].depends_on == {"raw.personen", "areas.buurten"}
