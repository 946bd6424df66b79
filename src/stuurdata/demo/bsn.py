# SPDX-License-Identifier: EUPL-1.2
"""Synthetic burgerservicenummers: unique, spread over the number space, all passing the elfproef.

A BSN has nine digits d1..d9 with 9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11. We map a running
index through an affine bijection of the 8-digit prefixes (so numbers look scattered but never
repeat) and append the check digit; prefixes whose check digit would be 10 are skipped.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

_PREFIX_LOW = 10_000_000
_PREFIX_SPACE = 90_000_000
_MULTIPLIER = 48_271_007  # coprime with 90,000,000 = 2^7 * 3^2 * 5^7
_WEIGHTS = np.array([9, 8, 7, 6, 5, 4, 3, 2], dtype=np.int64)


def elfproef(bsn: str) -> bool:
    """True when ``bsn`` is nine digits that pass the elfproef."""
    if len(bsn) != 9 or not bsn.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(bsn[:8], range(9, 1, -1), strict=True))
    return (total - int(bsn[8])) % 11 == 0


def bsn_numbers(start: int, count: int, seed: int) -> npt.NDArray[np.int64]:
    """``count`` valid BSNs (as integers) for running indices from ``start``.

    Disjoint index ranges give disjoint BSNs. About one index in eleven is skipped, so a range of
    ``count * 1.2 + 100`` indices is always enough.
    """
    offset = (seed * 1_000_003) % _PREFIX_SPACE
    width = int(count * 1.2) + 100
    index = np.arange(start, start + width, dtype=np.int64)
    prefix = _PREFIX_LOW + (index * _MULTIPLIER + offset) % _PREFIX_SPACE
    digits = (prefix[:, None] // 10 ** np.arange(7, -1, -1, dtype=np.int64)) % 10
    check = (digits @ _WEIGHTS) % 11
    valid = check != 10
    numbers = prefix[valid] * 10 + check[valid]
    if len(numbers) < count:  # pragma: no cover - impossible by the density of valid prefixes
        raise RuntimeError("te weinig geldige BSN's in het bereik")
    result: npt.NDArray[np.int64] = numbers[:count].astype(np.int64)
    return result


def index_width(count: int) -> int:
    """How many running indices :func:`bsn_numbers` may use for ``count`` numbers."""
    return int(count * 1.2) + 100
