# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from stuurdata.cli.main import app
from tests.workspace.conftest import DATASET, WriteWorkspace, write_workspace

__all__ = ["write_workspace"]  # the fixture, imported for use here
runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


def test_validate_accepts_a_good_workspace(write_workspace: WriteWorkspace) -> None:
    result = runner.invoke(app, ["validate", "--workspace", str(write_workspace())])
    assert result.exit_code == 0, result.output
    assert "In orde" in result.output
    assert "1 bronnen, 2 modellen, 1 datasets" in result.output


def test_validate_prints_every_problem_with_file_and_line(write_workspace: WriteWorkspace) -> None:
    dataset = DATASET.replace("classification: openbaar\n", "").replace(
        "model: marts.inwoners_per_buurt", "model: marts.bestaat_niet"
    )
    root = write_workspace(datasets__inwoners_per_buurt_DOT_yaml=dataset)
    result = runner.invoke(app, ["validate", "--workspace", str(root)])
    assert result.exit_code == 1
    assert "classificatie" in result.output
    assert "marts.bestaat_niet" in result.output
    assert "datasets/inwoners_per_buurt.yaml" in result.output
    assert "Er is niets geschreven" in result.output


def test_schema_prints_the_shipped_json_schema() -> None:
    result = runner.invoke(app, ["schema", "source"])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == "Source"
    assert runner.invoke(app, ["schema", "onzin"]).exit_code == 2


def test_init_makes_a_workspace_that_loads(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    result = runner.invoke(
        app, ["init", str(target), "--naam", "Hillegom", "--gemeente", "GM0534=Hillegom"]
    )
    assert result.exit_code == 0, result.output
    assert (target / "stuurdata.yaml").is_file()
    result = runner.invoke(app, ["validate", "--workspace", str(target)])
    # the boundary files are still to be delivered: validate says so, nothing else
    assert result.exit_code == 1
    assert "grenzenbestand" in result.output
    assert runner.invoke(app, ["init", str(target)]).exit_code == 1


def test_init_rejects_a_bad_gemeentecode(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "x"), "--gemeente", "534=Hillegom"])
    assert result.exit_code == 1
    assert "gemeentecode" in result.output
    assert not (tmp_path / "x").exists()


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = {c.name or c.callback.__name__ for c in app.registered_commands if c.callback}
    commands |= {g.name for g in app.registered_groups if g.name}
    assert commands == {
        "init",
        "validate",
        "schema",
        "ingest",
        "build",
        "serve",
        "demo",
        "indicators",
        "kosten",
        "scan",
        "users",
        "audit",
    }
    for command in commands:
        assert re.search(rf"stuurdata[^\n]*\b{command}\b", readme), f"README misses {command}"
