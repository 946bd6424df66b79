# SPDX-License-Identifier: EUPL-1.2
"""The catalog of one published version: dataset metadata, search with facets, freshness.

The caller decides which datasets are visible (without login: the portal's publication rule,
only ``openbaar``); the catalog additionally never lists a dataset without classification.
:class:`CatalogCache` keeps one catalog per published version, so a search costs no I/O.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from stuurdata.catalog.metadata import DatasetMetadata, describe
from stuurdata.catalog.search import Document, SearchIndex, SearchQuery, SearchResult
from stuurdata.catalog.searchlog import SearchLog
from stuurdata.catalog.vocabularies import FREQUENCIES, THEMES, WOO_CATEGORIES
from stuurdata.warehouse.manifest import Manifest
from stuurdata.workspace import Workspace

FACETS: Final = (
    "theme",
    "organisation",
    "gemeente",
    "format",
    "woo_category",
    "frequency",
    "keyword",
    "license",
)
"""Facets of the catalog search, in the order pages show them."""
WEIGHTS: Final = {"title": 3.0, "keywords": 2.0, "theme": 1.5, "name": 1.0, "description": 1.0}


def facet_values(record: DatasetMetadata) -> dict[str, tuple[str, ...]]:
    """The values ``record`` has per facet (codes, as used in filters), and its name."""
    return {
        "theme": (record.theme.code,) if record.theme else (),
        "organisation": (record.publisher.slug,),
        "gemeente": tuple(o.code for o in record.spatial),
        "format": tuple(dict.fromkeys(d.kind.format for d in record.distributions)),
        "woo_category": (record.woo_category.code,) if record.woo_category else (),
        "frequency": (record.frequency.code,) if record.frequency else (),
        "keyword": record.keywords,
        "license": (record.license_id,),
        "name": (record.name,),
    }


def _document(record: DatasetMetadata) -> Document:
    theme = f"{record.theme.nl} {record.theme.en}" if record.theme else ""
    return Document(
        key=record.name,
        fields={
            "title": record.title,
            "keywords": " ".join(record.keywords),
            "theme": theme,
            "name": record.name.replace("_", " "),
            "description": record.description,
        },
        facets=facet_values(record),
        sort_keys={"title": record.title, "modified": record.modified.isoformat()},
    )


@dataclass(frozen=True)
class SearchPage:
    """A page of search results with the facet counts."""

    count: int
    records: tuple[DatasetMetadata, ...]
    scores: tuple[float, ...]
    facets: dict[str, dict[str, int]]


@dataclass
class Catalog:
    """The visible datasets of one published version, searchable."""

    version_id: str
    records: tuple[DatasetMetadata, ...]
    organisations: dict[str, str]
    """CKAN slug -> name of every publisher in use."""
    log: SearchLog | None = None
    _index: SearchIndex = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name = {r.name: r for r in self.records}
        self._index = SearchIndex([_document(r) for r in self.records], WEIGHTS)

    def get(self, name: str) -> DatasetMetadata | None:
        return self._by_name.get(name)

    def search(self, query: SearchQuery, channel: str = "portal") -> SearchPage:
        """Search; a search with text or filters that finds nothing is recorded in the log."""
        result: SearchResult = self._index.search(query, FACETS)
        if result.count == 0 and (query.text.strip() or query.filters) and self.log is not None:
            self.log.record(query.text, query.filters, channel)
        return SearchPage(
            result.count,
            tuple(self._by_name[h.key] for h in result.hits),
            tuple(h.score for h in result.hits),
            result.facets,
        )

    def overdue(self, now: dt.datetime | None = None) -> list[DatasetMetadata]:
        """Visible datasets whose last build is older than their frequency allows."""
        return [r for r in self.records if r.freshness(now).overdue]

    def facet_label(self, facet: str, value: str, lang: str = "nl") -> str:
        """A readable label for a facet value (theme and Woo names, organisation names)."""
        found = {
            "theme": THEMES,
            "woo_category": WOO_CATEGORIES,
            "frequency": FREQUENCIES,
        }.get(facet)
        if found is not None:
            term = found.find(value)
            return term.label(lang) if term else value
        if facet == "organisation":
            return self.organisations.get(value, value)
        if facet == "gemeente":
            record = next((o for r in self.records for o in r.spatial if o.code == value), None)
            return record.name if record else value
        return value


def build_catalog(
    workspace: Workspace,
    manifest: Manifest,
    visible: Collection[str],
    log: SearchLog | None = None,
) -> Catalog:
    """The catalog of ``manifest``'s datasets named in ``visible`` that have a classification.

    Metadata comes from the current definitions; a visible dataset whose definition is gone is
    left out (its metadata can no longer be vouched for).
    """
    records = []
    for run in manifest.datasets:
        definition = workspace.datasets.get(run.name)
        if run.name not in visible or definition is None or definition.classification is None:
            continue
        if run.classification is None:
            continue
        records.append(describe(definition, run, workspace.config, manifest))
    records.sort(key=lambda r: r.name)
    orgs = {r.publisher.slug: r.publisher.name for r in records}
    return Catalog(manifest.version_id, tuple(records), orgs, log)


class CatalogCache:
    """One catalog per published version (and visible set) of a workspace, built on first use."""

    def __init__(self, workspace_root: Path) -> None:
        self.log = SearchLog.for_workspace(workspace_root)
        self._lock = threading.Lock()
        self._key: tuple[str, frozenset[str]] | None = None
        self._catalog: Catalog | None = None

    def get(self, workspace: Workspace, manifest: Manifest, visible: Collection[str]) -> Catalog:
        key = (manifest.version_id, frozenset(visible))
        with self._lock:
            if self._catalog is None or self._key != key:
                self._catalog = build_catalog(workspace, manifest, visible, self.log)
                self._key = key
            return self._catalog
