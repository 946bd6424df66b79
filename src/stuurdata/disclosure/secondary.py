# SPDX-License-Identifier: EUPL-1.2
"""Secondary suppression: no suppressed cell can be derived from what is published.

The attacker knows every published value, every equation (parent = sum of children; region =
sum of its gemeenten), that counts are non-negative, and what each reason code implies: a
``geheim`` cell lies in the secret range [lo, hi], a ``geheim-afgeleid`` cell outside it, a
``te-weinig-waarnemingen`` cell is >= 0. A suppressed cell is *protected* when the values the
attacker can reconstruct are not unique: there is a direction ``d`` with ``d[cell] != 0`` that
keeps every equation and every bound when moved along a little from the true values. That is
exactly what an LP attack (minimise and maximise the cell) fails on.

The equations form a tree (buurt -> wijk -> gemeente -> regio), so such a direction is a chain
of moves: a moving cell must be balanced in each of its equations by one partner, a sibling
moving the other way or the parent moving along, and that partner in turn in its other
equations. :class:`GroupProtector` searches this chain (memoised, branch and bound) and, when a
primary-suppressed cell has none, suppresses the cheapest set of published cells (fewest, weighted by level, then
smallest values, then area code) that completes one: every cell on it is then protected, by
construction. A gemeente in more than one region breaks the tree; there the region cells are
its only partners (never sibling gemeenten), which keeps the search sound.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from stuurdata.disclosure.primary import Status

Cost = tuple[float, float]
"""(weighted extra suppressions, sum of their values), compared lexicographically.

