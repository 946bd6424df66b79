# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import numpy as np

from stuurdata.demo.bsn import bsn_numbers, elfproef, index_width


def test_elfproef_known_values() -> None:
    assert elfproef("111222333")
    assert elfproef("123456782")
    assert not elfproef("123456789")
    assert not elfproef("12345678")
    assert not elfproef("12345678a")


def test_generated_numbers_are_valid_unique_and_disjoint() -> None:
    a = bsn_numbers(0, 50_000, seed=42)
    b = bsn_numbers(index_width(50_000), 50_000, seed=42)
    assert len(np.unique(a)) == 50_000
    assert not set(a.tolist()) & set(b.tolist())
    assert all(elfproef(str(n)) for n in a[:5000].tolist())
    assert int(a.min()) >= 100_000_000 and int(a.max()) <= 999_999_999


def test_same_seed_same_numbers() -> None:
    assert np.array_equal(bsn_numbers(10, 100, seed=1), bsn_numbers(10, 100, seed=1))
    assert not np.array_equal(bsn_numbers(10, 100, seed=1), bsn_numbers(10, 100, seed=2))
