# SPDX-License-Identifier: EUPL-1.2
"""The attacker: recover suppressed cells from the published hierarchy (LP and rank)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
from scipy.optimize import linprog

SUPPRESSED = ("geheim", "te-weinig-waarnemingen", "geheim-afgeleid")


@dataclass
class System:
    unknowns: list[str]  # area codes of suppressed cells
    a: np.ndarray  # equations restricted to the unknowns
    b: np.ndarray  # right-hand side from published values
    bounds: list[tuple[float, float | None]]
    truth: np.ndarray


def equations_of(
    published: pa.Table,
    truth: Mapping[str, float],
    hierarchy: Mapping[str, str | None],
    regions: Mapping[str, Sequence[str]],
    secret_range: tuple[int, int] | None,
) -> System:
    """The attacker's linear system for ONE indicator and period of ``published``.

    Published cells enter with their exact published value (tests use rounding 'none'),
    suppressed cells are unknowns with the bounds their reason code reveals.
    """
    rows = published.to_pylist()
    reason = {r["area_code"]: r["reason"] for r in rows}
    value = {r["area_code"]: r["value"] for r in rows}
    unknowns = sorted(c for c, why in reason.items() if why in SUPPRESSED)
    index = {c: i for i, c in enumerate(unknowns)}
    groups: dict[str, list[str]] = {}
    for child, parent in hierarchy.items():
        if parent is not None and child in reason and parent in reason:
            groups.setdefault(parent, []).append(child)
    for region, members in regions.items():
        if region in reason:
            groups[region] = [m for m in members if m in reason]
    a_rows, b = [], []
    for parent, children in groups.items():
        row = np.zeros(len(unknowns))
        rhs = 0.0
        for cell, sign in [(parent, 1.0)] + [(c, -1.0) for c in children]:
            if cell in index:
                row[index[cell]] += sign
            else:
                assert value[cell] is not None, f"published cell {cell} without value"
                rhs -= sign * value[cell]
        if row.any():
            a_rows.append(row)
            b.append(rhs)
    bounds: list[tuple[float, float | None]] = []
    for c in unknowns:
        if reason[c] == "geheim" and secret_range is not None:
            bounds.append((float(secret_range[0]), float(secret_range[1])))
        elif reason[c] == "geheim-afgeleid" and secret_range is not None and secret_range[0] == 0:
            bounds.append((float(secret_range[1] + 1), None))
        else:
            bounds.append((0.0, None))
    a = np.array(a_rows) if a_rows else np.zeros((0, len(unknowns)))
    return System(unknowns, a, np.array(b), bounds, np.array([truth[c] for c in unknowns]))


def lp_ranges(system: System) -> dict[str, tuple[float, float]]:
    """Minimum and maximum of every unknown over all solutions the attacker cannot exclude."""
    n = len(system.unknowns)
    ranges: dict[str, tuple[float, float]] = {}
    a_eq = system.a if len(system.a) else None
    b_eq = system.b if len(system.a) else None
    for i, code in enumerate(system.unknowns):
        objective = np.zeros(n)
        objective[i] = 1.0
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=system.bounds, method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=system.bounds, method="highs")
        assert low.status == 0, f"attacker LP infeasible for {code}: {low.message}"
        top = float("inf") if high.status == 3 else -high.fun
        assert high.status in (0, 3), high.message
        ranges[code] = (float(low.fun), top)
    return ranges


def determined_by_rank(system: System) -> list[str]:
    """Unknowns whose unit vector lies in the row space of the equations (derivable exactly)."""
    if not len(system.a):
        return []
    rank = np.linalg.matrix_rank(system.a)
    found = []
    for i, code in enumerate(system.unknowns):
        unit = np.zeros(len(system.unknowns))
        unit[i] = 1.0
        if np.linalg.matrix_rank(np.vstack([system.a, unit])) == rank:
            found.append(code)
    return found