A suppression weighs 1 for a buurt, 2 for a wijk, 4 for a gemeente and 8 for a region: hiding
a buurt and a wijk is preferred over hiding the gemeente total."""
Plan = tuple[int, ...]
INF: Cost = (math.inf, math.inf)
ZERO: Cost = (0.0, 0.0)
_ONLY_FREE: Cost = (0.5, 0.0)  # bound that admits only chains without new suppressions
_SUPPRESSED = (Status.GEHEIM, Status.TE_WEINIG, Status.AFGELEID)
_PRIMARY = (Status.GEHEIM, Status.TE_WEINIG)


def _add(a: Cost, b: Cost) -> Cost:
    return (a[0] + b[0], a[1] + b[1])


def _sub(a: Cost, b: Cost) -> Cost:
    return (a[0] - b[0], a[1] - b[1])


@dataclass
class Group:
    """The cells of one additive indicator and period, by local index."""

    value: list[float]
    status: list[int]
    level: list[int]
    code: list[str]
    parents: list[list[int]]  # equations the cell is a child in (by their parent cell)
    children: list[list[int]]  # the cell's own equation; sorted by (value, code)
    secret_range: tuple[int, int] | None = None
    single: list[bool] = field(init=False)  # child in exactly one equation

    def __post_init__(self) -> None:
        self.single = [len(p) == 1 for p in self.parents]


class GroupProtector:
    """Finds and, where missing, creates a protecting chain for every primary suppression."""

    def __init__(self, group: Group) -> None:
        self.g = group
        self.memo: dict[tuple[int, int, int], tuple[Cost, Plan | None]] = {}
        self.active: set[tuple[int, int, int]] = set()
        self.relaxed = False

    # -- bounds the attacker knows -------------------------------------------------------
    def room(self, c: int, s: int) -> bool:
        """Can cell ``c`` (suppressed now, or published and then suppressed) move by ``s``?"""
        v = self.g.value[c]
        status = self.g.status[c]
        if math.isnan(v) or status == Status.ONTBREEKT:
            return False
        rng = self.g.secret_range
        if status == Status.GEHEIM and rng is not None:
            return v < rng[1] if s > 0 else v > rng[0]
        if status == Status.TE_WEINIG or rng is None:
            return s > 0 or v > 0
        lo, hi = rng  # published or geheim-afgeleid: known to lie outside [lo, hi]
        if v > hi:
            return s > 0 or v > hi + 1
        if self.relaxed:  # the LP relaxation of v in [0, lo-1] or [hi+1, inf): v >= 0
            return s > 0 or v > 0
        return v < lo - 1 if s > 0 else v > 0

    def suppressed(self, c: int) -> bool:
        return self.g.status[c] in _SUPPRESSED

    # -- the search ------------------------------------------------------------------------
    def move(self, c: int, s: int, frm: int, bound: Cost) -> tuple[Cost, Plan | None]:
        """Cheapest way to let ``c`` move by ``s`` balanced in all equations but ``frm``.

        ``frm`` is the equation the move comes from (by its parent cell; ``c`` itself for its
        own equation; -1 for none). Returns (cost, plan of cells to suppress) when the cost is
        below ``bound``, else (a lower bound >= ``bound``, None).
        """
        key = (c, s, frm)
        hit = self.memo.get(key)
        if hit is not None and (hit[1] is not None or hit[0] >= bound):
            return hit
        if key in self.active or not self.room(c, s):
            return INF, None
        total: Cost = ZERO
        plan: Plan = ()
        if not self.suppressed(c):
            total, plan = (float(2 ** self.g.level[c]), self.g.value[c]), (c,)
        steps = [(True, c)] if self.g.children[c] and frm != c else []
        steps += [(False, p) for p in self.g.parents[c] if p != frm]
        complete = total < bound
        self.active.add(key)
        try:
            for down, p in steps:
                if not complete:
                    break
                remaining = _sub(bound, total)
                if down:
                    cost, sub = self.absorb_down(c, s, remaining)
                else:
                    cost, sub = self.absorb_up(p, c, s, remaining)
                if sub is None:
                    complete = False
                else:
                    total, plan = _add(total, cost), plan + sub
                    complete = total < bound
        finally:
            self.active.discard(key)
        result: tuple[Cost, Plan | None] = (total, plan) if complete else (max(total, bound), None)
        self.memo[key] = result
        return result

    def absorb_down(self, p: int, s: int, bound: Cost) -> tuple[Cost, Plan | None]:
        """``p`` moves by ``s``: one of its children must move by ``s`` too."""
        best, best_plan = bound, None
        for k in self.g.children[p]:
            cost, plan = self.move(k, s, p, best)
            if plan is not None and cost < best:
                best, best_plan = cost, plan
                if not plan:
                    break
        return (best, best_plan) if best_plan is not None else (bound, None)

    def absorb_up(self, p: int, c: int, s: int, bound: Cost) -> tuple[Cost, Plan | None]:
        """Child ``c`` moves by ``s``: a sibling moves by ``-s`` or the parent ``p`` by ``s``."""
        best, best_plan = bound, None
        if self.g.single[c]:
            for k in self.g.children[p]:
                if k == c or not self.g.single[k]:
                    continue
                cost, plan = self.move(k, -s, p, best)
                if plan is not None and cost < best:
                    best, best_plan = cost, plan
                    if not plan:
                        return best, best_plan
        cost, plan = self.move(p, s, p, best)
        if plan is not None and cost < best:
            best, best_plan = cost, plan
        return (best, best_plan) if best_plan is not None else (bound, None)

    # -- driving -----------------------------------------------------------------------------
    def protected(self, c: int) -> bool:
        """Is suppressed cell ``c`` undetermined with the current suppressions alone?"""
        return any(self.move(c, s, -1, _ONLY_FREE)[1] is not None for s in (1, -1))

    def cheapest(self, t: int) -> Plan | None:
        """The cheapest plan that makes ``t`` movable in either direction, if any."""
        best, best_plan = INF, None
        for s in (1, -1):
            cost, plan = self.move(t, s, -1, best)
            if plan is not None and cost < best:
                best, best_plan = cost, plan
        return best_plan

    def run(self) -> list[int]:
        """Protect every primary suppression; returns the cells that cannot be protected."""
        g = self.g
        targets = sorted(
            (i for i, st in enumerate(g.status) if st in _PRIMARY),
            key=lambda i: (g.level[i], g.code[i]),
        )
        failed: list[int] = []
        for t in targets:
            if self.protected(t):
                continue
            best_plan = self.cheapest(t)
            if best_plan is None:
                # e.g. all zeros with a secret range 1..4: integer reasoning leaves no room, so
                # fall back to protecting against the LP relaxation of the attacker's knowledge
                self.relaxed = True
                self.memo.clear()
                best_plan = self.cheapest(t)
                self.relaxed = False
                self.memo.clear()
            if best_plan is None:
                failed.append(t)
                continue
            for k in best_plan:
                g.status[k] = Status.AFGELEID
            self.memo.clear()
        return failed


def protect_groups(
    value: list[float],
    status: list[int],
    level: list[int],
    code: list[str],
    parent: list[int],
    region_pairs: list[tuple[int, int]],
    secret_range: tuple[int, int] | None,
) -> list[int]:
    """Run :class:`GroupProtector` on one (indicator, period); ``status`` is updated in place.

    ``parent`` holds the local index of each cell's nearest ancestor cell (-1 for none) and
    ``region_pairs`` (region, member) pairs. Returns the cells that could not be protected.
    """
    n = len(value)
    parents: list[list[int]] = [[p] if p >= 0 else [] for p in parent]
    for region, member in region_pairs:
        if region not in parents[member]:
            parents[member].append(region)
    children: list[list[int]] = [[] for _ in range(n)]
    for c, ps in enumerate(parents):
        for p in ps:
            children[p].append(c)

    def order(c: int) -> tuple[bool, float, str]:
        v = value[c]
        return (math.isnan(v), 0.0 if math.isnan(v) else v, code[c])

    for kids in children:
        kids.sort(key=order)
    group = Group(
        value=value,
        status=status,
        level=level,
        code=code,
        parents=parents,
        children=children,
        secret_range=secret_range,
    )
    return GroupProtector(group).run()
