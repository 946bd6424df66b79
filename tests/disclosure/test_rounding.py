# SPDX-License-Identifier: EUPL-1.2
"""Keyed random rounding: unbiased, reproducible per seed, independent between seeds."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from stuurdata.disclosure.rounding import cell_coin, cell_coins, random_round

N = 20_000


def _cells(n: int = N) -> tuple[pa.Array, pa.Array, pa.Array]:
    return (
        pa.array(["wmo"] * n),
        pa.array(["2024"] * n),
        pa.array([f"BU{i:08d}" for i in range(n)]),
    )


def test_coins_match_plain_hmac_and_are_uniform() -> None:
    coins = cell_coins(b"geheim", *_cells())
    sample = np.random.default_rng(1).choice(N, 300, replace=False)
    expected = [cell_coin(b"geheim", "wmo", "2024", f"BU{i:08d}") for i in sample.tolist()]
    assert coins[sample].tolist() == expected
    assert ((coins >= 0) & (coins < 1)).all()
    assert abs(coins.mean() - 0.5) < 0.01
    histogram, _ = np.histogram(coins, bins=10, range=(0, 1))
    assert histogram.min() > 0.9 * N / 10


@pytest.mark.parametrize("seed", [b"", b"kort", b"s" * 64, b"s" * 100])
def test_duckdb_and_python_coins_agree(seed: bytes) -> None:
    many = cell_coins(seed, *_cells())  # N cells: computed in DuckDB
    few = cell_coins(seed, *(a[:3] for a in _cells()))  # computed in Python
    assert many[:3].tolist() == few.tolist()
    assert few.tolist() == [cell_coin(seed, "wmo", "2024", f"BU{i:08d}") for i in range(3)]


def test_same_seed_same_rounding_other_seed_other_rounding() -> None:
    values = np.arange(N, dtype=np.float64) % 30
    first = random_round(values, 5, cell_coins(b"release-1", *_cells()))
    again = random_round(values, 5, cell_coins(b"release-1", *_cells()))
    other = random_round(values, 5, cell_coins(b"release-2", *_cells()))
    assert (first == again).all()
    assert 0.2 < (first != other).mean() < 0.6  # only non-multiples of 5 can differ


def test_rounding_is_unbiased_and_to_multiples() -> None:
    rng = np.random.default_rng(7)
    values = rng.integers(0, 1000, N).astype(np.float64)
    rounded = random_round(values, 5, cell_coins(b"k", *_cells()))
    assert (rounded % 5 == 0).all()
    assert (np.abs(rounded - values) < 5).all()
    assert abs((rounded - values).mean()) < 0.05  # std of the mean ~ 1.4/sqrt(N) = 0.01
    # per remainder: up with probability r/5
    for r in range(1, 5):
        up = rounded[values % 5 == r] > values[values % 5 == r]
        assert abs(up.mean() - r / 5) < 0.03


def test_multiples_stay_and_other_bases_work() -> None:
    coins = np.array([0.0, 0.99, 0.5, 0.5])
    assert random_round(np.array([10.0, 10.0, 13.0, 17.0]), 5, coins).tolist() == [10, 10, 15, 15]
    assert random_round(np.array([14.0]), 10, np.array([0.5])).tolist() == [10.0]
    empty = pa.array([], pa.string())
    assert cell_coins(b"k", empty, empty, empty).size == 0
