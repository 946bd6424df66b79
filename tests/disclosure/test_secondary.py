# SPDX-License-Identifier: EUPL-1.2
"""Secondary suppression against an attacker: nothing suppressed can be recovered exactly."""

from __future__ import annotations

import logging

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stuurdata.disclosure import DisclosurePolicy, protect

from .areas import Tree, build_tree, trees
from .attack import SUPPRESSED, determined_by_rank, equations_of, lp_ranges

SEED = b"test-release-seed"
EXACT_SECRET = DisclosurePolicy(
    name="test-geheim", description="0-7 geheim, niet afgerond", secret_range=(0, 7)
)
EXACT_MINIMUM = DisclosurePolicy(
    name="test-minimum", description="minimaal 50 inwoners, niet afgerond", min_population=50
)
EXACT_BOTH = DisclosurePolicy(
    name="test-beide",
    description="0-4 geheim en minimaal 30 inwoners",
    secret_range=(0, 4),
    min_population=30,
)
ABOVE_ZERO = DisclosurePolicy(
    name="test-boven-nul",
    description="1-4 geheim en minimaal 30 inwoners",
    secret_range=(1, 4),
    min_population=30,
)
POLICIES = {p.name: p for p in (EXACT_SECRET, EXACT_MINIMUM, EXACT_BOTH, ABOVE_ZERO)}


def published_of(tree: Tree, policy: DisclosurePolicy) -> pa.Table:
    return protect(
        tree.cube(),
        tree.hierarchy,
        POLICIES,
        {"wmo": policy.name},
        SEED,
        region_members=tree.regions,
    )


def reasons_of(published: pa.Table) -> dict[str, str]:
    return dict(
        zip(published["area_code"].to_pylist(), published["reason"].to_pylist(), strict=True)
    )


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def assert_not_recoverable(tree: Tree, policy: DisclosurePolicy) -> pa.Table:
    warnings = _Warnings()
    logger = logging.getLogger("stuurdata.disclosure.protect")
    logger.addHandler(warnings)
    try:
        published = published_of(tree, policy)
    finally:
        logger.removeHandler(warnings)
    assert warnings.messages == []  # every suppressed cell found a protecting chain
    truth = dict(zip(tree.codes, tree.values, strict=True))
    system = equations_of(published, truth, tree.hierarchy, tree.regions, policy.secret_range)
    assert determined_by_rank(system) == []
    for code, (low, high) in lp_ranges(system).items():
        assert low <= truth[code] + 1e-6 and truth[code] <= high + 1e-6, code
        assert high - low > 1e-6, f"{code} recovered exactly: {low} (true {truth[code]})"
    return published


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees(), policy=st.sampled_from([EXACT_SECRET, EXACT_MINIMUM, EXACT_BOTH]))
def test_lp_attack_recovers_no_suppressed_cell(tree: Tree, policy: DisclosurePolicy) -> None:
    published = assert_not_recoverable(tree, policy)
    for row in published.to_pylist():
        if row["reason"] in SUPPRESSED:
            assert row["value"] is None
        else:
            assert row["reason"] == "ok"
            assert row["value"] == tree.value_of(row["area_code"])


@settings(max_examples=60, deadline=None)
@given(tree=trees())
def test_no_secret_count_is_published(tree: Tree) -> None:
    published = published_of(tree, EXACT_SECRET)
    for row in published.to_pylist():
        true = tree.value_of(row["area_code"])
        if 0 <= true <= 7:
            assert row["value"] is None and row["reason"] == "geheim"


def test_single_secret_buurt_gets_a_partner() -> None:
    # wijk 0: buurten 3 (secret), 20, 12 -> one more buurt must go, the smallest that can move
    tree = build_tree([[[3, 20, 12], [15, 16]]])
    published = assert_not_recoverable(tree, EXACT_SECRET)
    reasons = reasons_of(published)
    assert reasons["BU00010000"] == "geheim"
    assert reasons["BU00010002"] == "geheim-afgeleid"  # 12 < 20
    assert reasons["BU00010001"] == "ok"
    assert reasons["WK000100"] == "ok" and reasons["GM0001"] == "ok"


def test_partner_at_edge_of_secret_range_cannot_hide_a_zero() -> None:
    # 0 (geheim) + 8: the attacker knows afgeleid >= 8 and the wijk total 8, so 8 is useless
    tree = build_tree([[[0, 8, 30], [15, 16]]])
    published = assert_not_recoverable(tree, EXACT_SECRET)
    reasons = reasons_of(published)
    assert reasons["BU00010001"] == "ok"
    assert reasons["BU00010002"] == "geheim-afgeleid"


def test_only_buurt_suppresses_wijk_and_a_sibling_wijk() -> None:
    # a wijk with a single secret buurt equals that buurt: the wijk goes too, then a sibling wijk
    tree = build_tree([[[5], [9, 10], [40]]])
    published = assert_not_recoverable(tree, EXACT_SECRET)
    reasons = reasons_of(published)
    assert reasons["WK000100"] == "geheim"  # 5 is itself secret
    assert sum(r != "ok" for r in reasons.values()) >= 4


def test_two_secret_buurten_protect_each_other() -> None:
    tree = build_tree([[[3, 4, 20], [15, 16]]])
    published = assert_not_recoverable(tree, EXACT_SECRET)
    assert published["reason"].to_pylist().count("geheim-afgeleid") == 0


def test_all_zero_tree_with_secret_range_above_zero() -> None:
    # 0 is known to lie outside 1..4; integer reasoning alone leaves no partner, the LP one does
    tree = build_tree([[[0]], [[0, 0]]], populations=[0, 30, 0])
    published = assert_not_recoverable(tree, ABOVE_ZERO)
    assert "te-weinig-waarnemingen" in published["reason"].to_pylist()


def test_secret_range_above_zero_can_pin_cells_and_says_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # four buurten 'geheim' (each >= 1) under a wijk 'geheim' (<= 4): all equal 1, whatever is
    # suppressed; the reason codes alone give it away. protect() warns; lo = 0 avoids this.
    tree = build_tree([[[1, 1, 1, 1]]], populations=[30])
    published = published_of(tree, ABOVE_ZERO)
    assert set(published["reason"].to_pylist()) == {"geheim"}
    assert "konden niet tegen terugrekenen worden beschermd" in caplog.text


def test_overlapping_regions() -> None:
    tree = build_tree([[[2, 30]], [[25, 30]], [[18, 40]]], regions=[[0, 1, 2], [0, 1]])
    published = assert_not_recoverable(tree, EXACT_SECRET)
    reasons = reasons_of(published)
    assert reasons["BU00010000"] == "geheim"


@pytest.mark.parametrize("secondary", [True, False])
def test_secondary_can_be_switched_off(secondary: bool) -> None:
    policy = EXACT_SECRET.model_copy(update={"secondary": secondary, "name": "x"})
    tree = build_tree([[[3, 20, 12]]])
    published = protect(tree.cube(), tree.hierarchy, {"x": policy}, {"wmo": "x"}, SEED)
    assert ("geheim-afgeleid" in published["reason"].to_pylist()) is secondary
