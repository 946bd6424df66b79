# SPDX-License-Identifier: EUPL-1.2
"""``python -m benchmarks.run``: Stuurdata's ingest + build against plain DuckDB, same run.

For each scale: generate the synthetic region once (``benchmarks/.work/<scale>/generated``),
derive the comparison workspace (what plain DuckDB can read), then run, each in a fresh
process, ``stuurdata``'s full build and the generated plain DuckDB script; print wall time,
peak memory, rows and the ratio against the target. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.baseline_duckdb import write_script
from benchmarks.comparison import derive
from benchmarks.connectors import ConnectorTiming, time_sources
from benchmarks.measure import Measurement, child_environment, measure
from benchmarks.report import (
    ScaleResult,
    connectors_text,
    excluded_text,
    table,
    write_json,
)
from benchmarks.scales import WORK, Scale, generated_data, parse_scale

TARGET = 1.5
"""Stuurdata may take at most this many times the plain DuckDB script's wall time."""
WARM_CHUNK = 16 * 1024 * 1024
WARM_IMPORTS = (
    "import duckdb, pyarrow.csv, pyarrow.parquet, benchmarks.ingest_build, benchmarks.baseline_run; "
    "import stuurdata.warehouse, stuurdata.workspace, stuurdata.areas, stuurdata.sources.ingest, "
    "stuurdata.sources.plugins, stuurdata.sources.validate, stuurdata.warehouse.duckdb_engine"
)
"""Imported once, untimed, so that the measured children find their bytecode cached."""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description="Ingest + build of the synthetic region: Stuurdata against plain DuckDB SQL.",
    )
    parser.add_argument(
        "--scales",
        default="demo,1m",
        help="comma-separated: demo (84,000 persons), 1m, 18m (opt-in: ~9 GB disk, ~23 GiB RAM), "
        "or p<N> for N persons (default: demo,1m)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per side (median reported)")
    parser.add_argument("--seed", type=int, default=42, help="seed of the synthetic data")
    parser.add_argument("--target", type=float, default=TARGET, help="maximum allowed ratio")
    parser.add_argument("--work", type=Path, default=WORK, help="work folder (git-ignored)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit with status 1 when a scale misses the target (default: report only)",
    )
    parser.add_argument(
        "--no-connectors",
        action="store_true",
        help="skip timing the left-out connectors (BAG, XLSX) on the demo scale",
    )
    return parser.parse_args(argv)


def warm_cache(folder: Path) -> None:
    """Read every data file once, so neither side pays for a cold page cache."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with path.open("rb") as handle:
                while handle.read(WARM_CHUNK):
                    pass


def warm_bytecode(work: Path) -> dict[str, str]:
    """Environment for the measured children, with their imports compiled once beforehand."""
    env = child_environment(work / "pycache")
    subprocess.run([sys.executable, "-c", WARM_IMPORTS], check=True, cwd=_repo(), env=env)
    return env


def run_scale(scale: Scale, seed: int, repeat: int, work: Path, env: dict[str, str]) -> ScaleResult:
    generated = generated_data(scale, seed, work)
    folder = work / scale.name
    comparison = derive(generated, folder / "workspace")
    from stuurdata.workspace import Workspace

    script = write_script(Workspace.load(comparison.root), folder / "baseline.sql")
    persons = scale.persons if scale.persons is not None else _demo_persons()
    result = ScaleResult(scale.name, persons, excluded=list(comparison.excluded), script=script)
    print(f"[{scale.name}] baseline script: {script}", flush=True)
    warm_cache(generated / "data")
    python = sys.executable
    for run in range(1, repeat + 1):
        warehouse = comparison.root / ".stuurdata" / "warehouse"
        shutil.rmtree(warehouse, ignore_errors=True)
        logs = folder / "logs"
        result.baseline.append(
            measure(
                [
                    python,
                    "-m",
                    "benchmarks.baseline_run",
                    str(script),
                    str(folder / "baseline.duckdb"),
                ],
                logs / f"baseline-{run}.log",
                cwd=_repo(),
                env=env,
            )
        )
        _say(scale, run, "baseline", result.baseline[-1])
        result.stuurdata.append(
            measure(
                [python, "-m", "benchmarks.ingest_build", str(comparison.root)],
                logs / f"stuurdata-{run}.log",
                cwd=_repo(),
                env=env,
            )
        )
        _say(scale, run, "stuurdata", result.stuurdata[-1])
    # both outputs are only measured, never used: free the disk (gigabytes at 18m)
    (folder / "baseline.duckdb").unlink(missing_ok=True)
    shutil.rmtree(comparison.root / ".stuurdata" / "warehouse", ignore_errors=True)
    return result


def _say(scale: Scale, run: int, side: str, measured: Measurement) -> None:
    status = "" if measured.error is None else f" FAILED: {measured.error.splitlines()[0]}"
    print(
        f"[{scale.name}] run {run}: {side} {measured.seconds:.2f} s, "
        f"peak {measured.peak_mib:.0f} MiB{status}",
        flush=True,
    )


def _repo() -> Path:
    return Path(__file__).resolve().parents[1]


def _demo_persons() -> int:
    from stuurdata.demo.plan import BASE_PERSONS

    return BASE_PERSONS


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    scales = [parse_scale(name.strip()) for name in args.scales.split(",") if name.strip()]
    results: list[ScaleResult] = []
    env = warm_bytecode(args.work)
    for scale in scales:
        results.append(run_scale(scale, args.seed, args.repeat, args.work, env))
    timings: list[ConnectorTiming] = []
    demo = next((s for s in scales if s.bag), None)
    if demo is not None and results and not args.no_connectors:
        left_out = [e.name for e in results[scales.index(demo)].excluded if e.kind == "source"]
        timings = time_sources(generated_data(demo, args.seed, args.work), left_out)
    print()
    if results:
        print(excluded_text(results[0].excluded))
        print()
    for result in results:
        print(table(result, args.target))
        print()
    if timings:
        print(connectors_text(timings))
        print()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    settings = {
        "scales": [s.name for s in scales],
        "repeat": args.repeat,
        "seed": args.seed,
        "target": args.target,
    }
    path = write_json(args.work / f"results-{stamp}.json", results, timings, settings)
    print(f"results: {path}")
    missed = [r.scale for r in results if r.ratio > args.target]
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
