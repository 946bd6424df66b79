# SPDX-License-Identifier: EUPL-1.2
"""The only road from the cube to anything published: :func:`protect`.

Steps, all per (indicator, period) and reproducible for a given seed:

1. Primary suppression per row (:mod:`stuurdata.disclosure.primary`).
2. Secondary suppression for additive indicators (``count``, ``sum``) whose policy asks for
   it (:mod:`stuurdata.disclosure.secondary`); only groups with a primary suppression are
   visited, so open counts cost nothing.
3. Random rounding of the published ``count`` values (:mod:`stuurdata.disclosure.rounding`),
   after the secret-range check on the unrounded value.

A suppressed cell is published as NULL with its reason, never as 0.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from types import MappingProxyType

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from stuurdata.disclosure.cube import ADDITIVE_KINDS, KINDS, Cube, read_cube
from stuurdata.disclosure.equations import build_equations, check_hierarchy
from stuurdata.disclosure.errors import DisclosureError
from stuurdata.disclosure.policy import DisclosurePolicy
from stuurdata.disclosure.primary import STATUS_REASON, Status, primary_status
from stuurdata.disclosure.reasons import REASON_LABELS, ReasonCode
from stuurdata.disclosure.rounding import cell_coins, random_round
from stuurdata.disclosure.secondary import protect_groups

__all__ = ["PUBLISHED_SCHEMA", "REASON_LABELS", "ReasonCode", "protect"]

log = logging.getLogger(__name__)

PUBLISHED_SCHEMA = pa.schema(
    [
        pa.field("indicator", pa.string(), nullable=False),
        pa.field("period", pa.string(), nullable=False),
        pa.field("area_code", pa.string(), nullable=False),
        pa.field("area_level", pa.string(), nullable=False),
        pa.field("value", pa.float64()),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("rounded", pa.bool_(), nullable=False),
    ]
)
"""Columns of the published table; ``value`` is NULL exactly when ``reason`` is not ``ok``."""

_EMPTY: Mapping[str, Sequence[str]] = MappingProxyType({})


def _resolve(
    cube: Cube,
    policies: Mapping[str, DisclosurePolicy],
    indicator_policy: Mapping[str, str],
) -> list[DisclosurePolicy]:
    without = [i for i in cube.indicators if i not in indicator_policy]
    if without:
        raise DisclosureError(
            f"geen geheimhoudingsbeleid voor indicator(en) {', '.join(sorted(without))}; "
            "geef elke indicator een beleid (bijvoorbeeld 'cbs-aantallen' of 'geen')"
        )
    unknown = sorted({indicator_policy[i] for i in cube.indicators} - set(policies))
    if unknown:
        raise DisclosureError(
            f"onbekend geheimhoudingsbeleid {', '.join(unknown)}; "
            f"bekend: {', '.join(sorted(policies))}"
        )
    return [policies[indicator_policy[i]] for i in cube.indicators]


def _secondary(
    cube: Cube,
    status: npt.NDArray[np.int8],
    resolved: Sequence[DisclosurePolicy],
    hierarchy: Mapping[str, str | None],
    region_members: Mapping[str, Sequence[str]],
) -> int:
    wants = np.array([p.secondary for p in resolved], dtype=bool)[cube.indicator_code]
    additive = np.isin(cube.kind_code, [KINDS.index(k) for k in ADDITIVE_KINDS])
    candidate = wants & additive
    primary = candidate & np.isin(status, (Status.GEHEIM, Status.TE_WEINIG))
    if not primary.any():
        return 0
    group = cube.group
    rows = np.flatnonzero(candidate & np.isin(group, np.unique(group[primary])))
    rows = rows[np.argsort(group[rows], kind="stable")]
    eq = build_equations(cube, rows, hierarchy, region_members)

    row_group = group[rows]
    starts = np.flatnonzero(np.r_[True, row_group[1:] != row_group[:-1]])
    stops = np.r_[starts[1:], len(rows)]
    pair_order = np.argsort(eq.member, kind="stable")
    pair_member, pair_region = eq.member[pair_order], eq.region[pair_order]
    value = cube.numbers["value"]
    failed = 0
    for start, stop in zip(starts.tolist(), stops.tolist(), strict=True):
        span = rows[start:stop]
        local_status = status[span].tolist()
        if not any(s in (Status.GEHEIM, Status.TE_WEINIG) for s in local_status):
            continue
        lo, hi = np.searchsorted(pair_member, [start, stop])
        pairs = list(
            zip(
                (pair_region[lo:hi] - start).tolist(),
                (pair_member[lo:hi] - start).tolist(),
                strict=True,
            )
        )
        parent = eq.parent[start:stop]
        policy = resolved[int(cube.indicator_code[span[0]])]
        lost = protect_groups(
            value=value[span].tolist(),
            status=local_status,
            level=cube.level_code[span].tolist(),
            code=[cube.areas[a] for a in cube.area_index[span].tolist()],
            parent=np.where(parent >= 0, parent - start, -1).tolist(),
            region_pairs=pairs,
            secret_range=policy.secret_range,
        )
        status[span] = np.asarray(local_status, dtype=np.int8)
        failed += len(lost)
    return failed


def protect(
    cube: pa.Table,
    hierarchy: Mapping[str, str | None],
    policies: Mapping[str, DisclosurePolicy],
    indicator_policy: Mapping[str, str],
    seed: bytes,
    region_members: Mapping[str, Sequence[str]] = _EMPTY,
) -> pa.Table:
    """Protect ``cube`` and return the table that may be published.

    ``hierarchy`` maps every area code to its parent (buurt -> wijk, wijk -> gemeente,
    gemeente -> None); ``region_members`` maps a region code to its gemeente codes;
    ``indicator_policy`` names the policy (a key of ``policies``, e.g.
    :data:`~stuurdata.disclosure.policy.STANDARD_POLICIES`) of every indicator; ``seed`` is the
    release secret that keys the rounding. Returns one row per input row, in input order, with
    :data:`PUBLISHED_SCHEMA`. Raises :class:`DisclosureError` for an unknown indicator or policy,
    a malformed cube or a buurt/wijk without parent.
    """
    checked = read_cube(cube)
    resolved = _resolve(checked, policies, indicator_policy)
    check_hierarchy(checked, hierarchy)
    status = primary_status(checked, resolved)
    failed = _secondary(checked, status, resolved, hierarchy, region_members)
    if failed:
        log.warning("%d onderdrukte cellen konden niet tegen terugrekenen worden beschermd", failed)

    value = checked.numbers["value"].copy()
    published = status == Status.OK
    value[~published] = np.nan
    bases = np.array([p.rounding_base or 0 for p in resolved], dtype=np.int64)
    base = bases[checked.indicator_code] if checked.n else bases[:0]
    rounded = published & (checked.kind_code == KINDS.index("count")) & (base > 0)
    if rounded.any():
        at = np.flatnonzero(rounded)
        strings = checked.strings
        coins = cell_coins(
            seed,
            strings["indicator"].take(at),
            strings["period"].take(at),
            strings["area_code"].take(at),
        )
        for b in np.unique(base[at]).tolist():
            part = base[at] == b
            value[at[part]] = random_round(value[at[part]], int(b), coins[part])

    labels = np.array([STATUS_REASON[Status(i)].value for i in range(len(Status))], dtype=object)
    return pa.table(
        {
            "indicator": checked.strings["indicator"],
            "period": checked.strings["period"],
            "area_code": checked.strings["area_code"],
            "area_level": checked.strings["area_level"],
            "value": pa.array(value, type=pa.float64(), from_pandas=True),
            "reason": pa.array(labels[status], type=pa.string()),
            "rounded": pa.array(rounded, type=pa.bool_()),
        },
        schema=PUBLISHED_SCHEMA,
    )
