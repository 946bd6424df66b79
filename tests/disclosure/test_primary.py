# SPDX-License-Identifier: EUPL-1.2
"""Primary suppression per row: order of the rules and the basis they look at."""

from __future__ import annotations

import pyarrow as pa

from stuurdata.disclosure import DisclosurePolicy
from stuurdata.disclosure.cube import read_cube
from stuurdata.disclosure.primary import Status, primary_status

BOTH = DisclosurePolicy(name="b", description="b", secret_range=(0, 7), min_population=50)


def _status(rows: list[tuple[str, float | None, float | None, float | None]]) -> list[Status]:
    n = len(rows)
    table = pa.table(
        {
            "indicator": ["i"] * n,
            "period": ["2024"] * n,
            "area_code": [f"BU{k:02d}" for k in range(n)],
            "area_level": ["buurt"] * n,
            "value": pa.array([r[1] for r in rows], pa.float64()),
            "numerator": pa.array([r[2] for r in rows], pa.float64()),
            "denominator": pa.array([None] * n, pa.float64()),
            "population": pa.array([r[3] for r in rows], pa.float64()),
            "kind": [r[0] for r in rows],
        }
    )
    return [Status(s) for s in primary_status(read_cube(table), [BOTH]).tolist()]


def test_rules_in_order() -> None:
    assert _status(
        [
            ("count", None, None, 10),  # missing beats everything
            ("count", 3, None, 10),  # too few beats secret: reveals nothing about the range
            ("count", 3, None, 60),
            ("count", 8, None, 60),
            ("count", 0, None, 60),
            ("sum", 7, None, 60),
            ("rate", 1.5, 7, 60),  # rate: numerator in the secret range
            ("share", 1.5, 8, 60),
            ("rate", 1.5, None, 60),  # no numerator: nothing to check
            ("mean", 3, 3, 60),  # mean: the secret range does not apply
        ]
    ) == [
        Status.ONTBREEKT,
        Status.TE_WEINIG,
        Status.GEHEIM,
        Status.OK,
        Status.GEHEIM,
        Status.GEHEIM,
        Status.GEHEIM,
        Status.OK,
        Status.OK,
        Status.OK,
    ]
