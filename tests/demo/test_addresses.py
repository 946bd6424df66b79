# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import re

import numpy as np
import pytest
import shapely

from stuurdata.demo.addresses import AddressBook, bag_id, generate_addresses
from stuurdata.demo.boundaries import GemeenteShapes, gemeente_shapes, subdivide
from stuurdata.demo.plan import GemeentePlan, plan_region
from stuurdata.demo.population import generate_households


@pytest.fixture(scope="module")
def book() -> tuple[GemeentePlan, GemeenteShapes, AddressBook, np.ndarray]:
    region = plan_region(42)
    gemeente = region.gemeenten[0]
    shapes = subdivide(gemeente, gemeente_shapes(region, 42)[0], 42)
    households = generate_households(
        gemeente.persons, len(gemeente.buurt_codes), 1, np.random.default_rng(5)
    )
    result = generate_addresses(gemeente, shapes, households.buurt, 1000, np.random.default_rng(6))
    return gemeente, shapes, result, households.buurt


def test_every_verblijfsobject_lies_in_its_buurt(book: tuple) -> None:
    gemeente, shapes, result, _ = book
    for b, code in enumerate(gemeente.buurt_codes):
        idx = result.vbo_buurt == b
        inside = shapely.contains_xy(shapes.buurten[code], result.vbo_x[idx], result.vbo_y[idx])
        assert inside.all(), code


def test_each_household_has_its_own_dwelling_in_its_buurt(book: tuple) -> None:
    _, _, result, household_buurt = book
    homes = result.household_vbo
    assert len(np.unique(homes)) == len(homes)
    assert (result.vbo_use[homes] == 0).all()
    assert np.array_equal(result.vbo_buurt[homes], household_buurt)
    assert result.vbo_count > len(homes)  # some empty dwellings and non-residential objects


def test_addresses_are_unique_and_postcodes_valid(book: tuple) -> None:
    gemeente, _, result, _ = book
    keys = set(zip(result.postcode.tolist(), result.huisnummer.tolist(), strict=True))
    assert len(keys) == result.vbo_count
    pattern = re.compile(r"[1-9]\d{3}[A-Z]{2}")
    assert all(pattern.fullmatch(p) and p[4:] not in ("SA", "SD", "SS") for p in result.postcode)
    table = result.address_key(gemeente)
    assert table.column_names == ["PC6", "Huisnummer", "Buurt2025", "Wijk2025", "Gemeente2025"]
    assert set(table.column("Gemeente2025").to_pylist()) == {gemeente.digits}


def test_bag_identifiers_have_the_bag_shape() -> None:
    ids = bag_id("9901", 1, np.arange(3, dtype=np.int64))
    assert [str(i) for i in ids] == ["9901010000000001", "9901010000000002", "9901010000000003"]
    assert str(bag_id("9901", 10, np.array([0]))[0]) == "9901100000000001"
