# SPDX-License-Identifier: EUPL-1.2
"""``python -m benchmarks.pages``: server time per portal page, against a baseline in the same run.

    python -m benchmarks.pages                      # the demo region (84,000 persons)
    python -m benchmarks.pages --persons 18000000   # national scale (~352 gemeenten, 14,000 buurten)
    python -m benchmarks.pages --workspace DIR      # a workspace that is built already

The synthetic region is generated and built once into ``benchmarks/.work/pages/<scale>/``
(reused). Then every page is requested straight through the ASGI application in this process —
no sockets, no HTTP client: the time from calling the app to the last body byte is the server's
time (routing, DuckDB queries, rendering, middleware). Per page the first request (cold: the
version's memos and caches are empty) is reported apart, then ``--requests`` more give p50 and
p95. Pages whose result is cached per key rotate through many keys (dashboards through every
gemeente, area profiles through
buurten, wijken and gemeenten; the map through indicators), so most requests miss the cache.

Baseline, measured in the same run: a static file (``/static/favicon.svg``) through the same
app and middleware, i.e. what any request costs; each page's p50 is printed as a ratio to it.
Target (issue #5): area profile and dashboard p95 < 300 ms. Figures are written as JSON to
``benchmarks/.work/pages-<UTC time>.json``. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import json
import re
import shutil
import statistics
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

WORK = Path(__file__).resolve().parent / ".work"
TARGET_MS = 300.0
TARGET_PAGES = ("area profile", "dashboard")
BASELINE = "baseline (static file)"


def prepare(work: Path, persons: int | None, seed: int = 42, *, bag: bool = True) -> Path:
    """The built synthetic workspace of ``persons`` (None: the demo region), made once.

    ``bag=False`` generates no BAG XML extract and drops the BAG sources and what depends on
    them (:mod:`benchmarks.without_bag`): the only way to build national scale in minutes.
    """
    from stuurdata.demo import generate_demo
    from stuurdata.warehouse import build, open_current
    from stuurdata.workspace import Workspace

    name = "demo" if persons is None else f"p{persons}"
    root = work / "pages" / (name if bag else f"{name}-zonder-bag")
    done = root / ".stuurdata" / "benchmark-generated"  # written last: an interrupted run redoes
    if not done.exists():
        shutil.rmtree(root, ignore_errors=True)
        print(f"generating the synthetic region into {root} ...", flush=True)
        generate_demo(root, seed=seed, persons=persons, bag=bag)
        if not bag:
            from benchmarks.without_bag import drop_bag

            for kind, names in drop_bag(root).items():
                print(f"left out without the BAG: {kind}: {', '.join(sorted(names))}")
        done.write_text("ok\n", encoding="utf-8")
    ws = Workspace.load(root)
    if open_current(root, ws.config.engine.path) is None:
        print(f"building {root} ...", flush=True)
        started = time.perf_counter()
        build(ws)
        print(f"built in {time.perf_counter() - started:.1f} s", flush=True)
    return root


class Caller:
    """Requests through an ASGI app on one event loop kept for the whole run, in a thread of its
    own (so it also works where the calling thread runs a loop already, e.g. under Playwright)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.loop = asyncio.new_event_loop()
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pages-benchmark")

    def close(self) -> None:
        self._thread.submit(self.loop.close).result()
        self._thread.shutdown()

    def __call__(self, path: str) -> tuple[int, bytes, float]:
        """GET ``path``: (status, body, seconds from calling the app to its last body byte)."""
        target, _, query = path.partition("?")
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": target,
            "raw_path": target.encode(),
            "query_string": query.encode(),
            "root_path": "",
            "headers": [(b"host", b"127.0.0.1"), (b"accept-language", b"nl")],
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 80),
        }
        status = 0
        chunks: list[bytes] = []

        async def receive() -> dict[str, Any]:
            await asyncio.sleep(3600)  # the client never disconnects early
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        async def run() -> float:
            started = time.perf_counter()
            await self.app(scope, receive, send)
            return time.perf_counter() - started

        seconds = self._thread.submit(lambda: self.loop.run_until_complete(run())).result()
        return status, b"".join(chunks), seconds


@dataclass
class PageResult:
    page: str
    example: str
    requests: int
    first_ms: float
    p50_ms: float
    p95_ms: float
    max_ms: float
    kb: float
    ratio: float | None = None
    """p50 divided by the baseline's p50."""


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(call: Caller, name: str, paths: Iterator[str], requests: int) -> PageResult:
    first_path = next(paths)
    status, body, first = call(first_path)
    if status != 200:
        raise RuntimeError(f"{name}: {first_path} answered {status}")
    times: list[float] = []
    for path in itertools.islice(paths, requests):
        status, body, seconds = call(path)
        if status != 200:
            raise RuntimeError(f"{name}: {path} answered {status}")
        times.append(seconds * 1000)
    return PageResult(
        page=name,
        example=first_path,
        requests=len(times),
        first_ms=first * 1000,
        p50_ms=statistics.median(times),
        p95_ms=_percentile(times, 0.95),
        max_ms=max(times),
        kb=len(body) / 1024,
    )


