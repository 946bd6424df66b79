# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
import shapely

from stuurdata.areas.topojson import TopoJSONError, decode_arcs, decode_geometry, iter_objects


def topology(**objects: Any) -> dict[str, Any]:
    """Two unit squares side by side sharing the arc x=1, quantised with scale 0.5 and delta
    encoded; plus a separate square with a hole.

    Quantised grid: x = qx * 0.5 + 10, y = qy * 0.5 + 50.
    arc 0: (1,0) -> (0,0) -> (0,1) -> (1,1)         left square, outer part
    arc 1: (1,1) -> (1,0)                           the shared edge
    arc 2: (1,1) -> (2,1) -> (2,0) -> (1,0)         right square, outer part
    """
    absolute = [
        [[2, 0], [0, 0], [0, 2], [2, 2]],
        [[2, 2], [2, 0]],
        [[2, 2], [4, 2], [4, 0], [2, 0]],
        [[10, 0], [16, 0], [16, 6], [10, 6], [10, 0]],  # outer ring of the holed square
        [[12, 2], [12, 4], [14, 4], [14, 2], [12, 2]],  # hole
        [[20, 0], [20, 0], [20, 0], [20, 0]],  # a ring collapsed by quantisation
    ]
    arcs = []
    for arc in absolute:
        deltas = [arc[0]] + [[b[0] - a[0], b[1] - a[1]] for a, b in itertools.pairwise(arc)]
        arcs.append(deltas)
    return {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [10, 50]},
        "arcs": arcs,
        "objects": objects,
    }


def test_delta_decoding_and_transform() -> None:
    arcs = decode_arcs(topology(layer={"type": "GeometryCollection", "geometries": []}))
    assert arcs[0].tolist() == [[11, 50], [10, 50], [10, 51], [11, 51]]
    assert arcs[2].tolist() == [[11, 51], [12, 51], [12, 50], [11, 50]]


def test_polygons_share_an_arc_one_reversed() -> None:
    topo = topology()
    arcs = decode_arcs(topo)
    left = decode_geometry({"type": "Polygon", "arcs": [[0, 1]]}, arcs)
    right = decode_geometry({"type": "Polygon", "arcs": [[2, ~1]]}, arcs)
    assert left.equals(shapely.box(10, 50, 11, 51))
    assert right.equals(shapely.box(11, 50, 12, 51))
    assert left.is_valid and right.is_valid
    assert left.intersection(right).length == pytest.approx(1.0)  # they share the edge


def test_multipolygon_with_hole_and_collapsed_parts() -> None:
    arcs = decode_arcs(topology())
    holed = decode_geometry({"type": "MultiPolygon", "arcs": [[[3], [4]], [[5]]]}, arcs)
    assert holed.geom_type == "MultiPolygon"
    assert len(holed.geoms) == 1  # the collapsed ring is dropped
    assert holed.area == pytest.approx(9 - 1)
    collapsed = decode_geometry({"type": "Polygon", "arcs": [[5]]}, arcs)
    assert collapsed.is_empty
    assert decode_geometry({"type": None}, arcs) is None


def test_refuses_bad_input() -> None:
    arcs = decode_arcs(topology())
    with pytest.raises(TopoJSONError, match="arc-index"):
        decode_geometry({"type": "Polygon", "arcs": [[0, 99]]}, arcs)
    with pytest.raises(TopoJSONError, match="LineString"):
        decode_geometry({"type": "LineString", "arcs": [0]}, arcs)
    with pytest.raises(TopoJSONError, match="Topology"):
        iter_objects({"type": "FeatureCollection"})
    with pytest.raises(TopoJSONError, match="objects"):
        iter_objects({"type": "Topology", "arcs": []})


def test_untransformed_topology_uses_absolute_coordinates() -> None:
    topo = {"type": "Topology", "arcs": [[[0.5, 0.5], [1.5, 0.5], [1.5, 1.5], [0.5, 0.5]]]}
    assert decode_arcs(topo)[0].tolist() == [[0.5, 0.5], [1.5, 0.5], [1.5, 1.5], [0.5, 0.5]]


def test_nested_geometry_collections_are_flattened() -> None:
    inner = {"type": "GeometryCollection", "geometries": [{"type": "Polygon", "arcs": [[0, 1]]}]}
    topo = topology(a=inner, b={"type": "Polygon", "arcs": [[2, ~1]], "id": "x"})
    assert [o.get("id") for o in iter_objects(topo)] == [None, "x"]


def test_real_2014_wijken(boundaries: Path) -> None:
    topo = json.loads((boundaries / "nl_wijken_2014_wgs84_q1e3.topojson").read_text())
    arcs = decode_arcs(topo)
    objects = iter_objects(topo)
    assert len(objects) == 2738
    shapes = [decode_geometry(o, arcs) for o in objects]
    non_empty = [s for s in shapes if not s.is_empty]
    assert len(non_empty) > 2600
    minx, miny, maxx, maxy = shapely.total_bounds(non_empty)
    assert 3.3 < minx < maxx < 7.3 and 50.7 < miny < maxy < 53.6  # the Netherlands in lon/lat
    # the country's land area from the (coarse) wijken, in RD, is about 41,500 km² incl. water
    from stuurdata.areas.crs import to_rd

    total = shapely.area(to_rd(shapely.union_all(shapely.make_valid(non_empty)))) / 1e6
    assert 30_000 < total < 45_000
