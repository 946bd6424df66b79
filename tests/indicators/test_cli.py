# SPDX-License-Identifier: EUPL-1.2
"""``stuurdata indicators list | show`` (the typer sub-app in stuurdata.cli.indicators)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from stuurdata.cli.indicators import app
from stuurdata.warehouse import build, open_current
from stuurdata.workspace import Workspace

runner = CliRunner()


@pytest.fixture(scope="module")
def built(demo_workspace: Path) -> Path:
    version = open_current(demo_workspace)
    if version is None or "indicators" not in version.manifest.phases:
        build(Workspace.load(demo_workspace))
    return demo_workspace


@pytest.mark.slow
def test_list_shows_every_indicator(built: Path) -> None:
    result = runner.invoke(app, ["list", "-w", str(built)], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "79 indicatoren" in result.output
    assert "stapeling_personen" in result.output and "WmoClienten_100" in result.output


@pytest.mark.slow
def test_show_explains_definition_results_and_comparison(built: Path) -> None:
    result = runner.invoke(
        app,
        ["show", "bevolking_inwoners", "-w", str(built), "--gebied", "GM9901", "--sql"],
        env={"COLUMNS": "250"},
    )
    assert result.exit_code == 0, result.output
    assert "AantalInwoners_5" in result.output
    assert "GROUPING SETS" in result.output
    assert "RG99" in result.output and "vergelijkingsgroep" in result.output


def test_show_unknown_indicator_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["show", "bestaat_niet", "-w", str(tmp_path)])
    assert result.exit_code == 1  # no workspace there: the usual problem report
