# SPDX-License-Identifier: EUPL-1.2
"""The DCAT-AP-DONL catalog over HTTP, parsed back with rdflib."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph

from stuurdata.api.dcat import negotiate
from tests.catalog.donl import datasets, missing_mandatory
from tests.catalog.workspace import PUBLIC

FORMATS = {"ttl": "turtle", "rdf": "xml", "jsonld": "json-ld"}
MEDIA = {"turtle": "text/turtle", "xml": "application/rdf+xml", "json-ld": "application/ld+json"}


@pytest.mark.parametrize("ext", FORMATS)
def test_catalog_files_parse_with_all_mandatory_properties(client: TestClient, ext: str) -> None:
    response = client.get(f"/catalog.{ext}")
    assert response.status_code == 200
    fmt = FORMATS[ext]
    assert response.headers["content-type"].startswith(MEDIA[fmt])
    graph = Graph().parse(data=response.content, format=fmt)
    assert datasets(graph) == {f"http://testserver/datasets/{n}" for n in PUBLIC}
    assert missing_mandatory(graph) == []
    assert b"geheime_telling" not in response.content


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/rdf+xml", "xml"),
        ("application/ld+json", "json-ld"),
        ("text/turtle", "turtle"),
        ("application/rdf+xml;q=0.5, application/ld+json;q=0.9", "json-ld"),
        ("*/*", "turtle"),
    ],
)
def test_catalog_negotiates_on_accept(client: TestClient, accept: str, fmt: str) -> None:
    response = client.get("/catalog", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(MEDIA[fmt])
    assert "Accept" in response.headers["vary"]
    assert datasets(Graph().parse(data=response.content, format=fmt))


def test_catalog_format_parameter_and_refusals(client: TestClient) -> None:
    assert client.get("/catalog?format=rdf").headers["content-type"].startswith(MEDIA["xml"])
    assert client.get("/catalog?format=csv").status_code == 400
    assert client.get("/catalog", headers={"Accept": "image/png"}).status_code == 406


def test_negotiate_ignores_zero_quality() -> None:
    assert negotiate("text/turtle;q=0, application/ld+json") == "json-ld"
    assert negotiate(None) == "turtle"
    assert negotiate("application/pdf") is None
