# SPDX-License-Identifier: EUPL-1.2
"""GeoJSON and GeoPackage connectors (pyogrio): attributes plus geometry as WKB column ``geometry``.

Options: ``layer`` (GeoPackage; default the first layer), ``allow_empty``. The layer's CRS is
returned in ``ReadResult.extra['crs']`` (e.g. ``EPSG:28992``); no reprojection happens here.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa

from stuurdata.sources.connector import Connector, ReadResult
from stuurdata.sources.files.paths import read_all, reject
from stuurdata.workspace.config import Source

GEOMETRY = "geometry"
MAX_JSON_CHECK = 256 * 1024 * 1024


class GeoJsonConnector(Connector):
    name: ClassVar[str] = "geojson"
    description: ClassVar[str] = "GeoJSON FeatureCollection (geometrie als WKB)"

    def read(self, source: Source, workspace_root: Path) -> ReadResult:
        options = source.options

        def read_one(path: Path, name: str) -> ReadResult:
            check_feature_collection(path, name)
            return read_layer(path, name, options, "GeoJSON")

        return read_all(source, workspace_root, (".geojson", ".json"), read_one)


class GeoPackageConnector(Connector):
    name: ClassVar[str] = "geopackage"
    description: ClassVar[str] = "GeoPackage (.gpkg), één laag (geometrie als WKB)"

    def read(self, source: Source, workspace_root: Path) -> ReadResult:
        options = source.options
        return read_all(
            source,
            workspace_root,
            (".gpkg",),
            lambda path, name: read_layer(path, name, options, "GeoPackage"),
        )


def check_feature_collection(path: Path, name: str) -> None:
    """Refuse invalid JSON and JSON that is not a GeoJSON FeatureCollection."""
    if path.stat().st_size == 0:
        raise reject(name, "empty_file", "leeg bestand")
    if path.stat().st_size > MAX_JSON_CHECK:
        return  # too big to parse twice; GDAL still refuses invalid JSON below
    try:
        with path.open("rb") as handle:
            document = json.load(handle)
    except UnicodeDecodeError:
        raise reject(name, "encoding", "GeoJSON moet UTF-8 zijn", expected="UTF-8") from None
    except json.JSONDecodeError as error:
        raise reject(
            name,
            "geojson",
            f"ongeldige JSON op regel {error.lineno}, teken {error.colno}",
            row=error.lineno,
            expected="geldige JSON",
            found="syntaxfout",
        ) from None
    kind = document.get("type") if isinstance(document, dict) else None
    if kind != "FeatureCollection":
        raise reject(
            name,
            "geojson",
            "dit is geen GeoJSON FeatureCollection",
            expected='"type": "FeatureCollection"',
            found=f'"type": {json.dumps(kind)}' if isinstance(kind, str) else "geen type",
        )
    if not isinstance(document.get("features"), list):
        raise reject(name, "geojson", "de FeatureCollection heeft geen lijst 'features'")


def read_layer(path: Path, name: str, options: dict[str, Any], kind: str) -> ReadResult:
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    layer = options.get("layer")
    if layer is not None:
        try:
            layers = [str(row[0]) for row in pyogrio.list_layers(path)]
        except (DataSourceError, DataLayerError, OSError):
            layers = None
        if layers is not None and str(layer) not in layers:
            raise reject(
                name,
                "layer",
                f"laag {layer!r} bestaat niet in dit bestand",
                expected=f"een van: {', '.join(layers)}",
                found=str(layer),
            )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # GDAL chatter; errors still raise
            meta, table = pyogrio.read_arrow(path, layer=layer)
    except (DataSourceError, DataLayerError, RuntimeError, OSError):
        raise reject(
            name,
            "corrupt_file",
            f"het bestand is geen leesbaar {kind}-bestand: beschadigd of afgebroken?",
            expected=f"een {kind}-bestand",
            found="onleesbaar bestand",
        ) from None
    table = _plain_geometry(table, str(meta.get("geometry_name") or ""))
    if table.num_rows == 0 and not options.get("allow_empty", False):
        raise reject(name, "no_rows", f"geen rijen: de {kind}-laag heeft geen objecten")
    extra = {"crs": str(meta.get("crs") or "")}
    return ReadResult(table=table, files=(path,), extra=extra)


def _plain_geometry(table: pa.Table, geometry_name: str) -> pa.Table:
    """Rename the WKB column to ``geometry`` and drop the GeoArrow extension metadata."""
    candidates = [geometry_name, "wkb_geometry", "geom", GEOMETRY]
    source = next((c for c in candidates if c and c in table.column_names), None)
    if source is None:
        return table
    index = table.column_names.index(source)
    column = table.column(index).cast(pa.binary())
    table = table.set_column(index, pa.field(GEOMETRY, pa.binary()), column)
    return table.replace_schema_metadata(None)
