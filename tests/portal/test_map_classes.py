# SPDX-License-Identifier: EUPL-1.2
"""Class breaks of the choropleth: quantiles, exact Jenks, class membership, the palette."""

from __future__ import annotations

import itertools
import time

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from stuurdata.portal.map_classes import (
    MAX_CLASSES,
    BreakMethod,
    breaks_for,
    class_of,
    jenks_breaks,
    palette,
    quantile_breaks,
)


def _within_class_variance(values: list[float], breaks: list[float]) -> float:
    classes: dict[int, list[float]] = {}
    for v in values:
        classes.setdefault(class_of(v, breaks), []).append(v)
    return sum(float(np.var(c) * len(c)) for c in classes.values())


def test_quantiles_put_as_many_values_in_each_class() -> None:
    values = [float(v) for v in range(1, 101)]
    breaks = quantile_breaks(values)
    assert breaks == [1.0, 20.0, 40.0, 60.0, 80.0, 100.0]
    sizes = [sum(class_of(v, breaks) == i for v in values) for i in range(5)]
    assert sizes == [20, 20, 20, 20, 20]


def test_jenks_finds_the_natural_groups() -> None:
    values = [1.0, 2.0, 3.0, 10.0, 11.0, 12.0, 20.0, 21.0, 22.0]
    assert jenks_breaks(values, 3) == [1.0, 3.0, 12.0, 22.0]
    assert breaks_for(BreakMethod.JENKS, values)[0] == 1.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 50), min_size=4, max_size=8))
def test_jenks_is_optimal_against_brute_force(ints: list[int]) -> None:
    values = sorted(float(v) for v in ints)
    distinct = sorted(set(values))
    k = min(3, len(distinct))
    best = min(
        _within_class_variance(values, [distinct[0], *cut, distinct[-1]])
        for cut in itertools.combinations(distinct[:-1], k - 1)
    )
    found = jenks_breaks(values, k)
    assert len(found) - 1 <= k
    assert _within_class_variance(values, found) <= best + 1e-9


def test_class_of_upper_bounds_are_inclusive() -> None:
    breaks = [0.0, 10.0, 20.0]
    assert class_of(0.0, breaks) == 0
    assert class_of(10.0, breaks) == 0
    assert class_of(10.0001, breaks) == 1
    assert class_of(20.0, breaks) == 1
    assert class_of(99.0, breaks) == 1  # clamped, never out of the legend


def test_equal_values_make_one_class_and_no_values_none() -> None:
    assert quantile_breaks([5.0, 5.0, 5.0]) == [5.0, 5.0]
    assert jenks_breaks([5.0, 5.0]) == [5.0, 5.0]
    assert quantile_breaks([]) == [] and jenks_breaks([]) == []


def test_jenks_on_many_values_is_sampled_and_fast() -> None:
    values = np.random.default_rng(1).lognormal(size=20_000).tolist()
    started = time.perf_counter()
    breaks = jenks_breaks(values)
    assert time.perf_counter() - started < 5
    assert len(breaks) == MAX_CLASSES + 1 and breaks == sorted(breaks)
    assert breaks[0] == min(values) and breaks[-1] == max(values)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_palette_runs_from_light_to_dark_for_every_class_count() -> None:
    for classes in range(1, MAX_CLASSES + 1):
        colours = palette(classes)
        assert len(set(colours)) == classes
        shades = [_luminance(c) for c in colours]
        assert shades == sorted(shades, reverse=True)
