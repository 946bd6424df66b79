# SPDX-License-Identifier: EUPL-1.2
"""``dashboards/*.yaml``: the pydantic model, the shipped JSON Schema and loading by Workspace."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from pydantic import ValidationError

from stuurdata.dashboards.config import Dashboard, PanelKind
from stuurdata.demo.template import template_files
from stuurdata.errors import WorkspaceError
from stuurdata.workspace import Workspace
from stuurdata.workspace.schema import shipped

DEMO_BOARDS = {
    name: yaml.safe_load(content)
    for name, content in template_files().items()
    if name.startswith("dashboards/")
}


def _board(**changes: object) -> dict[str, object]:
    board: dict[str, object] = {
        "id": "proef",
        "title": {"nl": "Proef", "en": "Trial"},
        "description": {"nl": "Een proef.", "en": "A trial."},
        "owner": "team data",
        "panels": [
            {
                "id": "inwoners",
                "kind": "keyfigure",
                "title": {"nl": "Inwoners", "en": "Inhabitants"},
                "indicators": ["bevolking_inwoners"],
            }
        ],
    }
    board.update(changes)
    return board


def _panel(**changes: object) -> dict[str, object]:
    panel: dict[str, object] = {
        "id": "p",
        "kind": "table",
        "title": {"nl": "P", "en": "P"},
        "indicators": ["bevolking_inwoners"],
    }
    panel.update(changes)
    return panel


def test_demo_ships_the_three_dashboards() -> None:
    assert set(DEMO_BOARDS) == {
        "dashboards/monitor_sociaal_domein.yaml",
        "dashboards/wijk_en_buurtmonitor.yaml",
        "dashboards/gemeenteraad.yaml",
    }
    boards = {b.id: b for b in map(Dashboard.model_validate, DEMO_BOARDS.values())}
    social = boards["monitor_sociaal_domein"]
    assert any("stapeling" in i for i in social.indicator_ids())
    assert boards["gemeenteraad"].audience == "raad"
    kinds = {panel.kind for board in boards.values() for panel in board.panels}
    assert kinds == set(PanelKind)


@pytest.mark.parametrize("name", sorted(DEMO_BOARDS))
def test_demo_dashboards_validate_against_the_shipped_schema(name: str) -> None:
    jsonschema.validate(DEMO_BOARDS[name], json.loads(shipped("dashboard")))


def test_the_schema_rejects_an_unknown_panel_kind() -> None:
    board = _board(panels=[_panel(kind="taart")])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(board, json.loads(shipped("dashboard")))


@pytest.mark.parametrize(
    ("panel", "message"),
    [
        (_panel(kind="keyfigure", indicators=["a", "b"]), "precies één indicator"),
        (_panel(kind="bars", level=None), "'level' nodig"),
        (_panel(kind="trend", period="2024"), "alle perioden"),
        (_panel(indicators=["a", "a"]), "maar één keer"),
        (_panel(period="24"), "pattern"),
        (_panel(level="straat"), "level"),
    ],
)
def test_inconsistent_panels_are_refused(panel: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Dashboard.model_validate(_board(panels=[panel]))


def test_panel_ids_are_unique() -> None:
    with pytest.raises(ValidationError, match="dubbel"):
        Dashboard.model_validate(_board(panels=[_panel(), _panel()]))


def test_filter_levels_are_distinct() -> None:
    with pytest.raises(ValidationError, match="elk niveau één keer"):
        Dashboard.model_validate(_board(filters={"area_levels": ["wijk", "wijk"]}))


def test_workspace_loads_dashboards(definitions: Path) -> None:
    ws = Workspace.load(definitions)
    assert set(ws.dashboards) == {"monitor_sociaal_domein", "wijk_en_buurtmonitor", "gemeenteraad"}
    assert ws.label("dashboard:gemeenteraad") == "dashboards/gemeenteraad.yaml"


def test_schema_problem_names_file_and_line(definitions: Path) -> None:
    path = definitions / "dashboards" / "kapot.yaml"
    board = _board(id="kapot", panels=[_panel(kind="taart")])
    path.write_text(yaml.safe_dump(board, sort_keys=False), encoding="utf-8")
    with pytest.raises(WorkspaceError) as caught:
        Workspace.load(definitions)
    problems = [p for p in caught.value.problems if p.file == "dashboards/kapot.yaml"]
    assert problems and problems[0].rule == "schema"
    line = path.read_text(encoding="utf-8").splitlines().index("  kind: taart") + 1
    assert any(p.row == line for p in problems), problems


def test_duplicate_dashboard_ids_are_a_problem(definitions: Path) -> None:
    source = definitions / "dashboards" / "gemeenteraad.yaml"
    (definitions / "dashboards" / "kopie.yaml").write_text(source.read_text(encoding="utf-8"))
    with pytest.raises(WorkspaceError) as caught:
        Workspace.load(definitions)
    assert any(p.rule == "uniek" for p in caught.value.problems)
