# SPDX-License-Identifier: EUPL-1.2
"""Freshness: the declared update frequency of a dataset against its last build."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stuurdata.catalog.vocabularies import FREQUENCY_DAYS

GRACE = 0.1
"""Share of the interval a dataset may be late before it counts as overdue (at least a day)."""


@dataclass(frozen=True)
class Freshness:
    """Whether a dataset is as fresh as its frequency promises."""

    frequency: str | None
    """Frequency code (``annual``, ``monthly``, ...), None when not declared."""
    last_build: dt.datetime
    due: dt.datetime | None
    """When the next update is due (with grace); None without a schedule."""
    overdue: bool
    days_overdue: int


def freshness(frequency: str | None, last_build: dt.datetime, now: dt.datetime) -> Freshness:
    """Compare ``last_build`` plus the frequency's interval (and a grace) with ``now``."""
    days = FREQUENCY_DAYS.get(frequency, 0) if frequency else 0
    if days <= 0:
        return Freshness(frequency, last_build, None, False, 0)
    interval = dt.timedelta(days=days)
    due = last_build + interval + max(interval * GRACE, dt.timedelta(days=1))
    late = now - due
    overdue = late > dt.timedelta(0)
    return Freshness(frequency, last_build, due, overdue, late.days + 1 if overdue else 0)
