# SPDX-License-Identifier: EUPL-1.2
"""Equations: nearest present ancestor, regions, and the hierarchy check."""

from __future__ import annotations

import numpy as np
import pytest

from stuurdata.disclosure import DisclosureError
from stuurdata.disclosure.cube import read_cube
from stuurdata.disclosure.equations import build_equations, check_hierarchy

from .areas import build_tree


def test_children_link_to_the_nearest_ancestor_present() -> None:
    tree = build_tree([[[1, 2], [3]], [[4]]], regions=[[0, 1]])
    table = tree.cube()
    keep = [c != "WK000100" for c in tree.codes]  # drop one wijk: its buurten link to GM0001
    cube = read_cube(table.filter(keep))
    codes = [c for c, k in zip(tree.codes, keep, strict=True) if k]
    eq = build_equations(cube, np.arange(cube.n), tree.hierarchy, tree.regions)
    parent = {codes[i]: (codes[p] if p >= 0 else None) for i, p in enumerate(eq.parent.tolist())}
    assert parent["BU00010000"] == "GM0001" and parent["BU00010001"] == "GM0001"
    assert parent["BU00010100"] == "WK000101" and parent["WK000101"] == "GM0001"
    assert parent["GM0001"] is None and parent["RG01"] is None
    pairs = {(codes[r], codes[m]) for r, m in zip(eq.region, eq.member, strict=True)}
    assert pairs == {("RG01", "GM0001"), ("RG01", "GM0002")}


def test_groups_do_not_mix() -> None:
    tree = build_tree([[[1, 2]]])
    import pyarrow as pa

    table = pa.concat_tables([tree.cube("a"), tree.cube("b")])
    cube = read_cube(table)
    eq = build_equations(cube, np.arange(cube.n), tree.hierarchy, {})
    assert eq.parent.tolist() == [2, 2, 3, -1, 6, 6, 7, -1]


def test_buurt_without_parent_is_refused() -> None:
    tree = build_tree([[[1, 2]]])
    cube = read_cube(tree.cube())
    with pytest.raises(DisclosureError, match=r"1 buurt.*BU00010001"):
        check_hierarchy(cube, {**tree.hierarchy, "BU00010001": None})
    check_hierarchy(cube, tree.hierarchy)
