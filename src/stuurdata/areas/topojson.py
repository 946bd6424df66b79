# SPDX-License-Identifier: EUPL-1.2
"""A TopoJSON decoder for polygon layers (the CBS gebiedsindelingen in TopoJSON).

Arcs are delta-encoded and quantised when the topology has a ``transform``; a ring is the
concatenation of its arcs, a negative index ``~i`` meaning arc ``i`` reversed, the first point of
each following arc dropped (it repeats the last point of the previous one). Rings with fewer
than four points (quantisation can collapse small areas) are dropped; the caller reports the
resulting empty shapes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import shapely

Arcs = list[npt.NDArray[np.float64]]


class TopoJSONError(ValueError):
    """The topology does not follow the TopoJSON specification."""


def decode_arcs(topology: dict[str, Any]) -> Arcs:
    """All arcs as absolute coordinates (delta decoding and transform applied)."""
    raw = topology.get("arcs")
    if not isinstance(raw, list):
        raise TopoJSONError("'arcs' ontbreekt of is geen lijst")
    transform = topology.get("transform")
    lengths = np.array([len(arc) for arc in raw], dtype=np.int64)
    flat = [pos[:2] for arc in raw for pos in arc]
    if not flat:
        return [np.empty((0, 2)) for _ in raw]
    coords = np.asarray(flat, dtype=np.float64)
    if coords.ndim != 2 or coords.shape[1] != 2:
        raise TopoJSONError("een arc-positie heeft geen x en y")
    if transform is not None:
        try:
            scale = np.asarray(transform["scale"], dtype=np.float64)
            translate = np.asarray(transform["translate"], dtype=np.float64)
        except (KeyError, TypeError, ValueError) as exc:
            raise TopoJSONError("'transform' mist 'scale' of 'translate'") from exc
        # Delta decoding per arc: cumulative sum over all, minus the sum before each arc's start.
        total = np.cumsum(coords, axis=0)
        ends = np.cumsum(lengths)
        starts = ends - lengths
        before = np.zeros((len(raw), 2))
        nonempty = lengths > 0
        before[nonempty] = total[starts[nonempty]] - coords[starts[nonempty]]
        coords = (total - np.repeat(before, lengths, axis=0)) * scale + translate
    return np.split(coords, np.cumsum(lengths)[:-1])


def _ring(indices: list[int], arcs: Arcs) -> npt.NDArray[np.float64]:
    parts = []
    for position, index in enumerate(indices):
        if not isinstance(index, int) or index >= len(arcs) or ~index >= len(arcs):
            raise TopoJSONError(f"arc-index {index!r} bestaat niet")
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        parts.append(arc if position == 0 else arc[1:])
    return np.concatenate(parts) if parts else np.empty((0, 2))


def _distinct(ring: npt.NDArray[np.float64]) -> int:
    return len({(x, y) for x, y in ring.tolist()})


def _polygon(rings: list[list[int]], arcs: Arcs) -> Any | None:
    decoded = [_ring(r, arcs) for r in rings]
    if not decoded or _distinct(decoded[0]) < 3:
        return None
    holes = [h for h in decoded[1:] if _distinct(h) >= 3]
    return shapely.Polygon(decoded[0], holes)


def decode_geometry(geometry: dict[str, Any], arcs: Arcs) -> Any | None:
    """A shapely geometry for one TopoJSON geometry object (``None`` for a null geometry).

    Collapsed polygons give an empty geometry; point and line types are refused.
    """
    kind = geometry.get("type")
    if kind is None:
        return None
    if kind == "Polygon":
        polygon = _polygon(geometry.get("arcs", []), arcs)
        return shapely.Polygon() if polygon is None else polygon
    if kind == "MultiPolygon":
        parts = [_polygon(p, arcs) for p in geometry.get("arcs", [])]
        kept = [p for p in parts if p is not None]
        return shapely.MultiPolygon(kept) if kept else shapely.MultiPolygon()
    raise TopoJSONError(f"geometrietype {kind!r} wordt niet ondersteund (alleen (Multi)Polygon)")


def iter_objects(topology: dict[str, Any]) -> list[dict[str, Any]]:
    """The geometry objects of all named objects, GeometryCollections flattened, in file order."""
    if topology.get("type") != "Topology":
        raise TopoJSONError("geen TopoJSON: 'type' is niet 'Topology'")
    objects = topology.get("objects")
    if not isinstance(objects, dict) or not objects:
        raise TopoJSONError("'objects' ontbreekt of is leeg")
    out: list[dict[str, Any]] = []

    def walk(obj: dict[str, Any]) -> None:
        if obj.get("type") == "GeometryCollection":
            for child in obj.get("geometries", []):
                walk(child)
        else:
            out.append(obj)

    for obj in objects.values():
        walk(obj)
    return out
