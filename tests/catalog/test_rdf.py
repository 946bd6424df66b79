# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, SKOS

from stuurdata.catalog import build_catalog
from stuurdata.catalog.metadata import default_publisher
from stuurdata.catalog.rdf import RdfFormat, catalog_graph, serialize
from stuurdata.warehouse import PublishedVersion
from stuurdata.workspace import Workspace
from tests.catalog.donl import datasets, missing_mandatory
from tests.catalog.workspace import PUBLIC

BASE = "https://data.bollenstreek.example"


@pytest.fixture
def graph(workspace: Workspace, published: PublishedVersion) -> Graph:
    catalog = build_catalog(workspace, published.manifest, PUBLIC)
    config = workspace.config
    return catalog_graph(catalog, BASE, config.name, config.description, default_publisher(config))


@pytest.mark.parametrize("fmt", ["turtle", "xml", "json-ld"])
def test_every_format_parses_back_with_all_mandatory_properties(
    graph: Graph, fmt: RdfFormat
) -> None:
    parsed = Graph().parse(data=serialize(graph, fmt), format=fmt)
    assert len(parsed) == len(graph)
    assert datasets(parsed) == {f"{BASE}/datasets/{name}" for name in PUBLIC}
    assert missing_mandatory(parsed) == []


def test_dataset_carries_donl_value_list_uris(graph: Graph) -> None:
    node = URIRef(f"{BASE}/datasets/woningen_per_buurt")
    assert graph.value(node, DCAT.theme) == URIRef(
        "http://standaarden.overheid.nl/owms/terms/Huisvesting_(thema)"
    )
    assert graph.value(node, DCTERMS.accrualPeriodicity) == URIRef(
        "http://purl.org/cld/freq/monthly"
    )
    assert graph.value(node, DCTERMS.accessRights) == URIRef(
        "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
    )
    assert graph.value(node, DCTERMS.spatial) == URIRef(
        "https://identifier.overheid.nl/tooi/id/gemeente/gm9901"
    )
    woo = graph.value(node, DCTERMS.type)
    assert woo is not None and str(graph.value(woo, SKOS.notation)) == "infocat015"
    downloads = {
        str(graph.value(d, DCAT.downloadURL)) for d in graph.objects(node, DCAT.distribution)
    }
    assert f"{BASE}/datasets/woningen_per_buurt/download.gpkg" in downloads
    assert len(downloads) == 7


def test_hidden_dataset_is_not_in_the_graph(graph: Graph) -> None:
    text = serialize(graph, "turtle").decode()
    assert "geheime_telling" not in text
    assert "Geheime telling" not in text
