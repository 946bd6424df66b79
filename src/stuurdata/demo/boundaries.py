# SPDX-License-Identifier: EUPL-1.2
"""Generated boundaries in RD New (EPSG:28992): gemeenten, wijken and buurten nested exactly.

Every level is a Voronoi tessellation of its parent, clipped to that parent: gemeenten tile the
region, wijken tile their gemeente, buurten tile their wijk. Seeds get two Lloyd relaxation steps
so that areas are compact rather than slivers. The base region lies around x 90-110 km,
y 470-490 km; larger regions tile more gemeenten on a 10 km grid to the east and south.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from pyproj import Transformer

from stuurdata.demo.plan import GemeentePlan, RegionPlan

ORIGIN_X = 90_000.0
ORIGIN_TOP_Y = 490_000.0
CELL = 10_000.0
COORDINATE_DECIMALS = 6

Geometry = Any


@dataclass
class GemeenteShapes:
    """The geometry (RD) of one gemeente, its wijken and its buurten, by code."""

    gemeente: Geometry
    wijken: dict[str, Geometry] = field(default_factory=dict)
    buurten: dict[str, Geometry] = field(default_factory=dict)


def _polygonal(geom: Geometry) -> Geometry:
    """Keep only the polygon parts of an intersection result."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def _tessellate(parent: Geometry, seeds: npt.NDArray[np.float64], relax: int = 2) -> list[Geometry]:
    """Voronoi cells of ``seeds`` clipped to ``parent``, in seed order, after Lloyd relaxation."""
    if len(seeds) == 1:
        return [parent]
    cells: list[Geometry] = []
    for step in range(relax + 1):
        diagram = shapely.voronoi_polygons(
            shapely.multipoints(seeds), extend_to=parent, ordered=True
        )
        cells = [_polygonal(c) for c in shapely.intersection(shapely.get_parts(diagram), parent)]
        if step < relax:
            centroids = shapely.get_coordinates(shapely.centroid(cells))
            # a centroid can fall outside a non-convex parent: keep the old seed then
            inside = shapely.contains_xy(parent, centroids[:, 0], centroids[:, 1])
            seeds = np.where(inside[:, None], centroids, seeds)
    return cells


def random_points_in(
    geom: Geometry, count: int, rng: np.random.Generator
) -> npt.NDArray[np.float64]:
    """``count`` uniformly random points (x, y) inside ``geom`` (rejection sampling)."""
    minx, miny, maxx, maxy = geom.bounds
    shapely.prepare(geom)
    found: list[npt.NDArray[np.float64]] = []
    total = 0
    ratio = max(geom.area / max((maxx - minx) * (maxy - miny), 1e-9), 0.05)
    while total < count:
        n = int((count - total) / ratio * 1.2) + 16
        xs = rng.uniform(minx, maxx, n)
        ys = rng.uniform(miny, maxy, n)
        keep = shapely.contains_xy(geom, xs, ys)
        pts = np.column_stack([xs[keep], ys[keep]])
        found.append(pts)
        total += len(pts)
    return np.concatenate(found)[:count]


def _spread_seeds(geom: Geometry, count: int, rng: np.random.Generator) -> npt.NDArray[np.float64]:
    """Seeds spread over ``geom``: the best of a few candidates per seed (farthest from others)."""
    candidates = random_points_in(geom, count * 8, rng)
    chosen = [candidates[0]]
    for _ in range(1, count):
        dist = np.min(
            np.hypot(
                candidates[:, None, 0] - np.array(chosen)[None, :, 0],
                candidates[:, None, 1] - np.array(chosen)[None, :, 1],
            ),
            axis=1,
        )
        chosen.append(candidates[int(np.argmax(dist))])
    return np.array(chosen)


