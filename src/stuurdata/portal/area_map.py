# SPDX-License-Identifier: EUPL-1.2
"""Where an area lies, without JavaScript: a small SVG map made on the server, and the areas of
the same level that border it (neighbours).

Geometry comes from the published ``areas.*`` tables (RD New, metres: a flat projection, so
the map needs no reprojection; north is up). Both are computed once per published version.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import shapely
from shapely import STRtree
from shapely.geometry.base import BaseGeometry

from stuurdata.areas.model import AreaLevel
from stuurdata.portal.snapshot import AreaRow, Snapshot

SIZE = 320.0
"""Width of the longer side of the map in SVG units."""
TOUCH_METRES = 1.0
"""Areas closer than this count as neighbours (boundaries are not always exactly shared)."""


@dataclass(frozen=True)
class MapShape:
    code: str
    name: str
    path: str
    """SVG path data."""
    highlighted: bool


@dataclass(frozen=True)
class LocationMap:
    width: float
    height: float
    shapes: tuple[MapShape, ...]


def _geometry(row: AreaRow) -> BaseGeometry | None:
    if not row.geometry_wkb:
        return None
    geometry = shapely.from_wkb(row.geometry_wkb)
    return None if geometry.is_empty else geometry


def _context(snapshot: Snapshot, area: AreaRow) -> tuple[list[AreaRow], set[str]]:
    """The areas drawn around ``area`` and the codes drawn highlighted."""
    if area.level == AreaLevel.REGIO:
        members = snapshot.children(area)
        return list(snapshot.areas.get(AreaLevel.GEMEENTE, [])), {m.code for m in members}
    if area.level == AreaLevel.GEMEENTE:
        return list(snapshot.areas.get(AreaLevel.GEMEENTE, [])), {area.code}
    gemeente = area.parent_code if area.level == AreaLevel.WIJK else None
    if area.level == AreaLevel.BUURT and area.parent_code:
        wijk = snapshot.area(area.parent_code)
        gemeente = wijk.parent_code if wijk else None
    same = [
        row for row in snapshot.areas.get(area.level, []) if _gemeente_of(snapshot, row) == gemeente
    ]
    return same or [area], {area.code}


def _gemeente_of(snapshot: Snapshot, row: AreaRow) -> str | None:
    if row.level == AreaLevel.WIJK:
        return row.parent_code
    wijk = snapshot.area(row.parent_code) if row.parent_code else None
    return wijk.parent_code if wijk else None


def _path(geometry: BaseGeometry, west: float, north: float, scale: float) -> str:
    parts = []
    polygons = getattr(geometry, "geoms", [geometry])
    for polygon in polygons:
        if polygon.geom_type != "Polygon":
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            coords = shapely.get_coordinates(ring)
            points = [f"{(x - west) * scale:.1f} {(north - y) * scale:.1f}" for x, y in coords]
            if len(points) >= 3:
                parts.append("M" + "L".join(points) + "Z")
    return "".join(parts)


def location_map(snapshot: Snapshot, area: AreaRow) -> LocationMap | None:
    """The area highlighted among the areas around it; None without geometry."""
    rows, highlighted = _context(snapshot, area)
    found = [(row, g) for row in rows if (g := _geometry(row)) is not None]
    if not any(row.code in highlighted for row, _g in found):
        return None
    west, south, east, north = shapely.total_bounds([g for _row, g in found])
    extent = max(east - west, north - south)
    if extent <= 0:
        return None
    scale = SIZE / extent
    shapes = []
    for row, geometry in found:
        simple = geometry.simplify(extent / 800, preserve_topology=True)
        shapes.append(
            MapShape(row.code, row.name, _path(simple, west, north, scale), row.code in highlighted)
        )
    shapes.sort(key=lambda s: s.highlighted)  # highlighted drawn last, on top
    return LocationMap(
        round((east - west) * scale, 1), round((north - south) * scale, 1), tuple(shapes)
    )


def neighbours_by_code(rows: Iterable[AreaRow]) -> dict[str, list[str]]:
    """Codes of the areas bordering each area (same level), by code, sorted."""
    found = [(row, g) for row in rows if (g := _geometry(row)) is not None]
    if not found:
        return {}
    geometries = [g for _row, g in found]
    tree = STRtree(geometries)
    result: dict[str, list[str]] = {}
    for i, (row, geometry) in enumerate(found):
        hits = tree.query(geometry, predicate="dwithin", distance=TOUCH_METRES)
        result[row.code] = sorted(found[int(j)][0].code for j in hits if int(j) != i)
    return result
