# SPDX-License-Identifier: EUPL-1.2
"""``python -m benchmarks.load``: the portal's APIs under concurrent load, next to Datasette.

On loopback only, bounded in time and count: the synthetic demo region is generated and built
once (``benchmarks/.work/load/demo``), ``published.indicators`` is exported to SQLite for
Datasette, then for each server — Stuurdata under uvicorn with 1 and 2 workers, once more with
the REST page cache off, and Datasette with the same table — a fixed number of concurrent
clients (20 and 100) send requests for a fixed duration (or until ``--max-requests``): CKAN
``package_search`` with a query and facets, and an indicator query (REST ``/api/v1/values`` and
the SQL endpoint, against Datasette's table JSON with the same filters and page size). The
clients are keep-alive HTTP/1.1 connections on asyncio streams (uvloop), light enough to leave
the CPU to the server. Prints requests/s, p50, p99, errors and the CPU seconds of server and
client, and writes the figures as JSON to ``benchmarks/.work/load-<time>.json``. See
``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import itertools
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import psutil

WORK = Path(__file__).resolve().parent / ".work"
ROOT = Path(__file__).resolve().parents[1]
ENV_WORKSPACE = "STUURDATA_LOAD_WORKSPACE"
ENV_NO_PAGE_CACHE = "STUURDATA_LOAD_NO_PAGE_CACHE"
SEARCH_TERMS = ("", "bevolking", "woningen", "buurt", "woz", "vestigingen", "klantcontact", "zorg")
FACETS = json.dumps(["organization", "groups", "res_format", "tags"])


def create_benchmark_app() -> Any:
    """uvicorn factory (``--factory``): the portal of the workspace named in the environment;
    with ``STUURDATA_LOAD_NO_PAGE_CACHE=1`` the REST ``/values`` page cache is off."""
    from stuurdata.portal import create_app

    app = create_app(Path(os.environ[ENV_WORKSPACE]))
    if os.environ.get(ENV_NO_PAGE_CACHE) == "1":
        app.state.values_pages_cached = 0
    return app


@dataclass
class Scenario:
    server: str
    query: str
    clients: int
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    client_cpu: float
    """CPU seconds of this benchmark process (the client) during the scenario."""
    server_cpu: float
    """CPU seconds of the server process and its workers during the scenario."""
    first_error: str | None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def prepare(work: Path) -> tuple[Path, Path]:
    """The built demo workspace and a SQLite copy of ``published.indicators``."""
    from stuurdata.demo import generate_demo
    from stuurdata.warehouse import build, open_current
    from stuurdata.workspace import Workspace

    root = work / "demo"
    if not (root / "stuurdata.yaml").exists():
        generate_demo(root, seed=42)
    ws = Workspace.load(root)
    published = open_current(root, ws.config.engine.path)
    if published is None:
        build(ws)
        published = open_current(root, ws.config.engine.path)
    assert published is not None
    sqlite_path = work / f"indicators-{published.version_id}.db"
    if not sqlite_path.exists():
        con = published.connect()
        try:
            table = con.execute("SELECT * FROM published.indicators").to_arrow_table()
        finally:
            con.close()
        tmp = sqlite_path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        lite = sqlite3.connect(tmp)
        columns = table.column_names
        lite.execute(f"CREATE TABLE indicators ({', '.join(columns)})")
        lite.executemany(
            f"INSERT INTO indicators VALUES ({', '.join('?' * len(columns))})",
            zip(*(table.column(c).to_pylist() for c in columns), strict=True),
        )
        # the index a Datasette publisher would add for these filters
        lite.execute("CREATE INDEX ix_filter ON indicators (indicator, area_level, period)")
        lite.commit()
        lite.close()
        tmp.rename(sqlite_path)
    return root, sqlite_path


@contextlib.contextmanager
def running(
    command: list[str], url: str, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Start a server process, wait until ``url`` answers, stop it afterwards."""
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server stopte: {' '.join(command)}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url, timeout=2).status_code < 500:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"server kwam niet op: {url}")
            time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class _Connection:
    """One keep-alive HTTP/1.1 connection over asyncio streams: the lightest client Python has.

    httpx costs about a millisecond of CPU per request, which on a 2-core machine shared with
    the server is the bottleneck rather than the server. This sends a plain ``GET`` and reads
    the status, the headers and a ``Content-Length`` or chunked body; nothing else.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: */*\r\n\r\n".encode()
        )
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                parts.append(await self.reader.readexactly(size + 2))
                if size == 0:
                    break
            body = b"".join(p[:-2] for p in parts)
        else:
            raise ConnectionError("antwoord zonder lengte")
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _load(
    base: str, paths: list[str], clients: int, seconds: float, max_requests: int
) -> tuple[list[float], int, float, str | None]:
    host, port = base.removeprefix("http://").split(":")
    latencies: list[float] = []
    errors = 0
    first_error: str | None = None
    cycle = itertools.cycle(paths)
    started = time.perf_counter()
    stop_at = started + seconds

    async def worker() -> None:
        nonlocal errors, first_error
        connection = _Connection(host, int(port))
        try:
            while time.perf_counter() < stop_at and len(latencies) + errors < max_requests:
                path = next(cycle)
                sent = time.perf_counter()
                try:
                    status, body = await asyncio.wait_for(connection.get(path), 30)
                    ok = status == 200 and len(body) > 0
                    detail = f"{status} {path}"
                except (OSError, asyncio.IncompleteReadError, ValueError, TimeoutError) as exc:
                    connection.close()
                    ok, detail = False, f"{type(exc).__name__} {path}"
                if ok:
                    latencies.append(time.perf_counter() - sent)
                else:
                    errors += 1
                    first_error = first_error or detail
        finally:
            connection.close()

    await asyncio.gather(*(worker() for _ in range(clients)))
    elapsed = time.perf_counter() - started
    return latencies, errors, elapsed, first_error


def _server_cpu(pid: int) -> float:
    """User + system CPU seconds of a process and its children (uvicorn's workers)."""
    total = 0.0
    with contextlib.suppress(psutil.Error):
        process = psutil.Process(pid)
        for p in [process, *process.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                times = p.cpu_times()
                total += times.user + times.system
    return total


def _run(coroutine: Any) -> Any:
    """Run the client on uvloop (lighter than asyncio's loop) when it is installed."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(coroutine)


def run_scenario(
    server: str,
    query: str,
    base: str,
    paths: list[str],
    clients: int,
    args: argparse.Namespace,
    pid: int,
) -> Scenario:
    _run(_load(base, paths, clients, min(1.0, args.duration), 500))  # warm-up
    client_before, server_before = time.process_time(), _server_cpu(pid)
    latencies, errors, elapsed, first_error = _run(
        _load(base, paths, clients, args.duration, args.max_requests)
    )
    client_cpu, server_cpu = time.process_time() - client_before, _server_cpu(pid) - server_before
    ms = [v * 1000 for v in latencies]
    return Scenario(
        server=server,
        query=query,
        clients=clients,
        requests=len(ms),
        errors=errors,
        seconds=round(elapsed, 2),
        rps=round(len(ms) / elapsed, 1) if elapsed else 0.0,
        p50_ms=round(statistics.median(ms), 2) if ms else float("nan"),
        p99_ms=round(_percentile(ms, 0.99), 2),
        max_ms=round(max(ms), 2) if ms else float("nan"),
        client_cpu=round(client_cpu, 2),
        server_cpu=round(server_cpu, 2),
        first_error=first_error,
    )


def indicator_pairs(sqlite_path: Path) -> list[tuple[str, str]]:
    lite = sqlite3.connect(sqlite_path)
    try:
        rows = lite.execute(
            "SELECT DISTINCT indicator, period FROM indicators WHERE area_level = 'buurt' "
            "ORDER BY 1, 2"
        ).fetchall()
    finally:
        lite.close()
    return [(str(i), str(p)) for i, p in rows][:40]


def table(results: list[Scenario]) -> str:
    lines = [
        "| server | query | clients | requests | req/s | p50 ms | p99 ms | max ms | errors "
        "| server CPU s | client CPU s |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.server} | {r.query} | {r.clients} | {r.requests:,} | {r.rps:,.0f} | "
            f"{r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.max_ms:.1f} | {r.errors} | "
            f"{r.server_cpu:.1f} | {r.client_cpu:.1f} |"
        )
    return "\n".join(lines)


def verdict(results: list[Scenario]) -> list[str]:
    lines = []
    ours = [r for r in results if r.server.startswith("stuurdata")]
    for r in ours:
        if r.clients == 20:
            ok = r.p99_ms < 50 and r.errors == 0
            lines.append(
                f"{'OK  ' if ok else 'MISS'} p99 < 50 ms, no errors at 20 clients: "
                f"{r.server} {r.query} p99 {r.p99_ms:.1f} ms, {r.errors} errors"
            )
    for clients in sorted({r.clients for r in results}):
        theirs = [r for r in results if r.server == "datasette" and r.clients == clients]
        for mine in [r for r in ours if r.query.startswith("indicator") and r.clients == clients]:
            for other in theirs:
                ok = mine.rps > other.rps
                lines.append(
                    f"{'OK  ' if ok else 'MISS'} more req/s than Datasette at {clients} clients: "
                    f"{mine.server} {mine.query} {mine.rps:,.0f} against {other.rps:,.0f}"
                )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__)
    parser.add_argument("--duration", type=float, default=8.0, help="seconds per scenario")
    parser.add_argument("--max-requests", type=int, default=50_000, help="cap per scenario")
    parser.add_argument("--clients", default="20,100", help="concurrent clients, comma-separated")
    parser.add_argument("--workers", default="1,2", help="uvicorn worker counts to run")
    parser.add_argument(
        "--skip-uncached", action="store_true", help="leave out the run without REST page cache"
    )
    args = parser.parse_args(argv)
    work = WORK / "load"
    work.mkdir(parents=True, exist_ok=True)
    root, sqlite_path = prepare(work)
    clients = [int(c) for c in args.clients.split(",")]
    pairs = indicator_pairs(sqlite_path)
    ours_indicator = [
        f"/api/v1/values?indicator={i}&level=buurt&period={p}&limit=100" for i, p in pairs
    ]
    theirs_indicator = [
        f"/{sqlite_path.stem}/indicators.json?indicator={i}&area_level=buurt&period={p}"
        "&_size=100&_shape=objects&_sort=area_code"
        for i, p in pairs
    ]
    ours_sql = [
        "/api/v1/sql?"
        + urlencode(
            {
                "q": "SELECT indicator, period, area_code, area_level, value, reason, rounded "
                "FROM published.indicators WHERE indicator = '" + i + "' AND area_level = 'buurt' "
                "AND period = '" + p + "' ORDER BY area_code LIMIT 100"
            }
        )
        for i, p in pairs
    ]
    search = [
        "/api/3/action/package_search?" + urlencode({"q": q, "rows": 10, "facet.field": FACETS})
        for q in SEARCH_TERMS
    ]
    results: list[Scenario] = []
    python = sys.executable
    configurations: list[tuple[str, int, dict[str, str], list[tuple[str, list[str]]]]] = [
        (
            f"stuurdata ({w} worker{'s' if w > 1 else ''})",
            w,
            {},
            [
                ("package_search", search),
                ("indicator", ours_indicator),
                ("indicator-sql", ours_sql),
            ],
        )
        for w in [int(w) for w in args.workers.split(",")]
    ]
    if not args.skip_uncached:
        # the REST page cache off: every request queries DuckDB, like Datasette queries SQLite
        configurations.append(
            (
                "stuurdata (1 worker, no page cache)",
                1,
                {ENV_NO_PAGE_CACHE: "1"},
                [("indicator", ours_indicator)],
            )
        )
    for name, workers, env, queries in configurations:
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        command = [
            python, "-m", "uvicorn", "benchmarks.load:create_benchmark_app", "--factory",
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
            "--log-level", "warning", "--no-access-log",
        ]  # fmt: skip
        url = f"{base}/api/3/action/status_show"
        with running(command, url, {ENV_WORKSPACE: str(root), **env}) as process:
            for n in clients:
                for query, paths in queries:
                    results.append(run_scenario(name, query, base, paths, n, args, process.pid))
                    print(table(results[-1:]).splitlines()[-1], flush=True)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [
        python, "-m", "datasette", "serve", str(sqlite_path), "--host", "127.0.0.1",
        "--port", str(port), "--setting", "num_sql_threads", "3",
        "--setting", "suggest_facets", "off",
    ]  # fmt: skip
    # facet suggestions run extra queries per table request (about 2.4x fewer req/s here);
    # off, Datasette does what /api/v1/values does: filter, count, one sorted page
    with running(command, f"{base}/-/versions.json") as process:
        for n in clients:
            results.append(
                run_scenario("datasette", "indicator", base, theirs_indicator, n, args, process.pid)
            )
            print(table(results[-1:]).splitlines()[-1], flush=True)
    print()
    print(table(results))
    print()
    print("\n".join(verdict(results)))
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = WORK / f"load-{stamp}.json"
    out.write_text(
        json.dumps(
            {
                "started": stamp,
                "duration": args.duration,
                "cpus": os.cpu_count(),
                "results": [asdict(r) for r in results],
                "verdict": verdict(results),
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    print(f"\nJSON: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
