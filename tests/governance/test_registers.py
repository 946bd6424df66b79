# SPDX-License-Identifier: EUPL-1.2
"""The public registers of the demo: pages, links to what is involved, the DPIA's public
summary only, and the algorithm export in the Algoritmeregister standard's JSON and CSV shape."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from stuurdata.governance.registers import ALGORITHM_FIELDS, algorithm_record, dpia_summary
from stuurdata.portal import create_app
from stuurdata.workspace import Workspace
from tests.api.demo_app import built_demo  # noqa: F401  (fixture)


@pytest.fixture(scope="module")
def client(built_demo: Path) -> Iterator[TestClient]:  # noqa: F811
    with TestClient(create_app(built_demo)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def workspace(built_demo: Path) -> Workspace:  # noqa: F811
    return Workspace.load(built_demo)


def test_overview_lists_every_entry(client: TestClient, workspace: Workspace) -> None:
    page = client.get("/registers")
    assert page.status_code == 200
    registers = workspace.registers
    for algorithm in registers.algorithms.values():
        assert f'href="/registers/algoritmes/{algorithm.id}"' in page.text
    for sensor in registers.sensors.values():
        assert f'href="/registers/sensoren/{sensor.id}"' in page.text
    for dpia in registers.dpias.values():
        assert f'href="/registers/dpias/{dpia.id}"' in page.text
    english = client.get("/registers?lang=en")
    assert "Algorithms" in english.text and "Sensors" in english.text


def test_algorithm_page_links_public_datasets_and_dpia(client: TestClient) -> None:
    page = client.get("/registers/algoritmes/prognose-bevolking")
    assert page.status_code == 200
    assert "Cohort-componentenmethode" in page.text
    assert 'href="/datasets/bevolking_per_buurt"' in page.text
    assert 'href="/dashboards/wijk_en_buurtmonitor"' in page.text
    assert 'href="/registers/dpias/bevolkingsstatistiek"' in page.text


def test_dpia_page_shows_the_public_summary_only(client: TestClient, workspace: Workspace) -> None:
    dpia = workspace.registers.dpias["monitor-sociaal-domein"]
    page = client.get("/registers/dpias/monitor-sociaal-domein")
    assert page.status_code == 200
    assert dpia.public_summary.split()[0] in page.text
    for internal in (dpia.fg_advice, dpia.risks[0].description, dpia.measures[0]):
        assert internal not in page.text
    # the non-public dataset is named but not linked; the public one is linked
    assert 'href="/datasets/personen_sociaal_domein"' not in page.text
    assert "personen_sociaal_domein" in page.text
    assert 'href="/datasets/voorzieningen_sociaal_domein"' in page.text
    assert set(dpia_summary(dpia)) == {
        "subject",
        "public_summary",
        "legal_basis",
        "outcome",
        "date",
    }


def test_sensor_page_has_location_and_buurt(client: TestClient) -> None:
    page = client.get("/registers/sensoren/luchtkwaliteit")
    assert page.status_code == 200
    assert "52.329651, 4.502678" in page.text  # converted from RD New
    assert 'href="/gebieden/BU99010103"' in page.text
    assert client.get("/registers/sensoren/bestaat-niet").status_code == 404
    assert client.get("/registers/sensoren/..%2F..%2Fetc").status_code == 404


def test_algorithm_export_in_the_standard_shape(client: TestClient, workspace: Workspace) -> None:
    response = client.get("/registers/algoritmes.json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    records = json.loads(response.content)
    assert len(records) == len(workspace.registers.algorithms)
    for record in records:
        assert tuple(record) == ALGORITHM_FIELDS
        assert record["standard_version"] == "1.0"
        assert isinstance(record["dpia"], bool)
    expected = algorithm_record(workspace.registers.algorithms["prioritering-handhaving"])
    assert expected in records

    table = client.get("/registers/algoritmes.csv")
    assert table.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert tuple(rows[0]) == ALGORITHM_FIELDS
    by_name = {row["name"]: row for row in rows}
    handhaving = by_name["Prioritering handhaving openbare ruimte"]
    assert handhaving["dpia"] == "nee"
    assert handhaving["category"] == "Openbare orde en veiligheid"
    assert handhaving["begin_date"] == "2025-03-01"
