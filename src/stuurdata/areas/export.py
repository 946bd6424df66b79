# SPDX-License-Identifier: EUPL-1.2
"""Areas out: an Arrow table for the warehouse and GeoJSON for maps and downloads."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import shapely

from stuurdata.areas.crs import RD, to_wgs84, transformer

if TYPE_CHECKING:
    from stuurdata.areas.model import Area

ARROW_SCHEMA = pa.schema(
    [
        pa.field("code", pa.string(), nullable=False),
        pa.field("name", pa.string(), nullable=False),
        pa.field("level", pa.string(), nullable=False),
        pa.field("parent_code", pa.string()),
        pa.field("year", pa.int32(), nullable=False),
        pa.field("water", pa.bool_(), nullable=False),
        pa.field("area_m2", pa.float64()),
        pa.field("geometry_wkb", pa.binary(), metadata={"crs": RD, "encoding": "WKB"}),
        pa.field("centroid_x", pa.float64()),
        pa.field("centroid_y", pa.float64()),
        pa.field("lon", pa.float64()),
        pa.field("lat", pa.float64()),
    ],
    metadata={"geometry_crs": RD},
)

RD_CRS_MEMBER = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}


def _geometries(areas: Sequence[Area]) -> npt.NDArray[np.object_]:
    geoms = np.empty(len(areas), dtype=object)
    geoms[:] = [a.geometry_rd for a in areas]
    return geoms


def areas_to_arrow(areas: Sequence[Area]) -> pa.Table:
    """One row per area; geometry as WKB in RD, centroid in RD and WGS84 (null without shape)."""
    geoms = _geometries(areas)
    centroids = shapely.centroid(geoms)
    cx = shapely.get_x(centroids)
    cy = shapely.get_y(centroids)
    known = ~np.isnan(cx)
    lon = np.full(len(areas), np.nan)
    lat = np.full(len(areas), np.nan)
    if known.any():
        lon[known], lat[known] = transformer(RD, "EPSG:4326").transform(cx[known], cy[known])
    columns: dict[str, Any] = {
        "code": [a.code for a in areas],
        "name": [a.name for a in areas],
        "level": [str(a.level) for a in areas],
        "parent_code": [a.parent_code for a in areas],
        "year": [a.year for a in areas],
        "water": [a.water for a in areas],
        "area_m2": pa.array(shapely.area(geoms), from_pandas=True),
        "geometry_wkb": list(shapely.to_wkb(geoms)),
        "centroid_x": pa.array(cx, from_pandas=True),
        "centroid_y": pa.array(cy, from_pandas=True),
        "lon": pa.array(lon, from_pandas=True),
        "lat": pa.array(lat, from_pandas=True),
    }
    return pa.table(columns, schema=ARROW_SCHEMA)


def areas_to_geojson(
    areas: Sequence[Area], crs: Literal["wgs84", "rd"] = "wgs84", precision: int = 6
) -> dict[str, Any]:
    """A FeatureCollection; ``rd`` output carries the (pre-RFC 7946) ``crs`` member naming 28992."""
    if crs not in ("wgs84", "rd"):
        raise ValueError(f"crs moet 'wgs84' of 'rd' zijn, niet {crs!r}")
    geoms = _geometries(areas)
    if crs == "wgs84":
        geoms = to_wgs84(geoms)
    geoms = shapely.transform(geoms, lambda c: np.round(c, precision))
    texts = shapely.to_geojson(geoms)
    features = [
        {
            "type": "Feature",
            "id": area.code,
            "properties": {"code": area.code, "name": area.name, "parent_code": area.parent_code},
            "geometry": None if text is None else json.loads(text),
        }
        for area, text in zip(areas, texts, strict=True)
    ]
    collection: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if crs == "rd":
        collection["crs"] = RD_CRS_MEMBER
    return collection
