# SPDX-License-Identifier: EUPL-1.2
"""The cube contract: malformed cubes are refused with a Dutch message."""

from __future__ import annotations

import pyarrow as pa
import pytest

from stuurdata.disclosure import DisclosureError
from stuurdata.disclosure.cube import read_cube

from .areas import build_tree


def _cube() -> pa.Table:
    return build_tree([[[1, 2], [3]]]).cube()


def test_reads_a_valid_cube() -> None:
    cube = read_cube(_cube())
    assert cube.n == 6
    assert cube.indicators == ["wmo"]
    assert cube.numbers["value"].tolist() == [1, 2, 3, 3, 3, 6]
    assert cube.level_code.tolist() == [0, 0, 1, 0, 1, 2]


def test_integer_numbers_and_large_strings_are_accepted() -> None:
    table = _cube()
    table = table.set_column(4, "value", pa.array([1, 2, 3, 3, 3, 6], pa.int64()))
    table = table.set_column(2, "area_code", table["area_code"].cast(pa.large_string()))
    assert read_cube(table).numbers["value"].dtype == "float64"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.drop_columns(["population", "kind"]), "mist kolom.*kind, population"),
        (
            lambda t: t.set_column(8, "kind", pa.array(["aantal"] * 6)),
            "onbekende waarden \\['aantal'\\]",
        ),
        (lambda t: t.set_column(3, "area_level", pa.array(["provincie"] * 6)), "area_level"),
        (lambda t: t.set_column(1, "period", pa.array([None] * 6, pa.string())), "lege waarden"),
        (lambda t: t.set_column(4, "value", pa.array(["x"] * 6)), "kolom 'value'"),
        (lambda t: pa.concat_tables([t, t.slice(0, 1)]), "BU00010000.*meer dan eens"),
    ],
)
def test_malformed_cubes_are_refused(change: object, message: str) -> None:
    with pytest.raises(DisclosureError, match=message):
        read_cube(change(_cube()))  # type: ignore[operator]
