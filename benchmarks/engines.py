# SPDX-License-Identifier: EUPL-1.2
"""``python -m benchmarks.engines``: the same workspace built on DuckDB, PostgreSQL and Spark,
in one run; wall time, CPU time and peak memory per engine, and the ratio against DuckDB.

Per scale the synthetic region is generated once (``benchmarks/.work/<scale>/generated``, as in
``benchmarks.run``); each engine gets its own copy of the definitions with ``data/`` linked and,
at 1m and 18m (generated without the BAG XML extract), the BAG sources and what depends on them
dropped (:mod:`benchmarks.without_bag`): models, indicators, disclosure control and publication
all run. Each build is ``stuurdata build`` in a fresh process. PostgreSQL is a real server
started for the run from the Debian binaries (durable: fsync on), an empty database per build;
Spark runs in local mode with as many threads as DuckDB. Once a build is measured and its
published rows counted, its warehouse folder (and PostgreSQL database) is removed, so each build
has the disk to itself.

Peak memory is sampled every 0.1 s as the resident memory of the build's process tree (the Spark
JVM is a child of the build) plus, for PostgreSQL, the server's processes; CPU time is the
build's (``wait4``), its children's as last sampled, and the PostgreSQL server's during the build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import psutil

from benchmarks.scales import WORK, Scale, generated_data, parse_scale

if TYPE_CHECKING:
    from tests.postgres_server import PostgresServer

ENGINES = ("duckdb", "postgres", "spark")
DSN_VARIABLE = "STUURDATA_BENCHMARK_WAREHOUSE_DSN"


@dataclass(frozen=True)
class EngineResult:
    scale: str
    engine: str
    seconds: float
    cpu_seconds: float
    peak_mib: float
    rows_published: int
    error: str | None = None


def workspace_for(generated: Path, target: Path, scale: Scale, engine: dict[str, object]) -> Path:
    """A copy of the generated definitions (data linked) set to build on ``engine``."""
    from tests.workspace_config import set_engine

    from benchmarks.without_bag import drop_bag

    shutil.rmtree(target, ignore_errors=True)

    def ignore(folder: str, names: list[str]) -> set[str]:
        if Path(folder) == generated:
            return {"data"}
        if Path(folder) == generated / ".stuurdata":
            return set(names) - {"secrets"}
        return set()

    shutil.copytree(generated, target, ignore=ignore)
    (target / "data").symlink_to(generated / "data")
    if not scale.bag:
        drop_bag(target)
    set_engine(target, **engine)
    return target


class TreeSampler(threading.Thread):
    """Samples a process tree (plus fixed extra trees) until stopped: the peak of their summed
    resident memory, and the last CPU time seen of every descendant (the Spark JVM ends before
    the build and is not waited for, so ``wait4`` does not count it)."""

    def __init__(self, root_pid: int, extra_pids: list[int]) -> None:
        super().__init__(daemon=True)
        self.root_pid = root_pid
        self.pids = [root_pid, *extra_pids]
        self.peak = 0
        self.descendant_cpu: dict[int, float] = {}
        self.done = threading.Event()

    def _sample(self) -> int:
        total = 0
        for pid in self.pids:
            for member in _tree(pid):
                try:
                    total += member.memory_info().rss
                    if pid == self.root_pid and member.pid != pid:
                        times = member.cpu_times()
                        self.descendant_cpu[member.pid] = times.user + times.system
                except psutil.Error:
                    continue
        return total

    def run(self) -> None:
        while not self.done.wait(0.1):
            self.peak = max(self.peak, self._sample())


def _tree(pid: int) -> list[psutil.Process]:
    """The process ``pid`` and all its descendants (nothing when it is gone)."""
    try:
        process = psutil.Process(pid)
        return [process, *process.children(recursive=True)]
    except psutil.Error:
        return []


def _cpu_of(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        for member in _tree(pid):
            try:
                times = member.cpu_times()
                total += times.user + times.system + times.children_user + times.children_system
            except psutil.Error:
                continue
    return total


def build_once(root: Path, log: Path, env: dict[str, str], server_pids: list[int]) -> EngineResult:
    """``stuurdata build`` of ``root`` in a fresh process, measured."""
    stuurdata = Path(sys.executable).with_name("stuurdata")
    shutil.rmtree(root / ".stuurdata" / "warehouse", ignore_errors=True)
    server_cpu_before = _cpu_of(server_pids)
    started = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(stuurdata), "build", "--workspace", str(root)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
        sampler = TreeSampler(process.pid, server_pids)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    cpu = usage.ru_utime + usage.ru_stime + _cpu_of(server_pids) - server_cpu_before
    cpu += sum(sampler.descendant_cpu.values())
    code = os.waitstatus_to_exitcode(status)
    error = None if code == 0 else f"exit {code}: {log.read_text(errors='replace')[-1500:]}"
    rows = 0 if error else _published_rows(root)
    return EngineResult(
        scale=root.parent.name,
        engine=root.name,
        seconds=round(seconds, 2),
        cpu_seconds=round(cpu, 2),
        peak_mib=round(max(sampler.peak, usage.ru_maxrss * 1024) / 2**20, 1),
        rows_published=rows,
        error=error,
    )


def _published_rows(root: Path) -> int:
    """Rows of every ``published`` table of the served version (the same on every engine)."""
    from stuurdata.warehouse import open_current

    version = open_current(root)
    assert version is not None
    con = version.connect()
    try:
        tables = con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'published'"
        ).fetchall()
        counts = [
            con.execute(f'SELECT count(*) FROM published."{t}"').fetchone() for (t,) in tables
        ]
    finally:
        con.close()
    return sum(int(c[0]) for c in counts if c)


def start_postgres(base: Path) -> tuple[PostgresServer, list[int]]:
    """A durable PostgreSQL server (fsync on) in ``base``; its handle and postmaster pid."""
    from tests.postgres_server import start_postgres as start

    server = start(base, durable=True)
    pid = int((base / "data" / "postmaster.pid").read_text().split()[0])
    return server, [pid]


def fresh_database(server: PostgresServer | None) -> str:
    """An empty database ``benchmark`` (dropped and created again); its DSN."""
    assert server is not None, "started when postgres is among the engines"
    url = server.new_database("benchmark")
    return url.replace("postgresql+psycopg://", "postgresql://")


def table(results: list[EngineResult]) -> str:
    lines = [
        "| scale | engine | wall | CPU | peak memory | published rows | wall vs DuckDB |",
        "|---|---|---|---|---|---|---|",
    ]
    reference = {r.scale: r.seconds for r in results if r.engine == "duckdb" and not r.error}
    for r in results:
        if r.error:
            lines.append(f"| {r.scale} | {r.engine} | failed | | | | {r.error.splitlines()[0]} |")
            continue
        base = reference.get(r.scale)
        ratio = f"{r.seconds / base:.2f}×" if base else "-"
        lines.append(
            f"| {r.scale} | {r.engine} | {r.seconds:.1f} s | {r.cpu_seconds:.1f} s | "
            f"{r.peak_mib / 1024:.2f} GiB | {r.rows_published:,} | {ratio} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.engines", description=__doc__)
    parser.add_argument("--scales", default="1m", help="comma-separated: demo, 1m, 18m, p<N>")
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated engines")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--work", type=Path, default=WORK)
    args = parser.parse_args(argv)
    engines = [e for e in args.engines.split(",") if e]
    env = dict(os.environ)
    server: PostgresServer | None = None
    server_pids: list[int] = []
    base = Path(tempfile.mkdtemp(prefix="stuurdata-bench-pg-"))
    results: list[EngineResult] = []
    try:
        if "postgres" in engines:
            server, server_pids = start_postgres(base)
        for name in args.scales.split(","):
            scale = parse_scale(name)
            generated = generated_data(scale, args.seed, args.work)
            for engine in engines:
                settings: dict[str, object] = {"kind": engine, "threads": args.threads}
                if engine == "postgres":
                    settings["dsn"] = {"env": DSN_VARIABLE}
                    env[DSN_VARIABLE] = fresh_database(server)
                root = workspace_for(
                    generated, args.work / "engines" / scale.name / engine, scale, settings
                )
                print(f"[{scale.name}] building on {engine} ...", flush=True)
                result = build_once(
                    root,
                    root.parent / f"{engine}.log",
                    env,
                    server_pids if engine == "postgres" else [],
                )
                print(f"[{scale.name}] {engine}: {result}", flush=True)
                results.append(result)
                # measured and counted: the disk goes to the next build (18m on PostgreSQL
                # alone takes ~45 GB)
                shutil.rmtree(root / ".stuurdata" / "warehouse", ignore_errors=True)
                if server is not None and engine == "postgres":
                    server.drop_database("benchmark")
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(base, ignore_errors=True)
    print(table(results))
    mismatched = _mismatched_scales(results)
    for scale_name in mismatched:
        print(f"[{scale_name}] the engines published different numbers of rows: see the table")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = args.work / f"engines-{stamp}.json"
    out.write_text(json.dumps([asdict(r) for r in results], indent=2), encoding="utf-8")
    print(f"results: {out}")
    return 1 if mismatched or any(r.error for r in results) else 0


def _mismatched_scales(results: list[EngineResult]) -> list[str]:
    """Scales where the engines that succeeded published different row counts."""
    counts: dict[str, set[int]] = {}
    for r in results:
        if r.error is None:
            counts.setdefault(r.scale, set()).add(r.rows_published)
    return [scale for scale, found in counts.items() if len(found) > 1]


if __name__ == "__main__":
    raise SystemExit(main())
