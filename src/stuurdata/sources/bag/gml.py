# SPDX-License-Identifier: EUPL-1.2
"""GML 3.2 geometry of the BAG extract (EPSG:28992) to 2D WKB, without building object trees.

The extract holds ``gml:Point`` (verblijfsobject), ``gml:Polygon`` (pand, ligplaats, standplaats,
verblijfsobject, woonplaats) and ``gml:MultiSurface`` (woonplaats, rarely pand); coordinates may
be 2D or 3D (``srsDimension``). The Z value is dropped: Stuurdata works in RD New 2D.
"""

from __future__ import annotations

import math
import struct

import numpy as np
import shapely
from lxml import etree

from stuurdata.sources.bag.xmlns import GML

_GML = f"{{{GML}}}"
_POINT = struct.pack("<BI", 1, 1)
_POLYGON = struct.pack("<BI", 1, 3)
_MULTIPOLYGON = struct.pack("<BI", 1, 6)
_RD_SRS = ("28992",)


class GeometryError(ValueError):
    """The GML cannot be read as an RD geometry; the message is shown to the data specialist."""


def to_wkb(container: etree._Element, centroid: bool = False) -> tuple[bytes, float, float]:
    """WKB of the first GML geometry under ``container`` and a representative point.

    The point is the point itself or, with ``centroid``, the centroid of a (multi)polygon;
    otherwise NaN (computing centroids of millions of panden costs time nobody asked for).
    """
    geom = _first_gml(container)
    if geom is None:
        raise GeometryError("geen GML-geometrie gevonden")
    _check_srs(geom)
    dim = _dimension(geom)
    local = geom.tag[len(_GML) :]
    if local == "Point":
        xy = _coordinates(geom, dim, "pos")
        if len(xy) != 1:
            raise GeometryError(f"een punt heeft 1 coördinaat, gevonden: {len(xy)}")
        x, y = float(xy[0, 0]), float(xy[0, 1])
        return _POINT + struct.pack("<2d", x, y), x, y
    if local == "Polygon":
        wkb = _polygon(geom, dim)
    elif local in ("MultiSurface", "MultiPolygon"):
        polygons = [_polygon(p, _dimension(p, dim)) for p in geom.iter(f"{_GML}Polygon")]
        if not polygons:
            raise GeometryError(f"gml:{local} zonder polygonen")
        wkb = _MULTIPOLYGON + struct.pack("<I", len(polygons)) + b"".join(polygons)
    else:
        raise GeometryError(f"geometrietype gml:{local} wordt niet ondersteund")
    if not centroid:
        return wkb, math.nan, math.nan
    point = shapely.from_wkb(wkb).centroid
    return wkb, float(point.x), float(point.y)


def _first_gml(container: etree._Element) -> etree._Element | None:
    for element in container.iter():
        tag = element.tag
        if isinstance(tag, str) and tag.startswith(_GML):
            return element
    return None


def _check_srs(geom: etree._Element) -> None:
    srs = geom.get("srsName")
    if srs is not None and not srs.endswith(_RD_SRS):
        raise GeometryError(f"coördinaatstelsel {srs} wordt niet ondersteund, verwacht EPSG:28992")


def _dimension(element: etree._Element, default: int = 2) -> int:
    value = element.get("srsDimension")
    if value is None:
        return default
    if value not in ("2", "3"):
        raise GeometryError(f"srsDimension {value} wordt niet ondersteund (2 of 3)")
    return int(value)


def _coordinates(element: etree._Element, dim: int, kind: str = "posList") -> np.ndarray:
    texts: list[str] = []
    for node in element.iter(f"{_GML}{kind}", f"{_GML}pos"):
        dim = _dimension(node, dim)
        texts.append(node.text or "")
    try:
        values = np.array(" ".join(texts).split(), dtype=np.float64)
    except ValueError:
        raise GeometryError("coördinaten zijn geen getallen") from None
    if values.size == 0 or values.size % dim:
        raise GeometryError(f"{values.size} coördinaatwaarden passen niet bij dimensie {dim}")
    return values.reshape(-1, dim)[:, :2]


def _polygon(polygon: etree._Element, dim: int) -> bytes:
    rings = [polygon.find(f"{_GML}exterior"), *polygon.iterfind(f"{_GML}interior")]
    if rings[0] is None:
        raise GeometryError("polygoon zonder gml:exterior")
    parts = [_POLYGON, struct.pack("<I", len(rings))]
    for ring in rings:
        assert ring is not None
        xy = _coordinates(ring, dim)
        if len(xy) < 4 or xy[0, 0] != xy[-1, 0] or xy[0, 1] != xy[-1, 1]:
            raise GeometryError("ring is niet gesloten of heeft minder dan 4 punten")
        parts.append(struct.pack("<I", len(xy)))
        parts.append(np.ascontiguousarray(xy, dtype="<f8").tobytes())
    return b"".join(parts)
