# SPDX-License-Identifier: EUPL-1.2
"""Primary suppression, one vectorised pass over all rows.

Per row, in this order: a NULL value stays NULL (``ontbreekt``); a population base below the
policy minimum suppresses the value (``te-weinig-waarnemingen``); a count in the secret range
suppresses it (``geheim``). The rules are per row on purpose: a rate is suppressed when *its own*
numerator lies in the secret range (the count it derives from), not by looking up other rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

import numpy as np
import numpy.typing as npt

from stuurdata.disclosure.cube import KINDS, Cube
from stuurdata.disclosure.policy import DisclosurePolicy
from stuurdata.disclosure.reasons import ReasonCode


class Status(IntEnum):
    """Compact per-row form of :class:`ReasonCode` while protecting."""

    OK = 0
    GEHEIM = 1
    TE_WEINIG = 2
    AFGELEID = 3
    ONTBREEKT = 4


STATUS_REASON: dict[Status, ReasonCode] = {
    Status.OK: ReasonCode.OK,
    Status.GEHEIM: ReasonCode.GEHEIM,
    Status.TE_WEINIG: ReasonCode.TE_WEINIG,
    Status.AFGELEID: ReasonCode.AFGELEID,
    Status.ONTBREEKT: ReasonCode.ONTBREEKT,
}

_COUNT_BASIS = (KINDS.index("count"), KINDS.index("sum"))
_NUMERATOR_BASIS = (KINDS.index("rate"), KINDS.index("share"))


def _per_indicator(
    policies: Sequence[DisclosurePolicy],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    minimum = np.array(
        [np.nan if p.min_population is None else p.min_population for p in policies],
        dtype=np.float64,
    )
    lo = np.array([np.nan if p.secret_range is None else p.secret_range[0] for p in policies])
    hi = np.array([np.nan if p.secret_range is None else p.secret_range[1] for p in policies])
    return minimum, lo.astype(np.float64), hi.astype(np.float64)


def primary_status(cube: Cube, policies: Sequence[DisclosurePolicy]) -> npt.NDArray[np.int8]:
    """The status of every row after primary suppression (``policies`` per indicator code)."""
    value = cube.numbers["value"]
    status = np.full(cube.n, Status.OK, dtype=np.int8)
    if cube.n == 0:
        return status
    minimum, lo, hi = (a[cube.indicator_code] for a in _per_indicator(policies))
    missing = np.isnan(value)

    population = cube.numbers["population"]
    base = np.where(np.isnan(population), cube.numbers["denominator"], population)
    with np.errstate(invalid="ignore"):
        too_few = ~missing & ~np.isnan(minimum) & ~(base >= minimum)

    basis = np.full(cube.n, np.nan)
    counts = np.isin(cube.kind_code, _COUNT_BASIS)
    basis[counts] = value[counts]
    ratios = np.isin(cube.kind_code, _NUMERATOR_BASIS)
    basis[ratios] = cube.numbers["numerator"][ratios]
    with np.errstate(invalid="ignore"):
        secret = ~missing & ~too_few & (basis >= lo) & (basis <= hi)

    status[missing] = Status.ONTBREEKT
    status[too_few] = Status.TE_WEINIG
    status[secret] = Status.GEHEIM
    return status