def _cycle(paths: list[str]) -> Iterator[str]:
    if not paths:
        raise RuntimeError("no pages of this kind to measure")
    return itertools.cycle(paths)


def page_sets(call: Caller, root: Path) -> dict[str, Callable[[], Iterator[str]]]:
    """Per page kind, a fresh iterator of paths to request (rotating where results are cached)."""
    from stuurdata.warehouse import open_current
    from stuurdata.workspace import Workspace

    ws = Workspace.load(root)
    published = open_current(root, ws.config.engine.path)
    assert published is not None
    con = published.connect()
    try:
        areas = {
            level: [
                r[0]
                for r in con.execute(f"SELECT code FROM areas.{table} ORDER BY code").fetchall()
            ]
            for level, table in (
                ("gemeente", "gemeenten"),
                ("wijk", "wijken"),
                ("buurt", "buurten"),
            )
        }
        pairs = con.execute(
            "SELECT indicator, max(period) FROM published.indicators WHERE area_level = 'buurt' "
            "GROUP BY indicator ORDER BY indicator"
        ).fetchall()
    finally:
        con.close()
    call("/")  # resolve the published version once
    datasets = [d.name for d in call.app.state.store.current().datasets]
    _, listing, _ = call("/dashboards")
    boards = sorted(set(re.findall(rb'href="/dashboards/([a-z0-9_-]+)"', listing)))
    mixed = areas["buurt"][::7] + areas["wijk"][::3] + areas["gemeente"]
    maps = [
        "/kaart?" + urlencode({"indicator": i, "level": "buurt", "period": p}) for i, p in pairs
    ]
    return {
        BASELINE: lambda: _cycle(["/static/favicon.svg"]),
        "home": lambda: _cycle(["/"]),
        "dataset": lambda: _cycle([f"/datasets/{name}" for name in datasets]),
        "map (buurten)": lambda: _cycle(maps),
        "map GeoJSON (buurten)": lambda: _cycle(
            [m.replace("/kaart?", "/kaart/data.geojson?") for m in maps]
        ),
        "area profile": lambda: _cycle([f"/gebieden/{code}" for code in mixed]),
        "dashboard": lambda: _cycle(
            [f"/dashboards/{b.decode()}?gebied={g}" for g in areas["gemeente"] for b in boards]
        ),
    }


def run(root: Path, requests: int) -> list[PageResult]:
    from stuurdata.portal import create_app

    call = Caller(create_app(root))
    results: list[PageResult] = []
    try:
        for name, paths in page_sets(call, root).items():
            try:
                results.append(measure(call, name, paths(), requests))
            except RuntimeError as error:
                print(f"skipped {name}: {error}", flush=True)
    finally:
        call.close()
    baseline = next((r for r in results if r.page == BASELINE), None)
    for result in results:
        if baseline is not None and baseline.p50_ms > 0:
            result.ratio = result.p50_ms / baseline.p50_ms
    return results


def table(results: list[PageResult]) -> str:
    lines = [
        "| page | example | n | first ms | p50 ms | p95 ms | max ms | KiB | p50 / baseline |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ratio = f"{r.ratio:.1f}x" if r.ratio is not None else "-"
        lines.append(
            f"| {r.page} | `{r.example}` | {r.requests} | {r.first_ms:.1f} | {r.p50_ms:.1f} | "
            f"{r.p95_ms:.1f} | {r.max_ms:.1f} | {r.kb:.0f} | {ratio} |"
        )
    return "\n".join(lines)


def verdict(results: list[PageResult]) -> list[str]:
    lines = []
    for name in TARGET_PAGES:
        found = next((r for r in results if r.page == name), None)
        if found is None:
            lines.append(f"{name}: not measured (no such page in this workspace)")
            continue
        state = "PASS" if found.p95_ms < TARGET_MS else "FAIL"
        lines.append(f"{name}: p95 {found.p95_ms:.1f} ms (target < {TARGET_MS:.0f} ms) {state}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pages", description=__doc__)
    parser.add_argument("--persons", type=int, default=None, help="persons (default: demo region)")
    parser.add_argument("--workspace", type=Path, default=None, help="a built workspace to use")
    parser.add_argument(
        "--requests", type=int, default=40, help="requests per page after the first"
    )
    parser.add_argument(
        "--without-bag",
        action="store_true",
        help="no BAG XML extract: drop the BAG sources and their dependants (national scale)",
    )
    parser.add_argument("--work", type=Path, default=WORK, help="work folder")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target page FAILs")
    args = parser.parse_args(argv)
    root = args.workspace or prepare(args.work, args.persons, bag=not args.without_bag)
    results = run(root, args.requests)
    print(table(results))
    lines = verdict(results)
    print("\n".join(lines))
    args.work.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = args.work / f"pages-{stamp}.json"
    out.write_text(
        json.dumps({"workspace": str(root), "results": [asdict(r) for r in results]}, indent=2)
    )
    print(f"written to {out}")
    return 1 if args.check and any(line.endswith("FAIL") for line in lines) else 0


if __name__ == "__main__":
    raise SystemExit(main())
