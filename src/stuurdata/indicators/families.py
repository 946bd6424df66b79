# SPDX-License-Identifier: EUPL-1.2
"""Indicator families: direct indicators that aggregate over the same rows.

All indicators with the same source, area column, period and filter are computed by one SQL
statement that scans the source once. Derived indicators (ratios of other indicators) form no
family: they are computed from the cube rows of the indicators they refer to.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from stuurdata.workspace.indicator import Indicator, Period


@dataclass(frozen=True)
class Family:
    """Direct indicators that share one scan of their source."""

    name: str
    """Short name used for the family's table: ``cube.basis_<name>``."""
    source: str
    area_column: str
    area_level: str
    period: Period
    filter: str | None
    indicators: tuple[Indicator, ...]

    @property
    def table(self) -> str:
        return f"cube.basis_{self.name}"


def _key(ind: Indicator) -> tuple[str, str, str, str, str | None, str | None]:
    assert ind.source is not None and ind.period is not None
    return (
        ind.source.lower(),
        ind.area_column,
        ind.area_level,
        ind.period.kind,
        ind.period.column,
        ind.filter,
    )


def _name(source: str, key: tuple[object, ...], taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9_]", "_", source.split(".")[-1].lower())
    if base not in taken:
        return base
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:8]
    return f"{base}_{digest}"


def families(indicators: Iterable[Indicator]) -> list[Family]:
    """Group the direct indicators by source, area column, period and filter (stable order)."""
    groups: dict[tuple[str, str, str, str, str | None, str | None], list[Indicator]] = {}
    for ind in sorted(indicators, key=lambda i: i.id):
        if ind.derived:
            continue
        groups.setdefault(_key(ind), []).append(ind)
    result: list[Family] = []
    taken: set[str] = set()
    for key in sorted(groups, key=repr):
        members = groups[key]
        first = members[0]
        assert first.source is not None and first.period is not None
        name = _name(first.source, key, taken)
        taken.add(name)
        result.append(
            Family(
                name=name,
                source=first.source,
                area_column=first.area_column,
                area_level=first.area_level,
                period=first.period,
                filter=first.filter,
                indicators=tuple(members),
            )
        )
    return result
