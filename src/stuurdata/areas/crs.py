# SPDX-License-Identifier: EUPL-1.2
"""Coordinate reference systems: RD New (EPSG:28992) for storage and area, WGS84 for the web.

Transformers are built once per pair of systems and cached; ``always_xy=True`` keeps the axis
order x/lon first everywhere. Nothing is built at import time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from pyproj import CRS, Transformer

RD = "EPSG:28992"
WGS84 = "EPSG:4326"

# Envelope of RD New coordinates for the Netherlands and its waters (generous, in metres).
_RD_X = (-10_000.0, 310_000.0)
_RD_Y = (280_000.0, 640_000.0)


@lru_cache(maxsize=16)
def transformer(source: str, target: str) -> Transformer:
    """A cached transformer from ``source`` to ``target`` (any pyproj CRS string), x/lon first."""
    return Transformer.from_crs(
        CRS.from_user_input(source), CRS.from_user_input(target), always_xy=True
    )


def normalise_crs(text: str) -> str:
    """``EPSG:nnnn`` for any CRS text pyproj understands (URN, OGC name, WKT); CRS84 -> EPSG:4326.

    Raises ``ValueError`` when the text names no known CRS.
    """
    crs = CRS.from_user_input(text)
    epsg = crs.to_epsg(min_confidence=70)
    if epsg is None:
        if crs.name in ("WGS 84 (CRS84)", "WGS 84"):
            return WGS84
        raise ValueError(f"onbekend coördinatenstelsel: {text!r}")
    return f"EPSG:{epsg}"


def _transform(geometry: Any, source: str, target: str) -> Any:
    if source == target:
        return geometry
    trans = transformer(source, target)

    def apply(coords: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        x, y = trans.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometry, apply)


def to_rd(geometry: Any, source: str = WGS84) -> Any:
    """Geometry (or array of geometries) from ``source`` (default WGS84) to RD New."""
    return _transform(geometry, normalise_crs(source), RD)


def to_wgs84(geometry: Any, source: str = RD) -> Any:
    """Geometry (or array of geometries) from ``source`` (default RD New) to WGS84 lon/lat."""
    return _transform(geometry, normalise_crs(source), WGS84)


def looks_like_rd(bounds: tuple[float, float, float, float]) -> bool:
    """True when a layer's bounds (minx, miny, maxx, maxy) fit RD New and cannot be lon/lat."""
    minx, miny, maxx, maxy = bounds
    if not all(np.isfinite(bounds)):
        return False
    in_rd = _RD_X[0] <= minx and maxx <= _RD_X[1] and _RD_Y[0] <= miny and maxy <= _RD_Y[1]
    return in_rd and (abs(maxx) > 180 or abs(maxy) > 90)


def looks_like_wgs84(bounds: tuple[float, float, float, float]) -> bool:
    """True when a layer's bounds fit lon/lat degrees."""
    minx, miny, maxx, maxy = bounds
    return -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90
