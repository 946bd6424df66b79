# SPDX-License-Identifier: EUPL-1.2
"""The catalog of the synthetic demo region: complete metadata, valid DCAT, hidden stays hidden."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from stuurdata.catalog import SearchQuery, build_catalog, check_metadata
from stuurdata.catalog.metadata import default_publisher
from stuurdata.catalog.rdf import catalog_graph, serialize
from stuurdata.portal.publication import public_datasets
from stuurdata.warehouse import build, open_current
from stuurdata.workspace import Workspace
from tests.catalog.donl import missing_mandatory

pytestmark = pytest.mark.slow


def test_demo_catalog(demo_workspace: Path) -> None:
    ws = Workspace.load(demo_workspace)
    assert check_metadata(ws) == []
    published = open_current(demo_workspace, ws.config.engine.path)
    if published is None:
        build(ws)
        published = open_current(demo_workspace, ws.config.engine.path)
    assert published is not None
    visible = [d.name for d in public_datasets(published.manifest, ws.datasets)]
    catalog = build_catalog(ws, published.manifest, visible)
    names = {r.name for r in catalog.records}
    assert "personen_sociaal_domein" not in names
    assert {"bevolking_per_buurt", "begroting_per_taakveld", "woz_per_buurt"} <= names
    assert all(r.theme and r.woo_category and r.frequency for r in catalog.records)
    found = catalog.search(SearchQuery("woz"))
    assert found.records[0].name == "woz_per_buurt"
    graph = catalog_graph(
        catalog, "https://demo.example", ws.config.name, "", default_publisher(ws.config)
    )
    parsed = Graph().parse(data=serialize(graph, "turtle"), format="turtle")
    assert missing_mandatory(parsed) == []
    assert b"personen_sociaal_domein" not in serialize(graph, "xml")
