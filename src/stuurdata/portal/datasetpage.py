# SPDX-License-Identifier: EUPL-1.2
"""What the page of one open dataset shows beyond its metadata: a preview of the published
rows, the downloads and API calls, its lineage and quality figures.

Everything is read from the published version: ``published.<dataset>`` and the manifest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from stuurdata.catalog import Lineage, completeness, lineage, source_quality
from stuurdata.catalog.lineage import SourceQuality
from stuurdata.catalog.metadata import is_spatial
from stuurdata.warehouse.manifest import Manifest
from stuurdata.warehouse.publish_datasets import published_table

PREVIEW_ROWS = 20
TABULAR_FORMATS = ("csv", "excel.csv", "parquet", "json", "xlsx")
SPATIAL_FORMATS = ("geojson", "gpkg")


@dataclass(frozen=True)
class DatasetDetails:
    columns: list[str]
    preview: list[tuple[Any, ...]]
    downloads: list[str]
    """File extensions offered at ``/datasets/{name}/download.{ext}``."""
    lineage: Lineage | None
    quality: list[SourceQuality]
    completeness: dict[str, float]


def dataset_details(
    con: duckdb.DuckDBPyConnection, manifest: Manifest, name: str
) -> DatasetDetails:
    table = published_table(name)
    schema, _, bare = table.partition(".")
    relation = con.execute(f'SELECT * FROM "{schema}"."{bare}" LIMIT {PREVIEW_ROWS}')
    columns = [d[0] for d in relation.description or []]
    preview = relation.fetchall()
    graph = lineage(manifest, name)
    return DatasetDetails(
        columns=columns,
        preview=preview,
        downloads=[*TABULAR_FORMATS, *(SPATIAL_FORMATS if is_spatial(columns) else ())],
        lineage=graph,
        quality=source_quality(manifest, graph) if graph else [],
        completeness=completeness(con, table, columns),
    )


def api_examples(base_url: str, name: str) -> list[str]:
    """Calls a user can paste into a terminal to get this dataset through the APIs."""
    return [
        f"curl '{base_url}api/v1/datasets/{name}/rows?limit=10'",
        f"curl '{base_url}api/3/action/package_show?id={name}'",
        f"curl '{base_url}api/v1/sql?q=SELECT+*+FROM+published.{name}+LIMIT+10'",
    ]
