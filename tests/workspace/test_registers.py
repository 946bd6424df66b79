# SPDX-License-Identifier: EUPL-1.2
"""The register files: loaded by Workspace.load, schema problems and unknown links with line."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from stuurdata.errors import WorkspaceError
from stuurdata.workspace import Workspace
from stuurdata.workspace.registers import SensorLocation
from stuurdata.workspace.schema import generate
from tests.workspace.conftest import WriteWorkspace

TEMPLATE = Path(__file__).resolve().parents[2] / "src/stuurdata/demo/workspace_template"

SENSOR = """\
id: tellers
name: Passantentellers
type: passantenteller
description: Tellen voorbijgangers.
location:
  rd: [94706.0, 482780.7]
  buurt: BU05340101
purpose: Drukte volgen.
personal_data: false
legal_basis: Gemeentewet art. 108.
retention: 5 jaar.
owner: team openbare ruimte
source: personen
links:
  datasets: [inwoners_per_buurt]
  models: [marts.inwoners_per_buurt]
"""

DPIA = """\
id: msd
subject: Monitor sociaal domein
processing: Koppeling van voorzieningen.
purposes: [monitor-sociaal-domein]
legal_basis: AVG art. 6 lid 1 sub e.
outcome: aanvaardbaar
date: 2025-01-15
fg_advice: Positief.
public_summary: Tellingen per buurt.
links:
  sources: [personen]
  datasets: [inwoners_per_buurt]
"""


def _template_entries(folder: str) -> list[dict[str, object]]:
    return [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((TEMPLATE / "registers" / folder).glob("*.yaml"))
    ]


def test_demo_template_has_the_registers() -> None:
    ws = Workspace.load(TEMPLATE)
    registers = ws.registers
    assert {"prognose-bevolking", "prioritering-handhaving"} <= set(registers.algorithms)
    assert {s.type.value for s in registers.sensors.values()} == {
        "luchtkwaliteit",
        "passantenteller",
        "verkeer",
    }
    assert "monitor-sociaal-domein" in registers.dpias
    assert ws.label("sensor:luchtkwaliteit") == "registers/sensoren/luchtkwaliteit.yaml"
    register_problems = [p for p in ws.check() if p.file.startswith("registers/")]
    assert register_problems == []


@pytest.mark.parametrize(
    ("schema", "folder"), [("algoritme", "algoritmes"), ("sensor", "sensoren"), ("dpia", "dpias")]
)
def test_demo_entries_validate_against_the_shipped_schema(schema: str, folder: str) -> None:
    entries = _template_entries(folder)
    assert entries
    for entry in json.loads(json.dumps(entries, default=str)):
        jsonschema.validate(entry, generate(schema))


def test_registers_load_and_pass(write_workspace: WriteWorkspace) -> None:
    root = write_workspace(
        registers__sensoren__tellers_DOT_yaml=SENSOR, registers__dpias__msd_DOT_yaml=DPIA
    )
    ws = Workspace.load(root)
    assert set(ws.registers.sensors) == {"tellers"}
    assert ws.registers.dpias["msd"].outcome.value == "aanvaardbaar"
    assert ws.check() == []


def test_unknown_links_are_reported_with_file_and_line(write_workspace: WriteWorkspace) -> None:
    root = write_workspace(
        registers__sensoren__tellers_DOT_yaml=SENSOR.replace(
            "models: [marts.inwoners_per_buurt]", "models:\n    - marts.bestaat_niet"
        ).replace("source: personen", "source: geen_bron"),
        registers__dpias__msd_DOT_yaml=DPIA.replace("[monitor-sociaal-domein]", "[ander-doel]"),
    )
    problems = Workspace.load(root).check()
    found = {(p.file, p.row, p.found) for p in problems if p.rule == "onbekende-verwijzing"}
    assert found == {
        ("registers/sensoren/tellers.yaml", 17, "marts.bestaat_niet"),
        ("registers/sensoren/tellers.yaml", 13, "geen_bron"),
        ("registers/dpias/msd.yaml", 4, "ander-doel"),
    }


def test_schema_problem_has_file_and_line(write_workspace: WriteWorkspace) -> None:
    root = write_workspace(
        registers__sensoren__tellers_DOT_yaml=SENSOR.replace("buurt: BU05340101", "buurt: X1")
    )
    with pytest.raises(WorkspaceError) as caught:
        Workspace.load(root)
    (problem,) = caught.value.problems
    assert problem.file == "registers/sensoren/tellers.yaml"
    assert problem.column == "location.buurt"
    assert problem.row == 7


def test_duplicate_ids_are_rejected(write_workspace: WriteWorkspace) -> None:
    root = write_workspace(
        registers__dpias__msd_DOT_yaml=DPIA, registers__dpias__msd2_DOT_yaml=DPIA
    )
    with pytest.raises(WorkspaceError) as caught:
        Workspace.load(root)
    assert [p.rule for p in caught.value.problems] == ["uniek"]


def test_location_converts_rd_to_wgs84() -> None:
    location = SensorLocation(rd=(155000.0, 463000.0), buurt="BU03630000")  # Amersfoort origin
    lon, lat = location.lon_lat()
    assert lon == pytest.approx(5.38721, abs=1e-4)
    assert lat == pytest.approx(52.15517, abs=1e-4)
    with pytest.raises(ValueError, match="rd"):
        SensorLocation(buurt="BU03630000")
