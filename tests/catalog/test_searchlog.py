# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import threading
from pathlib import Path

from stuurdata.catalog.searchlog import LOG_FILE, SearchLog


def test_missed_searches_are_appended_and_read_back(tmp_path: Path) -> None:
    log = SearchLog.for_workspace(tmp_path)
    log.record("  parkeerplaatsen   per buurt ", (("theme", "verkeer"),), "portal")
    log.record("x" * 500, (), "ckan")
    entries = log.entries()
    assert (tmp_path / LOG_FILE).is_file()
    assert [e.text for e in entries] == ["parkeerplaatsen per buurt", "x" * 200]
    assert entries[0].filters == (("theme", "verkeer"),)
    assert [e.channel for e in entries] == ["portal", "ckan"]


def test_existing_lines_are_kept_and_bad_lines_skipped(tmp_path: Path) -> None:
    path = tmp_path / "zoek.jsonl"
    path.write_text("niet json\n", encoding="utf-8")
    log = SearchLog(path)
    log.record("afval")
    assert path.read_text(encoding="utf-8").startswith("niet json\n")
    assert [e.text for e in log.entries()] == ["afval"]


def test_concurrent_writers_do_not_interleave(tmp_path: Path) -> None:
    log = SearchLog(tmp_path / "zoek.jsonl")

    def write(n: int) -> None:
        for i in range(50):
            log.record(f"zoekvraag {n}-{i}")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(log.entries()) == 200
