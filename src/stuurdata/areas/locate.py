# SPDX-License-Identifier: EUPL-1.2
"""Point-in-area lookup for many RD points at once.

A regular grid over the areas is built once (shapely STRtree on the cell boxes): a cell lies
wholly inside one area, touches no area, or is *mixed*. Points in the first two kinds of cell are
answered by array indexing; only points in mixed cells are tested exactly against their few
candidate areas (``shapely.intersects_xy``, prepared geometries). Ten million points take a few
seconds. Small batches skip the grid and query the STRtree directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import shapely

if TYPE_CHECKING:
    from stuurdata.areas.model import Area

GRID_CELLS = 512
"""Cells along the longest side of the grid."""
SMALL = 50_000
"""Batches up to this many points skip the grid."""
CHUNK = 2_000_000

_EMPTY = -1
_MIXED = -2


class Locator:
    """Finds the area holding each point. A point on a shared border gets the lowest code."""

    def __init__(self, areas: Sequence[Area]) -> None:
        with_shape = sorted((a for a in areas if a.geometry_rd is not None), key=lambda a: a.code)
        self._codes = np.array([a.code for a in with_shape] + [None], dtype=object)
        self._geoms = np.empty(len(with_shape), dtype=object)
        self._geoms[:] = [a.geometry_rd for a in with_shape]
        shapely.prepare(self._geoms)
        self._tree = shapely.STRtree(self._geoms)
        self._grid: _Grid | None = None

    @property
    def _missing(self) -> int:
        return len(self._codes) - 1

    def locate(self, x: npt.ArrayLike, y: npt.ArrayLike) -> npt.NDArray[np.object_]:
        xs = np.asarray(x, dtype=np.float64).ravel()
        ys = np.asarray(y, dtype=np.float64).ravel()
        if xs.shape != ys.shape:
            raise ValueError("x en y moeten even lang zijn")
        hit = np.full(xs.shape, self._missing, dtype=np.int64)
        if len(self._geoms) and len(xs) <= SMALL:
            self._exact(xs, ys, np.arange(len(xs)), hit)
        elif len(self._geoms):
            if self._grid is None:
                self._grid = _Grid(self._geoms, self._tree)
            for start in range(0, len(xs), CHUNK):
                part = slice(start, start + CHUNK)
                hit[part] = self._grid.lookup(xs[part], ys[part], self._geoms, self._missing)
        return self._codes[hit]

    def _exact(
        self,
        xs: npt.NDArray[np.float64],
        ys: npt.NDArray[np.float64],
        index: npt.NDArray[np.int64],
        hit: npt.NDArray[np.int64],
    ) -> None:
        points = shapely.points(xs[index], ys[index])
        source, target = self._tree.query(points, predicate="intersects")
        order = np.lexsort((target, source))[::-1]
        hit[index[source[order]]] = target[order]  # last write wins: the lowest area index


class _Grid:
    def __init__(self, geoms: npt.NDArray[np.object_], tree: shapely.STRtree) -> None:
        minx, miny, maxx, maxy = shapely.total_bounds(geoms)
        self.size = max(maxx - minx, maxy - miny, 1.0) / GRID_CELLS
        self.minx, self.miny = minx, miny
        self.nx = int((maxx - minx) // self.size) + 1
        self.ny = int((maxy - miny) // self.size) + 1
        iy, ix = np.divmod(np.arange(self.nx * self.ny), self.nx)
        x0 = minx + ix * self.size
        y0 = miny + iy * self.size
        boxes = shapely.box(x0, y0, x0 + self.size, y0 + self.size)
        cell, area = tree.query(boxes, predicate="intersects")
        order = np.lexsort((area, cell))
        cell, area = cell[order], area[order]
        count = np.bincount(cell, minlength=len(boxes))
        self.start = np.concatenate([[0], np.cumsum(count)[:-1]])
        self.count = count
        self.area = area
        state = np.full(len(boxes), _MIXED, dtype=np.int64)
        state[count == 0] = _EMPTY
        single = np.flatnonzero(count == 1)
        owner = area[self.start[single]]
        inside = shapely.contains_properly(geoms[owner], boxes[single])
        state[single[inside]] = owner[inside]
        self.state = state

    def lookup(
        self,
        xs: npt.NDArray[np.float64],
        ys: npt.NDArray[np.float64],
        geoms: npt.NDArray[np.object_],
        missing: int,
    ) -> npt.NDArray[np.int64]:
        hit = np.full(xs.shape, missing, dtype=np.int64)
        with np.errstate(invalid="ignore"):
            ix = np.floor((xs - self.minx) / self.size)
            iy = np.floor((ys - self.miny) / self.size)
        on_grid = (ix >= 0) & (ix < self.nx) & (iy >= 0) & (iy < self.ny)
        points = np.flatnonzero(on_grid)
        cells = (iy[points] * self.nx + ix[points]).astype(np.int64)
        state = self.state[cells]
        pure = state >= 0
        hit[points[pure]] = state[pure]
        mixed = state == _MIXED
        points, cells = points[mixed], cells[mixed]
        counts = self.count[cells]
        pair_point = np.repeat(points, counts)
        first = np.repeat(self.start[cells], counts)
        offset = np.arange(len(pair_point)) - np.repeat(np.cumsum(counts) - counts, counts)
        pair_area = self.area[first + offset]
        inside = shapely.intersects_xy(geoms[pair_area], xs[pair_point], ys[pair_point])
        # Pairs are sorted by point, then area: reversed assignment keeps the lowest area.
        hit[pair_point[inside][::-1]] = pair_area[inside][::-1]
        return hit
