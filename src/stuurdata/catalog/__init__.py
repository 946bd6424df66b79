# SPDX-License-Identifier: EUPL-1.2
"""The catalog: dataset metadata (DCAT-AP-DONL 1.1, Woo), search with facets, freshness,
lineage and quality, and the RDF export."""

from stuurdata.catalog.catalog import FACETS, Catalog, CatalogCache, SearchPage, build_catalog
from stuurdata.catalog.freshness import Freshness, freshness
from stuurdata.catalog.lineage import Lineage, completeness, lineage, source_quality
from stuurdata.catalog.metadata import (
    DOWNLOAD_FORMATS,
    DatasetMetadata,
    Distribution,
    describe,
    is_spatial,
)
from stuurdata.catalog.search import SearchQuery
from stuurdata.catalog.searchlog import SearchLog
from stuurdata.catalog.validate import check_metadata

__all__ = [
    "DOWNLOAD_FORMATS",
    "FACETS",
    "Catalog",
    "CatalogCache",
    "DatasetMetadata",
    "Distribution",
    "Freshness",
    "Lineage",
    "SearchLog",
    "SearchPage",
    "SearchQuery",
    "build_catalog",
    "check_metadata",
    "completeness",
    "describe",
    "freshness",
    "is_spatial",
    "lineage",
    "source_quality",
]
