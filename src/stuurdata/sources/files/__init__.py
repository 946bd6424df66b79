# SPDX-License-Identifier: EUPL-1.2
"""Built-in file connectors (CSV, XLSX, Parquet, GeoJSON, GeoPackage), registered as a plugin."""

from __future__ import annotations

from stuurdata.sources.connector import Connector
from stuurdata.sources.files.delimited import CsvConnector
from stuurdata.sources.files.geo import GeoJsonConnector, GeoPackageConnector
from stuurdata.sources.files.parquet import ParquetConnector
from stuurdata.sources.files.xlsx import XlsxConnector
from stuurdata.sources.hookspecs import hookimpl

__all__ = [
    "CsvConnector",
    "GeoJsonConnector",
    "GeoPackageConnector",
    "ParquetConnector",
    "XlsxConnector",
    "stuurdata_connectors",
]


@hookimpl
def stuurdata_connectors() -> list[type[Connector]]:
    """The file connectors: csv, xlsx, parquet, geojson, geopackage."""
    return [CsvConnector, XlsxConnector, ParquetConnector, GeoJsonConnector, GeoPackageConnector]
