# SPDX-License-Identifier: EUPL-1.2
"""Shapes of a boundary file into RD New: CRS detection, transformation and repair.

CRS: a declared CRS (GeoJSON ``crs`` member, GeoPackage SRS) is used when the coordinates fit it;
a file without one is WGS84 (RFC 7946) unless its coordinates can only be RD, which is accepted
with a warning. Shapes: empty or collapsed shapes become ``None`` (warning); invalid ones are
repaired with ``make_valid`` keeping the polygonal parts (warning saying so); points and lines are
an error; collapsed slivers (tiny or extremely thin) become ``None`` (warning).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely

from stuurdata.areas.crs import RD, WGS84, looks_like_rd, looks_like_wgs84, to_rd
from stuurdata.areas.raw import RawLayer
from stuurdata.errors import Problem

MIN_AREA_M2 = 1.0
"""A shape smaller than this (in m²) is a collapsed sliver and treated as empty."""
MIN_COMPACTNESS = 0.001
"""Below this 4πA/P² a shape is a sliver (a line with width): the thinnest real wijk of 2024 has
0.009, the collapsed buurten of the coarse 2014 TopoJSON less than 0.0001."""

_POLYGONAL = ("Polygon", "MultiPolygon")


@dataclass
class Shapes:
    """Per feature of the layer (same order) the RD shape or ``None``, and what was found."""

    geometries: list[Any | None]
    crs: str
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _bounds(geoms: list[Any]) -> tuple[float, float, float, float]:
    present = [g for g in geoms if g is not None and not g.is_empty]
    if not present:
        return (0.0, 0.0, 0.0, 0.0)
    b = shapely.total_bounds(np.array(present, dtype=object))
    return (float(b[0]), float(b[1]), float(b[2]), float(b[3]))


def _source_crs(layer: RawLayer, geoms: list[Any], shapes: Shapes) -> str | None:
    if all(g is None or g.is_empty for g in geoms):
        return layer.crs or WGS84
    bounds = _bounds(geoms)
    rd, wgs84 = looks_like_rd(bounds), looks_like_wgs84(bounds)
    if layer.crs is None:
        if rd:
            shapes.warnings.append(
                Problem(
                    layer.file,
                    "areas.crs_guessed",
                    "geen coördinatenstelsel opgegeven; de "
                    "coördinaten passen alleen bij RD New en zijn zo gelezen",
                    column="geometry",
                    expected="crs-lid of WGS84-coördinaten (RFC 7946)",
                    found=_box(bounds),
                )
            )
            return RD
        if wgs84:
            return WGS84
    elif layer.crs == WGS84:
        if wgs84:
            return WGS84
    elif layer.crs == RD:
        if rd or not wgs84:
            return RD
    else:
        return layer.crs
    shapes.errors.append(
        Problem(
            layer.file,
            "areas.crs",
            f"de coördinaten passen niet bij het coördinatenstelsel ({layer.crs_source})",
            column="geometry",
            expected=f"coördinaten in {layer.crs or 'WGS84 of RD New'}",
            found=_box(bounds),
        )
    )
    return None


def _box(bounds: tuple[float, float, float, float]) -> str:
    return "grenzen " + ", ".join(f"{v:.6g}" for v in bounds)


def to_rd_shapes(layer: RawLayer) -> Shapes:
    """The layer's shapes in RD New, with the problems found on the way."""
    geoms = [f.geometry for f in layer.features]
    shapes = Shapes([None] * len(geoms), RD)
    file = layer.file
    refused: set[int] = set()
    for index, (feature, geom) in enumerate(zip(layer.features, geoms, strict=True)):
        if geom is not None and not geom.is_empty and geom.geom_type not in _POLYGONAL:
            if geom.geom_type == "GeometryCollection":
                geoms[index] = _polygonal(geom)
                continue
            shapes.errors.append(
                Problem(
                    file,
                    "areas.geometry_type",
                    "een gebied moet een vlak zijn",
                    row=feature.row,
                    column="geometry",
                    expected="Polygon of MultiPolygon",
                    found=geom.geom_type,
                )
            )
            geoms[index] = None
            refused.add(index)
    source = _source_crs(layer, geoms, shapes)
    if source is None:
        return shapes
    shapes.crs = source
    checked: dict[int, Any] = {}
    for index, (feature, geom) in enumerate(zip(layer.features, geoms, strict=True)):
        if index not in refused:
            good = _checked(file, feature.row, geom, shapes.warnings)
            if good is not None:
                checked[index] = good
    if not checked:
        return shapes
    moved = to_rd(np.array(list(checked.values()), dtype=object), source)
    for index, geom in zip(checked, moved, strict=True):
        shapes.geometries[index] = _in_rd(file, layer.features[index].row, geom, shapes.warnings)
    return shapes


def _polygonal(geom: Any) -> Any:
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in _POLYGONAL]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _checked(file: str, row: int, geom: Any | None, warnings: list[Problem]) -> Any | None:
    if geom is None or geom.is_empty:
        warnings.append(
            Problem(
                file,
                "areas.empty_geometry",
                "gebied zonder vorm (leeg of ontbrekend); het telt mee zonder geometrie",
                row=row,
                column="geometry",
                expected="een niet-leeg vlak",
                found="leeg",
            )
        )
        return None
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        geom = _polygonal(shapely.make_valid(geom))
        warnings.append(
            Problem(
                file,
                "areas.invalid_geometry",
                "ongeldige vorm, hersteld met make_valid",
                row=row,
                column="geometry",
                expected="een geldig vlak",
                found=reason,
            )
        )
        if geom.is_empty:
            warnings.append(
                Problem(
                    file,
                    "areas.empty_geometry",
                    "na herstel blijft geen vlak over; het gebied telt mee zonder geometrie",
                    row=row,
                    column="geometry",
                    expected="een niet-leeg vlak",
                    found="leeg",
                )
            )
            return None
    return geom


def _in_rd(file: str, row: int, geom: Any, warnings: list[Problem]) -> Any | None:
    """Checks on the RD shape: still valid after transformation, not a collapsed sliver."""
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        geom = _polygonal(shapely.make_valid(geom))
        warnings.append(
            Problem(
                file,
                "areas.invalid_geometry",
                "vorm ongeldig na omzetting naar RD, hersteld met make_valid",
                row=row,
                column="geometry",
                expected="een geldig vlak",
                found=reason,
            )
        )
    area = float(geom.area)
    compactness = 4 * math.pi * area / geom.length**2 if geom.length > 0 else 0.0
    if area < MIN_AREA_M2 or compactness < MIN_COMPACTNESS:
        warnings.append(
            Problem(
                file,
                "areas.sliver_geometry",
                "vorm is tot een lijn of splinter ingeklapt; het gebied telt mee zonder geometrie",
                row=row,
                column="geometry",
                expected=f"oppervlakte >= {MIN_AREA_M2:g} m² en compactheid >= {MIN_COMPACTNESS:g}",
                found=f"{area:.3g} m², compactheid {compactness:.2g}",
            )
        )
        return None
    return geom
