# SPDX-License-Identifier: EUPL-1.2
"""The engine benchmark must not rot: a tiny scale built on all three engines in one run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks.engines import main


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.spark
def test_engine_benchmark_builds_a_tiny_scale_on_every_engine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--scales", "p3000", "--work", str(tmp_path), "--threads", "2"]) == 0
    out = capsys.readouterr().out
    assert "| p3000 | duckdb |" in out and "1.00×" in out
    assert "| p3000 | postgres |" in out and "| p3000 | spark |" in out
    (results,) = tmp_path.glob("engines-*.json")
    rows = json.loads(results.read_text(encoding="utf-8"))
    assert [r["engine"] for r in rows] == ["duckdb", "postgres", "spark"]
    assert all(r["error"] is None for r in rows)
    published = {r["rows_published"] for r in rows}
    assert len(published) == 1 and published.pop() > 0, "every engine publishes the same rows"
    assert all(r["peak_mib"] > 50 and r["seconds"] > 0 for r in rows)
