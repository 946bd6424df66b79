# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import time

import numpy as np
import pytest
import shapely

from stuurdata.areas import Area, AreaLevel, AreaSet
from stuurdata.areas import locate as locate_module


def test_points_inside_each_wijk(four_gemeenten: AreaSet) -> None:
    wijken = four_gemeenten.areas(AreaLevel.WIJK)
    points = shapely.point_on_surface(np.array([w.geometry_rd for w in wijken]))
    x, y = shapely.get_x(points), shapely.get_y(points)
    found = four_gemeenten.locate(x, y, level=AreaLevel.WIJK)
    assert found.dtype == object
    assert list(found) == [w.code for w in wijken]
    assert list(four_gemeenten.locate(x, y, level=AreaLevel.GEMEENTE)) == [
        w.parent_code for w in wijken
    ]
    # outside every area (Amsterdam, the North Sea, NaN) and no buurten at all in this set
    outside = four_gemeenten.locate(
        np.array([121000.0, 50000.0, np.nan]),
        np.array([487000.0, 500000.0, np.nan]),
        level=AreaLevel.WIJK,
    )
    assert list(outside) == [None, None, None]
    assert list(four_gemeenten.locate(x[:2], y[:2])) == [None, None]  # no buurten: None


def test_grid_and_exact_lookup_agree(
    country_2014: AreaSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = np.random.default_rng(7)
    x = rng.uniform(10_000, 280_000, 200_000)
    y = rng.uniform(300_000, 620_000, 200_000)
    monkeypatch.setattr(locate_module, "SMALL", 10**9)
    exact = locate_module.Locator(country_2014.areas(AreaLevel.BUURT)).locate(x, y)
    monkeypatch.setattr(locate_module, "SMALL", 0)
    monkeypatch.setattr(locate_module, "CHUNK", 70_000)
    grid = locate_module.Locator(country_2014.areas(AreaLevel.BUURT)).locate(x, y)
    assert (exact == grid).all()
    inside = exact[exact != None]  # noqa: E711 - elementwise on an object array
    assert 0.3 < len(inside) / len(x) < 0.7  # the country fills about half the box
    assert {code[:2] for code in inside} == {"BU"}


def test_shared_border_goes_to_the_lowest_code() -> None:
    areas = AreaSet(
        2024,
        [
            Area("GM0001", "G", AreaLevel.GEMEENTE, None, 2024, shapely.box(0, 0, 20, 10)),
            Area("WK000101", "W", AreaLevel.WIJK, "GM0001", 2024, shapely.box(0, 0, 20, 10)),
            Area("BU00010102", "b", AreaLevel.BUURT, "WK000101", 2024, shapely.box(10, 0, 20, 10)),
            Area("BU00010101", "a", AreaLevel.BUURT, "WK000101", 2024, shapely.box(0, 0, 10, 10)),
        ],
    )
    xs = np.array([10.0, 5.0, 15.0, 25.0])
    ys = np.array([5.0, 5.0, 5.0, 5.0])
    expected = ["BU00010101", "BU00010101", "BU00010102", None]
    assert list(areas.locate(xs, ys)) == expected
    big_x = np.tile(xs, 20_000)
    big_y = np.tile(ys, 20_000)
    assert list(areas.locate(big_x, big_y)[:4]) == expected  # through the grid
    with pytest.raises(ValueError, match="even lang"):
        areas.locate(xs, ys[:2])


@pytest.mark.slow
def test_ten_million_points_well_under_a_minute(country_2014: AreaSet) -> None:
    rng = np.random.default_rng(1)
    n = 10_000_000
    x = rng.uniform(13_000, 278_000, n)
    y = rng.uniform(306_000, 619_000, n)
    start = time.perf_counter()
    found = country_2014.locate(x, y)
    seconds = time.perf_counter() - start
    assert len(found) == n
    assert seconds < 30, seconds
    sample = rng.choice(n, 20_000, replace=False)
    exact = locate_module.Locator(country_2014.areas(AreaLevel.BUURT)).locate(x[sample], y[sample])
    assert (exact == found[sample]).all()
