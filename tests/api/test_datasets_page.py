# SPDX-License-Identifier: EUPL-1.2
"""Catalog search with facets on the portal's /datasets page (server-rendered, no JavaScript)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from fastapi.testclient import TestClient

from stuurdata.catalog import SearchLog


def _titles(page: str) -> list[str]:
    return re.findall(r'<th scope="row"[^>]*><a class="utrecht-link" href="/datasets/(\w+)', page)


def test_without_query_every_public_dataset_is_listed(client: TestClient) -> None:
    page = client.get("/datasets").text
    assert sorted(_titles(page)) == ["bouwjaren", "woningen_per_buurt"]
    assert 'name="q"' in page and 'role="search"' in page
    assert "geheime_telling" not in page and "Geheime telling" not in page
    assert "Huisvesting" in page and "Woo-informatiecategorie" in page


def test_text_search_ranks_and_facet_links_filter(client: TestClient) -> None:
    page = client.get("/datasets", params={"q": "woningen"}).text
    assert _titles(page) == ["woningen_per_buurt", "bouwjaren"]
    assert "2 datasets gevonden" in page
    link = re.search(r'href="([^"]*theme=huisvesting[^"]*)"', page)
    assert link is not None
    filtered = client.get(html.unescape(link.group(1))).text
    assert _titles(filtered) == ["woningen_per_buurt"]
    assert 'aria-current="true"' in filtered
    assert 'name="theme" value="huisvesting"' in filtered  # kept by the search form


def test_english_labels(client: TestClient) -> None:
    page = client.get("/datasets", params={"q": "woningen", "lang": "en"}).text
    assert "2 datasets found" in page and "Housing" in page and "Update frequency" in page
    assert "lang=en" in page


def test_search_without_results_is_recorded(client: TestClient, api_workspace: Path) -> None:
    page = client.get("/datasets", params={"q": "hondenbelasting"}).text
    assert "Geen datasets gevonden" in page
    entries = SearchLog.for_workspace(api_workspace).entries()
    assert ("hondenbelasting", "portal") in [(e.text, e.channel) for e in entries]


def test_unknown_filter_values_find_nothing_but_do_not_fail(client: TestClient) -> None:
    response = client.get("/datasets", params={"format": "<script>", "theme": "x" * 500})
    assert response.status_code == 200
    assert "<script>" not in response.text
