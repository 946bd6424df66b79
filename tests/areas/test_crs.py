# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import numpy as np
import pytest
import shapely

from stuurdata.areas.crs import (
    looks_like_rd,
    looks_like_wgs84,
    normalise_crs,
    to_rd,
    to_wgs84,
    transformer,
)

# Onze Lieve Vrouwetoren, Amersfoort: the origin of RD (155000, 463000).
AMERSFOORT_LONLAT = (5.38720621, 52.15517440)


def test_to_rd_puts_amersfoort_at_the_rd_origin() -> None:
    point = to_rd(shapely.Point(*AMERSFOORT_LONLAT))
    assert point.x == pytest.approx(155000, abs=1.0)
    assert point.y == pytest.approx(463000, abs=1.0)


def test_round_trip_and_arrays() -> None:
    geoms = np.array([shapely.box(140000, 470000, 141000, 471000), shapely.Point(100000, 480000)])
    back = to_rd(to_wgs84(geoms))
    assert shapely.equals_exact(back, geoms, tolerance=1e-3).all()
    lon, lat = shapely.get_coordinates(to_wgs84(geoms[1]))[0]
    assert 4 < lon < 5 and 52 < lat < 53  # x/lon first: always_xy


def test_transformer_is_cached() -> None:
    assert transformer("EPSG:4326", "EPSG:28992") is transformer("EPSG:4326", "EPSG:28992")


@pytest.mark.parametrize(
    ("text", "epsg"),
    [
        ("urn:ogc:def:crs:EPSG::28992", "EPSG:28992"),
        ("EPSG:28992", "EPSG:28992"),
        ("urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326"),
        ("EPSG:4326", "EPSG:4326"),
    ],
)
def test_normalise_crs(text: str, epsg: str) -> None:
    assert normalise_crs(text) == epsg


def test_ranges() -> None:
    assert looks_like_rd((90000, 450000, 145000, 480000))
    assert not looks_like_rd((4.5, 52.0, 5.2, 52.3))
    assert looks_like_wgs84((4.5, 52.0, 5.2, 52.3))
    assert not looks_like_wgs84((90000, 450000, 145000, 480000))
    assert not looks_like_rd((900000, 4500000, 950000, 4800000))  # UTM-like: neither
