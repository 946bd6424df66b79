# SPDX-License-Identifier: EUPL-1.2
"""Read a boundary file (GeoJSON, TopoJSON, GeoPackage) into a :class:`RawLayer`.

The format follows from the extension: ``.geojson``, ``.json`` (GeoJSON or TopoJSON, by its
``type``), ``.topojson``, ``.gpkg``. An unreadable file raises :class:`AreaError`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shapely.geometry import shape

from stuurdata.areas.crs import normalise_crs
from stuurdata.areas.geopackage import read_geopackage
from stuurdata.areas.model import AreaLevel
from stuurdata.areas.raw import RawFeature, RawLayer
from stuurdata.areas.topojson import TopoJSONError, decode_arcs, decode_geometry, iter_objects
from stuurdata.errors import AreaError, Problem

EXTENSIONS = (".geojson", ".json", ".topojson", ".gpkg")


def _fail(
    file: str,
    rule: str,
    message: str,
    expected: str | None = None,
    found: str | None = None,
    row: int | None = None,
) -> AreaError:
    problem = Problem(
        file=file, rule=rule, message=message, row=row, expected=expected, found=found
    )
    return AreaError(f"Grenzenbestand {file} is onleesbaar", [problem])


def read_layer(path: Path, level: AreaLevel | None = None) -> RawLayer:
    """Read ``path`` by its extension; ``level`` picks the layer of a multi-layer GeoPackage."""
    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise _fail(file, "areas.format", "onbekend bestandstype", ", ".join(EXTENSIONS), suffix)
    if not path.is_file():
        raise _fail(file, "areas.missing_file", "bestand bestaat niet", "een bestand", file)
    if suffix == ".gpkg":
        return read_geopackage(path, level)
    try:
        document = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise _fail(file, "areas.json", f"geen geldige JSON: {exc}") from exc
    if not isinstance(document, dict):
        raise _fail(
            file,
            "areas.json",
            "geen JSON-object",
            "FeatureCollection of Topology",
            type(document).__name__,
        )
    kind = document.get("type")
    if kind == "Topology":
        return _topojson(file, document)
    if kind in ("FeatureCollection", "Feature"):
        return _geojson(file, document)
    raise _fail(
        file, "areas.json", "onbekend JSON-type", "FeatureCollection of Topology", str(kind)
    )


def _metadata_year(document: dict[str, Any]) -> int | None:
    metadata = document.get("metadata")
    year = metadata.get("year") if isinstance(metadata, dict) else None
    return year if isinstance(year, int) and not isinstance(year, bool) else None


def _geojson_crs(file: str, document: dict[str, Any]) -> str | None:
    member = document.get("crs")
    if member is None:
        return None
    props = member.get("properties", {}) if isinstance(member, dict) else {}
    text = props.get("name") if isinstance(props, dict) else None
    if text is None and isinstance(props, dict) and "code" in props:
        text = f"EPSG:{props['code']}"
    try:
        return normalise_crs(str(text))
    except Exception as exc:  # pyproj raises its own CRSError and ValueError
        raise _fail(
            file,
            "areas.crs",
            "het 'crs'-lid noemt geen bekend coördinatenstelsel",
            "bijvoorbeeld urn:ogc:def:crs:EPSG::28992",
            json.dumps(member),
        ) from exc


def _geojson(file: str, document: dict[str, Any]) -> RawLayer:
    crs = _geojson_crs(file, document)
    raw = document.get("features") if document["type"] == "FeatureCollection" else [document]
    if not isinstance(raw, list):
        raise _fail(file, "areas.json", "'features' is geen lijst", "lijst", type(raw).__name__)
    layer = RawLayer(
        file, [], crs, "crs-lid" if crs else "geen crs-lid", year=_metadata_year(document)
    )
    for row, feature in enumerate(raw, start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            layer.problems.append(
                Problem(
                    file,
                    "areas.feature",
                    "geen GeoJSON Feature",
                    row=row,
                    expected="Feature",
                    found=str(type(feature).__name__),
                )
            )
            continue
        properties = dict(feature.get("properties") or {})
        if "id" in feature and "id" not in properties:
            properties["id"] = feature["id"]
        geometry = None
        if feature.get("geometry") is not None:
            try:
                geometry = shape(feature["geometry"])
            except Exception as exc:  # shapely raises several types for malformed input
                layer.problems.append(
                    Problem(
                        file,
                        "areas.geometry_unreadable",
                        f"geometrie onleesbaar: {exc}",
                        row=row,
                        column="geometry",
                    )
                )
        layer.features.append(RawFeature(row, properties, geometry))
    return layer


def _topojson(file: str, document: dict[str, Any]) -> RawLayer:
    try:
        arcs = decode_arcs(document)
        objects = iter_objects(document)
    except (TopoJSONError, TypeError, ValueError) as exc:
        raise _fail(file, "areas.topojson", f"ongeldige TopoJSON: {exc}") from exc
    layer = RawLayer(file, [], None, "TopoJSON zonder crs", year=_metadata_year(document))
    for row, obj in enumerate(objects, start=1):
        properties = dict(obj.get("properties") or {})
        if "id" in obj and "id" not in properties:
            properties["id"] = obj["id"]
        geometry = None
        try:
            geometry = decode_geometry(obj, arcs)
        except (TopoJSONError, TypeError, ValueError, IndexError) as exc:
            layer.problems.append(
                Problem(
                    file,
                    "areas.geometry_unreadable",
                    f"geometrie onleesbaar: {exc}",
                    row=row,
                    column="arcs",
                )
            )
        layer.features.append(RawFeature(row, properties, geometry))
    return layer
