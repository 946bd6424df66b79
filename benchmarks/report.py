# SPDX-License-Identifier: EUPL-1.2
"""Results of a benchmark run: one table per scale, PASS/FAIL lines, JSON on disk."""

from __future__ import annotations

import json
import math
import platform
import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.comparison import Excluded
from benchmarks.connectors import ConnectorTiming
from benchmarks.measure import Measurement


@dataclass
class ScaleResult:
    scale: str
    persons: int
    stuurdata: list[Measurement] = field(default_factory=list)
    baseline: list[Measurement] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)
    script: Path | None = None

    @property
    def failed(self) -> list[str]:
        return [m.error for m in (*self.stuurdata, *self.baseline) if m.error]

    @property
    def stuurdata_seconds(self) -> float:
        return statistics.median(m.seconds for m in self.stuurdata)

    @property
    def baseline_seconds(self) -> float:
        return statistics.median(m.seconds for m in self.baseline)

    @property
    def cpu_ratio(self) -> float:
        """Median CPU time ratio (user + system), a check on the wall-time ratio."""
        if self.failed:
            return math.inf
        ours = statistics.median(m.cpu_seconds for m in self.stuurdata)
        base = statistics.median(m.cpu_seconds for m in self.baseline)
        return ours / base if base > 0 else math.inf

    @property
    def ratio(self) -> float:
        """Median wall time ratio; infinite when a run failed (that is no pass)."""
        if self.failed:
            return math.inf
        return self.stuurdata_seconds / self.baseline_seconds

    def rows(self, side: list[Measurement]) -> int:
        return int(side[-1].result.get("rows_loaded", 0)) if side else 0

    def phases(self) -> dict[str, float]:
        """Median seconds per build phase (from the manifests)."""
        done = [m for m in self.stuurdata if m.error is None]
        if not done:
            return {}
        names = {name for m in done for name in m.result.get("phases", {})}
        phases = {
            name: statistics.median(float(m.result["phases"].get(name, 0.0)) for m in done)
            for name in sorted(names, key=_phase_order)
        }
        # process start, imports, loading and checking the definitions, and the end of
        # publishing (checkpoint, fsync, rename): outside the manifest's own clock
        phases["startup+publish"] = statistics.median(
            m.seconds - float(m.result.get("seconds", 0.0)) for m in done
        )
        return phases


def _phase_order(name: str) -> int:
    order = ("areas", "sources", "load", "models", "publish")
    return order.index(name) if name in order else len(order)


def table(result: ScaleResult, target: float) -> str:
    """The table of one scale, plus its PASS/FAIL line."""
    header = (
        f"{'scale':<8}{'persons':>12}{'stuurdata s':>13}{'baseline s':>12}{'ratio':>8}"
        f"{'stuurdata MiB':>15}{'baseline MiB':>14}{'rows stuurdata':>16}{'rows baseline':>15}"
    )
    ours_mib = max(m.peak_mib for m in result.stuurdata)
    base_mib = max(m.peak_mib for m in result.baseline)
    row = (
        f"{result.scale:<8}{result.persons:>12,}{result.stuurdata_seconds:>13.2f}"
        f"{result.baseline_seconds:>12.2f}{result.ratio:>7.2f}x{ours_mib:>15.0f}{base_mib:>14.0f}"
        f"{result.rows(result.stuurdata):>16,}{result.rows(result.baseline):>15,}"
    )
    verdict = "PASS" if result.ratio <= target else "FAIL"
    for error in result.failed:
        lines_failed = error.splitlines()
        row += f"\n  RUN FAILED: {lines_failed[0]}"
    phases = ", ".join(f"{k} {v:.2f} s" for k, v in result.phases().items())
    ours_cpu = statistics.median(m.cpu_seconds for m in result.stuurdata)
    base_cpu = statistics.median(m.cpu_seconds for m in result.baseline)
    lines = [
        header,
        row,
        f"  cpu time (user+sys): stuurdata {ours_cpu:.2f} s, baseline {base_cpu:.2f} s, "
        f"ratio {result.cpu_ratio:.2f}x",
        f"  build phases (manifest, median): {phases}",
    ]
    if result.rows(result.stuurdata) != result.rows(result.baseline):
        lines.append("  WARNING: the two sides loaded a different number of rows")
    lines.append(
        f"{verdict} [{result.scale}] stuurdata/baseline = {result.ratio:.2f}x "
        f"(target <= {target:.2f}x, median of {len(result.stuurdata)} run(s))"
    )
    return "\n".join(lines)


def excluded_text(excluded: list[Excluded]) -> str:
    lines = ["Left out of the comparison (both sides):"]
    for item in excluded:
        lines.append(f"  {item.kind:<10}{item.name:<36}{item.reason}")
    return "\n".join(lines)


def connectors_text(timings: list[ConnectorTiming]) -> str:
    lines = ["Left-out connectors, timed on their own (ingest with validation, demo scale):"]
    for t in timings:
        lines.append(
            f"  {t.source:<26}{t.connector:<8}{t.rows:>10,} rows{t.seconds:>9.2f} s"
            f"{t.rows_per_second:>12,.0f} rows/s"
        )
    return "\n".join(lines)


def write_json(
    path: Path,
    results: list[ScaleResult],
    timings: list[ConnectorTiming],
    settings: dict[str, Any],
) -> Path:
    def scale(r: ScaleResult) -> dict[str, Any]:
        return {
            "scale": r.scale,
            "persons": r.persons,
            "stuurdata_seconds": r.stuurdata_seconds,
            "baseline_seconds": r.baseline_seconds,
            "ratio": r.ratio,
            "cpu_ratio": r.cpu_ratio,
            "target_met": r.ratio <= float(settings["target"]),
            "stuurdata_runs": [asdict(m) for m in r.stuurdata],
            "baseline_runs": [asdict(m) for m in r.baseline],
            "phases": r.phases(),
            "excluded": [asdict(e) for e in r.excluded],
            "baseline_script": str(r.script) if r.script else None,
        }

    payload = {
        "settings": settings,
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": _cpus(),
        },
        "scales": [scale(r) for r in results],
        "left_out_connectors": [
            asdict(t) | {"rows_per_second": t.rows_per_second} for t in timings
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")
    return path


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))
