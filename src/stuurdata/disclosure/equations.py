# SPDX-License-Identifier: EUPL-1.2
"""The additive equations of a cube: parent = sum of children, region = sum of gemeenten.

Each child is linked to its *nearest ancestor present in the cube* for the same indicator and
period, so a missing wijk row links buurten straight to their gemeente (the attacker could add
them up just the same). Built with NumPy sorts and binary searches, O(n log n) for all rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from stuurdata.disclosure.cube import LEVELS, Cube
from stuurdata.disclosure.errors import DisclosureError

_MAX_DEPTH = 16
Lookup = Callable[[npt.NDArray[np.int64]], npt.NDArray[np.int64]]


@dataclass(frozen=True)
class Equations:
    """Links between the selected rows (positions index ``rows``)."""

    rows: npt.NDArray[np.int64]  # selected cube rows, sorted by (indicator, period)
    parent: npt.NDArray[np.int64]  # position of the nearest ancestor row, -1 if none
    region: npt.NDArray[np.int64]  # region row position of each (region, member) pair
    member: npt.NDArray[np.int64]  # member row position of each pair


def check_hierarchy(cube: Cube, hierarchy: Mapping[str, str | None]) -> None:
    """Every buurt and wijk row needs a parent in ``hierarchy``, else differencing is unseen."""
    needs_parent = np.isin(cube.level_code, (LEVELS.index("buurt"), LEVELS.index("wijk")))
    areas = np.unique(cube.area_index[needs_parent])
    orphans = [cube.areas[a] for a in areas.tolist() if hierarchy.get(cube.areas[a]) is None]
    if orphans:
        shown = ", ".join(orphans[:10])
        raise DisclosureError(
            f"{len(orphans)} buurt(en)/wijk(en) zonder bovenliggend gebied in de hiërarchie "
            f"({shown}); geef voor elke buurt de wijk en voor elke wijk de gemeente"
        )


def _ancestors(cube: Cube, hierarchy: Mapping[str, str | None]) -> npt.NDArray[np.int64]:
    position = {code: i for i, code in enumerate(cube.areas)}
    chains: list[list[int]] = []
    for code in cube.areas:
        chain: list[int] = []
        seen = {code}
        parent = hierarchy.get(code)
        while parent is not None and parent not in seen and len(seen) <= _MAX_DEPTH:
            seen.add(parent)
            if parent in position:
                chain.append(position[parent])
            parent = hierarchy.get(parent)
        chains.append(chain)
    depth = max((len(c) for c in chains), default=0)
    table = np.full((len(cube.areas), max(depth, 1)), -1, dtype=np.int64)
    for i, chain in enumerate(chains):
        table[i, : len(chain)] = chain
    return table


def build_equations(
    cube: Cube,
    rows: npt.NDArray[np.int64],
    hierarchy: Mapping[str, str | None],
    region_members: Mapping[str, Sequence[str]],
) -> Equations:
    """Link the selected ``rows`` (sorted by group) to their parent and region rows."""
    n_areas = len(cube.areas)
    group = cube.group[rows]
    area = cube.area_index[rows]
    keys = group * n_areas + area
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]

    def lookup(wanted: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        at = np.searchsorted(sorted_keys, wanted)
        at_clipped = np.minimum(at, max(len(sorted_keys) - 1, 0))
        found = (at < len(sorted_keys)) & (sorted_keys[at_clipped] == wanted)
        result: npt.NDArray[np.int64] = np.where(found, order[at_clipped], -1)
        return result

    parent = np.full(len(rows), -1, dtype=np.int64)
    if len(rows):
        ancestors = _ancestors(cube, hierarchy)[area]
        for depth in range(ancestors.shape[1]):
            candidate = ancestors[:, depth]
            open_ = (parent < 0) & (candidate >= 0)
            if not open_.any():
                break
            hits = lookup(group[open_] * n_areas + candidate[open_])
            parent[np.flatnonzero(open_)] = hits

    region, member = _region_pairs(cube, group, area, lookup, region_members)
    return Equations(rows=rows, parent=parent, region=region, member=member)


def _region_pairs(
    cube: Cube,
    group: npt.NDArray[np.int64],
    area: npt.NDArray[np.int64],
    lookup: Lookup,
    region_members: Mapping[str, Sequence[str]],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    empty = np.zeros(0, dtype=np.int64)
    position = {code: i for i, code in enumerate(cube.areas)}
    pairs = sorted(
        {
            (position[region], position[m])
            for region, members in region_members.items()
            if region in position
            for m in members
            if m in position and m != region
        },
        key=lambda pair: (pair[1], pair[0]),
    )
    if not pairs or not len(area):
        return empty, empty
    pair_region = np.array([p[0] for p in pairs], dtype=np.int64)
    pair_member = np.array([p[1] for p in pairs], dtype=np.int64)
    start = np.searchsorted(pair_member, area, side="left")
    stop = np.searchsorted(pair_member, area, side="right")
    count = stop - start
    member_pos = np.repeat(np.arange(len(area), dtype=np.int64), count)
    offsets = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    which = np.repeat(start, count) + offsets
    region_keys = group[member_pos] * len(cube.areas) + pair_region[which]
    region_pos = lookup(region_keys)
    found = region_pos >= 0
    return region_pos[found].astype(np.int64), member_pos[found]
