# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import datetime as dt
from pathlib import Path

from stuurdata.catalog import CatalogCache, SearchLog, SearchQuery, build_catalog
from stuurdata.warehouse import PublishedVersion
from stuurdata.workspace import Workspace
from tests.catalog.workspace import HIDDEN, PUBLIC


def test_only_visible_classified_datasets_are_listed(
    workspace: Workspace, published: PublishedVersion
) -> None:
    everything = [d.name for d in published.manifest.datasets]
    assert set(HIDDEN) <= set(everything)
    catalog = build_catalog(workspace, published.manifest, PUBLIC)
    assert [r.name for r in catalog.records] == list(PUBLIC)
    assert catalog.get("geheime_telling") is None
    assert catalog.search(SearchQuery("geheime telling")).count == 0


def test_search_ranks_and_counts_facets(workspace: Workspace, published: PublishedVersion) -> None:
    catalog = build_catalog(workspace, published.manifest, PUBLIC)
    page = catalog.search(SearchQuery("woningen"))
    assert [r.name for r in page.records] == ["woningen_per_buurt", "bouwjaren"]
    assert page.scores[0] > page.scores[1]
    assert page.facets["theme"] == {"bestuur": 1, "huisvesting": 1}
    assert page.facets["gemeente"] == {"GM9901": 2, "GM9902": 1}
    assert page.facets["format"]["GeoJSON"] == 1
    assert catalog.facet_label("theme", "huisvesting", "en") == "Housing"
    assert catalog.facet_label("woo_category", "infocat012") == "Jaarplannen en jaarverslagen"
    assert catalog.facet_label("organisation", "rg99") == "Bollenstreek"
    assert catalog.facet_label("gemeente", "GM9902") == "Duinhoven"


def test_searches_without_results_are_recorded(
    workspace: Workspace, published: PublishedVersion, tmp_path: Path
) -> None:
    log = SearchLog(tmp_path / "zoekvragen.jsonl")
    catalog = build_catalog(workspace, published.manifest, PUBLIC, log)
    catalog.search(SearchQuery("woningen"))
    catalog.search(SearchQuery(""))
    catalog.search(SearchQuery("parkeerplaatsen"), channel="ckan")
    catalog.search(SearchQuery("", (("theme", "verkeer"),)))
    entries = log.entries()
    assert [(e.text, e.channel) for e in entries] == [("parkeerplaatsen", "ckan"), ("", "portal")]
    assert entries[1].filters == (("theme", "verkeer"),)


def test_overdue_datasets_are_flagged(workspace: Workspace, published: PublishedVersion) -> None:
    catalog = build_catalog(workspace, published.manifest, PUBLIC)
    built = published.manifest.finished_at
    assert catalog.overdue(built + dt.timedelta(days=1)) == []
    later = [r.name for r in catalog.overdue(built + dt.timedelta(days=60))]
    assert later == ["woningen_per_buurt"]  # monthly; bouwjaren is annual
    assert len(catalog.overdue(built + dt.timedelta(days=500))) == 2


def test_cache_keeps_one_catalog_per_version(
    workspace: Workspace, published: PublishedVersion, tmp_path: Path
) -> None:
    cache = CatalogCache(tmp_path)
    first = cache.get(workspace, published.manifest, PUBLIC)
    assert cache.get(workspace, published.manifest, list(PUBLIC)) is first
    assert cache.get(workspace, published.manifest, PUBLIC[:1]) is not first
