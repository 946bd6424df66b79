# SPDX-License-Identifier: EUPL-1.2
"""Class breaks of a choropleth: quantiles or Jenks natural breaks, and a colour-blind safe palette.

Computed on the server so the legend, the table without JavaScript and the map agree. Breaks are
``[minimum, upper bound of class 1, ..., maximum]``; a value belongs to the first class whose
upper bound it does not exceed (:func:`class_of`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from enum import StrEnum
from typing import Final

import numpy as np

MAX_CLASSES: Final = 5
JENKS_SAMPLE: Final = 2000
"""Jenks is quadratic in the number of values: above this many a sorted, evenly spaced sample
(keeping minimum and maximum) is classified instead."""

# viridis (matplotlib, CC0): perceptually uniform and readable with every common colour-vision
# deficiency; light to dark, so higher values are darker.
_VIRIDIS: Final[dict[int, tuple[str, ...]]] = {
    1: ("#21918c",),
    2: ("#fde725", "#3b528b"),
    3: ("#fde725", "#21918c", "#440154"),
    4: ("#fde725", "#35b779", "#31688e", "#440154"),
    5: ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"),
}
NO_DATA_COLOUR: Final = "#ffffff"
SUPPRESSED_COLOUR: Final = "#d4d4d4"
"""Background of the hatching of suppressed areas (the hatch lines are drawn darker)."""


class BreakMethod(StrEnum):
    """How class breaks are chosen."""

    QUANTILES = "kwantielen"
    """Each class holds about as many areas."""
    JENKS = "jenks"
    """Natural breaks: classes with the least variance within them (Fisher-Jenks)."""


def palette(classes: int) -> tuple[str, ...]:
    """``classes`` colours (1 to :data:`MAX_CLASSES`), light to dark."""
    return _VIRIDIS[max(1, min(MAX_CLASSES, classes))]


def _distinct(breaks: Sequence[float]) -> list[float]:
    """Breaks without repeats, except that the first class may be the minimum alone
    (``[0, 0, 1]``: class 1 is exactly 0, class 2 is above 0 up to 1)."""
    found: list[float] = []
    for value in breaks:
        if len(found) < 2 or value > found[-1]:
            found.append(float(value))
    return found


def quantile_breaks(values: Sequence[float], classes: int = MAX_CLASSES) -> list[float]:
    """Breaks at the quantiles ``i / classes`` (fewer when values repeat); empty without values."""
    if not values:
        return []
    data = np.sort(np.asarray(values, dtype=float))
    k = max(1, classes)
    cuts = np.quantile(data, [i / k for i in range(1, k)], method="inverted_cdf")
    return _distinct([float(data[0]), *cuts.tolist(), float(data[-1])])


def jenks_breaks(values: Sequence[float], classes: int = MAX_CLASSES) -> list[float]:
    """Fisher-Jenks natural breaks (exact on up to :data:`JENKS_SAMPLE` values)."""
    if not values:
        return []
    data = np.sort(np.asarray(values, dtype=float))
    if data.size > JENKS_SAMPLE:
        data = data[np.linspace(0, data.size - 1, JENKS_SAMPLE).round().astype(int)]
    n = int(data.size)
    k = max(1, min(classes, len(np.unique(data))))
    if k == 1:
        return [float(data[0]), float(data[-1])]
    sums = np.concatenate(([0.0], np.cumsum(data)))
    squares = np.concatenate(([0.0], np.cumsum(data * data)))
    cost = np.full((n + 1, k + 1), np.inf)
    start = np.zeros((n + 1, k + 1), dtype=int)  # 1-based first element of the last class
    for last in range(1, n + 1):
        first = np.arange(1, last + 1)
        size = last - first + 1
        total = sums[last] - sums[first - 1]
        variance = squares[last] - squares[first - 1] - total * total / size
        cost[last, 1] = variance[0]
        start[last, 1] = 1
        for j in range(2, min(k, last) + 1):
            candidates = variance[1:] + cost[first[1:] - 1, j - 1]
            best = int(np.argmin(candidates))
            cost[last, j] = candidates[best]
            start[last, j] = int(first[1:][best])
    uppers: list[float] = []
    last = n
    for j in range(k, 1, -1):
        first_of_class = int(start[last, j])
        uppers.append(float(data[first_of_class - 2]))
        last = first_of_class - 1
    return _distinct([float(data[0]), *reversed(uppers), float(data[-1])])


def breaks_for(method: BreakMethod, values: Sequence[float]) -> list[float]:
    """The breaks of ``values`` by ``method``."""
    if method is BreakMethod.JENKS:
        return jenks_breaks(values)
    return quantile_breaks(values)


def class_of(value: float, breaks: Sequence[float]) -> int:
    """The 0-based class of ``value``: class ``i`` spans ``(breaks[i], breaks[i + 1]]``, the
    first class includes the minimum."""
    if len(breaks) < 2:
        return 0
    return max(0, min(len(breaks) - 2, bisect_left(breaks, value, 1) - 1))
