# SPDX-License-Identifier: EUPL-1.2
"""Small synthetic area trees and cubes for the disclosure tests (hypothesis strategies too)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pyarrow as pa
from hypothesis import strategies as st


@dataclass
class Tree:
    """Areas with exact, consistent counts: parent = sum of children, region = sum of members."""

    codes: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    populations: list[float] = field(default_factory=list)
    hierarchy: dict[str, str | None] = field(default_factory=dict)
    regions: dict[str, list[str]] = field(default_factory=dict)

    def add(self, code: str, level: str, parent: str | None, value: float, pop: float) -> None:
        self.codes.append(code)
        self.levels.append(level)
        self.values.append(value)
        self.populations.append(pop)
        if level != "regio":
            self.hierarchy[code] = parent

    def value_of(self, code: str) -> float:
        return self.values[self.codes.index(code)]

    def cube(self, indicator: str = "wmo", period: str = "2024", kind: str = "count") -> pa.Table:
        n = len(self.codes)
        return pa.table(
            {
                "indicator": [indicator] * n,
                "period": [period] * n,
                "area_code": self.codes,
                "area_level": self.levels,
                "value": pa.array(self.values, pa.float64()),
                "numerator": pa.array([None] * n, pa.float64()),
                "denominator": pa.array([None] * n, pa.float64()),
                "population": pa.array(self.populations, pa.float64()),
                "kind": [kind] * n,
            }
        )


def build_tree(
    gemeenten: Sequence[Sequence[Sequence[int]]],
    regions: Sequence[Sequence[int]] = (),
    populations: Sequence[int] | None = None,
) -> Tree:
    """``gemeenten[g][w]`` lists the buurt counts of wijk ``w`` of gemeente ``g``.

    ``regions`` lists gemeente indexes per region; ``populations`` (cycled) gives buurt
    populations, summed upwards like the counts.
    """
    tree = Tree()
    pops = list(populations or [1000])
    counter = 0
    for g, wijken in enumerate(gemeenten):
        gm = f"GM{g + 1:04d}"
        rows: list[tuple[str, str, str | None, float, float]] = []
        g_total = g_pop = 0.0
        for w, buurten in enumerate(wijken):
            wk = f"WK{g + 1:04d}{w:02d}"
            w_total = w_pop = 0.0
            for b, count in enumerate(buurten):
                pop = float(pops[counter % len(pops)])
                counter += 1
                rows.append((f"BU{g + 1:04d}{w:02d}{b:02d}", "buurt", wk, float(count), pop))
                w_total += count
                w_pop += pop
            rows.append((wk, "wijk", gm, w_total, w_pop))
            g_total += w_total
            g_pop += w_pop
        rows.append((gm, "gemeente", None, g_total, g_pop))
        for row in rows:
            tree.add(*row)
    for r, members in enumerate(regions):
        codes = [f"GM{g + 1:04d}" for g in sorted(set(members))]
        code = f"RG{r + 1:02d}"
        tree.regions[code] = codes
        total = sum(tree.value_of(c) for c in codes)
        pop = sum(tree.populations[tree.codes.index(c)] for c in codes)
        tree.add(code, "regio", None, total, pop)
    return tree


small_counts = st.one_of(st.integers(0, 9), st.integers(0, 30))
"""Buurt counts 0..30, with extra weight on the secret range and its edge."""


@st.composite
def gemeente_shapes(draw: st.DrawFn, max_wijken: int = 5, max_buurten: int = 6) -> list[list[int]]:
    n_wijken = draw(st.integers(1, max_wijken))
    return [draw(st.lists(small_counts, min_size=1, max_size=max_buurten)) for _ in range(n_wijken)]


@st.composite
def trees(draw: st.DrawFn, max_gemeenten: int = 3, with_regions: bool = True) -> Tree:
    """Random small hierarchies: gemeente -> 1..5 wijken -> 1..6 buurten, counts 0..30."""
    n = draw(st.integers(1, max_gemeenten))
    gemeenten = [draw(gemeente_shapes()) for _ in range(n)]
    regions: list[list[int]] = []
    if with_regions and n > 1 and draw(st.booleans()):
        regions.append(list(range(n)))
        if n > 2 and draw(st.booleans()):  # a second, overlapping region
            regions.append(draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=n)))
    pops = draw(st.lists(st.integers(0, 200), min_size=1, max_size=5))
    return build_tree(gemeenten, regions, pops)
