# SPDX-License-Identifier: EUPL-1.2
"""The page-time benchmark must not rot: every page kind measured over the built demo region,
ratios to the baseline, the verdict on the 300 ms target, the JSON written."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.pages import BASELINE, TARGET_PAGES, Caller, main, run, verdict

from stuurdata.portal import create_app
from tests.api.demo_app import built_demo

__all__ = ["built_demo"]


def test_every_page_kind_is_measured(built_demo: Path) -> None:
    results = {r.page: r for r in run(built_demo, requests=3)}
    assert {BASELINE, "home", "dataset", "map (buurten)", "area profile", "dashboard"} <= set(
        results
    )
    assert results[BASELINE].ratio == 1.0
    for result in results.values():
        assert result.requests == 3
        assert 0 < result.p50_ms <= result.p95_ms <= result.max_ms
        assert result.ratio is not None and result.ratio > 0
        assert result.kb > 0
    lines = verdict(list(results.values()))
    assert [line.split(":")[0] for line in lines] == list(TARGET_PAGES)
    assert all(line.endswith(("PASS", "FAIL")) for line in lines)


def test_caller_answers_like_a_server(built_demo: Path) -> None:
    call = Caller(create_app(built_demo))
    try:
        status, body, seconds = call("/kaart?lang=en")
        assert status == 200 and b"<html" in body and seconds > 0
        assert call("/bestaat-niet")[0] == 404
    finally:
        call.close()


def test_main_writes_json(built_demo: Path, tmp_path: Path) -> None:
    assert main(["--workspace", str(built_demo), "--requests", "1", "--work", str(tmp_path)]) == 0
    (written,) = tmp_path.glob("pages-*.json")
    assert {r["page"] for r in json.loads(written.read_text())["results"]} >= {BASELINE, "home"}
