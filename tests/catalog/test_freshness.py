# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import datetime as dt

from stuurdata.catalog.freshness import freshness

BUILT = dt.datetime(2024, 1, 1, 6, 0, tzinfo=dt.UTC)


def test_monthly_dataset_is_fresh_within_its_interval_and_grace() -> None:
    result = freshness("monthly", BUILT, BUILT + dt.timedelta(days=33))
    assert not result.overdue
    assert result.due is not None and result.due > BUILT + dt.timedelta(days=31)


def test_monthly_dataset_is_overdue_after_interval_and_grace() -> None:
    result = freshness("monthly", BUILT, BUILT + dt.timedelta(days=40))
    assert result.overdue
    assert result.days_overdue >= 5


def test_daily_dataset_gets_one_day_of_grace() -> None:
    assert not freshness("daily", BUILT, BUILT + dt.timedelta(hours=47)).overdue
    assert freshness("daily", BUILT, BUILT + dt.timedelta(hours=49)).overdue


def test_irregular_or_undeclared_is_never_overdue() -> None:
    far = BUILT + dt.timedelta(days=3650)
    assert not freshness("irregular", BUILT, far).overdue
    assert not freshness(None, BUILT, far).overdue
    assert freshness(None, BUILT, far).due is None
