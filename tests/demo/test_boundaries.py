# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import shapely

from stuurdata.areas import AreaLevel, load_area_set
from stuurdata.areas.load import read_boundary_file
from stuurdata.demo.boundaries import (
    BoundaryWriter,
    gemeente_shapes,
    random_points_in,
    subdivide,
)
from stuurdata.demo.plan import plan_region


@pytest.fixture(scope="module")
def region_shapes() -> tuple:
    region = plan_region(42)
    shapes = gemeente_shapes(region, 42)
    parts = [subdivide(g, s, 42) for g, s in zip(region.gemeenten, shapes, strict=True)]
    return region, shapes, parts


def test_levels_nest_exactly(region_shapes: tuple) -> None:
    region, shapes, parts = region_shapes
    union = shapely.union_all(shapes)
    assert union.area == pytest.approx(3 * 10_000**2, rel=1e-9)
    for gemeente, shape, part in zip(region.gemeenten, shapes, parts, strict=True):
        assert shape.is_valid and shape.area > 0
        wijken = [part.wijken[w.code] for w in gemeente.wijken]
        assert sum(w.area for w in wijken) == pytest.approx(shape.area, rel=1e-9)
        assert shapely.union_all(wijken).symmetric_difference(shape).area < 1e-3
        for wijk in gemeente.wijken:
            buurten = [part.buurten[c] for c in wijk.buurt_codes]
            assert all(b.is_valid and b.area > 10_000 for b in buurten)
            assert sum(b.area for b in buurten) == pytest.approx(
                part.wijken[wijk.code].area, rel=1e-9
            )
            for buurt in buurten:
                assert buurt.difference(part.wijken[wijk.code]).area < 1e-3


def test_base_region_lies_in_the_planned_rd_area(region_shapes: tuple) -> None:
    _, shapes, _ = region_shapes
    minx, miny, maxx, maxy = shapely.union_all(shapes).bounds
    assert (minx, miny, maxx, maxy) == pytest.approx((90_000, 470_000, 110_000, 490_000))


def test_gemeenten_do_not_overlap(region_shapes: tuple) -> None:
    _, shapes, _ = region_shapes
    for i, a in enumerate(shapes):
        for b in shapes[i + 1 :]:
            assert a.intersection(b).area < 1e-3


def test_random_points_fall_inside() -> None:
    poly = shapely.Polygon([(0, 0), (100, 0), (100, 10), (10, 10), (10, 100), (0, 100)])
    pts = random_points_in(poly, 500, np.random.default_rng(1))
    assert pts.shape == (500, 2)
    assert shapely.contains_xy(poly, pts[:, 0], pts[:, 1]).all()


def test_geojson_is_cbs_like_and_loads_with_the_areas_reader(
    region_shapes: tuple, tmp_path: Path
) -> None:
    region, _, parts = region_shapes
    writer = BoundaryWriter(2025)
    for gemeente, part in zip(region.gemeenten, parts, strict=True):
        writer.add(gemeente, part)
    paths = writer.write(tmp_path)
    data = json.loads(paths["buurten"].read_text(encoding="utf-8"))
    props = data["features"][0]["properties"]
    for field in (
        "jaarcode",
        "gemeentecode",
        "gemeentenaam",
        "wijkcode",
        "wijknaam",
        "buurtcode",
        "buurtnaam",
    ):
        assert field in props
    assert "synthetisch" in data["description"].lower()
    lon, lat = data["features"][0]["geometry"]["coordinates"][0][0]
    assert 3.0 < lon < 7.5 and 50.5 < lat < 53.7  # WGS84, in the Netherlands
    buurten = read_boundary_file(paths["buurten"], AreaLevel.BUURT, 2025)
    assert len(buurten) == 65
    areas = load_area_set(paths["gemeenten"], [paths["wijken"]], [paths["buurten"]], 2025)
    assert areas.codes(AreaLevel.GEMEENTE) == {"GM9901", "GM9902", "GM9903"}
    assert len(areas.codes(AreaLevel.BUURT)) == 65