def gemeente_shapes(region: RegionPlan, seed: int) -> list[Geometry]:
    """One polygon per gemeente, tiling the union of the gemeenten's 10 km grid cells."""
    n = len(region.gemeenten)
    cols = max(2, math.ceil(math.sqrt(n)))
    cells = []
    seeds = []
    rng = np.random.default_rng([seed, 2])
    for i in range(n):
        col, row = i % cols, i // cols
        x0 = ORIGIN_X + col * CELL
        y1 = ORIGIN_TOP_Y - row * CELL
        cells.append(shapely.box(x0, y1 - CELL, x0 + CELL, y1))
        seeds.append(
            (x0 + CELL / 2 + rng.uniform(-2500, 2500), y1 - CELL / 2 + rng.uniform(-2500, 2500))
        )
    area = shapely.union_all(cells)
    return _tessellate(area, np.array(seeds), relax=0)


def subdivide(gemeente: GemeentePlan, shape: Geometry, seed: int) -> GemeenteShapes:
    """Wijken tiling the gemeente and buurten tiling each wijk."""
    rng = np.random.default_rng([seed, 3, gemeente.index])
    result = GemeenteShapes(gemeente=shape)
    wijk_seeds = _spread_seeds(shape, len(gemeente.wijken), rng)
    for wijk, wijk_shape in zip(gemeente.wijken, _tessellate(shape, wijk_seeds), strict=True):
        result.wijken[wijk.code] = wijk_shape
        buurt_seeds = _spread_seeds(wijk_shape, len(wijk.buurt_codes), rng)
        for code, buurt_shape in zip(
            wijk.buurt_codes, _tessellate(wijk_shape, buurt_seeds), strict=True
        ):
            result.buurten[code] = buurt_shape
    return result


def _to_wgs84(geom: Geometry, transformer: Transformer) -> dict[str, Any]:
    def apply(coords: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        lon, lat = transformer.transform(coords[:, 0], coords[:, 1])
        return np.round(np.column_stack([lon, lat]), COORDINATE_DECIMALS)

    mapping: dict[str, Any] = shapely.geometry.mapping(shapely.transform(geom, apply))
    return mapping


class BoundaryWriter:
    """Collects generated areas and writes them as CBS-like GeoJSON in WGS84."""

    def __init__(self, year: int) -> None:
        self.year = year
        self._features: dict[str, list[dict[str, Any]]] = {
            "gemeenten": [],
            "wijken": [],
            "buurten": [],
        }
        self._transformer = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)

    def add(self, gemeente: GemeentePlan, shapes: GemeenteShapes) -> None:
        base = {"jaarcode": self.year, "gemeentecode": gemeente.code, "gemeentenaam": gemeente.name}
        self._feature("gemeenten", base, shapes.gemeente)
        for wijk in gemeente.wijken:
            wijk_props = {**base, "wijkcode": wijk.code, "wijknaam": wijk.name}
            self._feature("wijken", wijk_props, shapes.wijken[wijk.code])
            for code, name in zip(wijk.buurt_codes, wijk.buurt_names, strict=True):
                props = {**wijk_props, "buurtcode": code, "buurtnaam": name}
                self._feature("buurten", props, shapes.buurten[code])

    def _feature(self, layer: str, props: dict[str, Any], geom: Geometry) -> None:
        feature = {
            "type": "Feature",
            "properties": {**props, "water": "NEE", "synthetisch": True},
            "geometry": _to_wgs84(geom, self._transformer),
        }
        self._features[layer].append(feature)

    def write(self, folder: Path) -> dict[str, Path]:
        folder.mkdir(parents=True, exist_ok=True)
        paths = {}
        for layer, features in self._features.items():
            path = folder / f"{layer}.geojson"
            collection = {
                "type": "FeatureCollection",
                "name": f"synthetische_{layer}_{self.year}",
                "description": (
                    f"Synthetische {layer} (gegenereerd door stuurdata demo; fictief, geen echte "
                    "gebiedsindeling). Coördinaten in WGS84."
                ),
                "features": features,
            }
            path.write_text(
                json.dumps(collection, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
            )
            paths[layer] = path
        return paths
