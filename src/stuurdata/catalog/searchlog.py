# SPDX-License-Identifier: EUPL-1.2
"""Searches that found nothing, kept append-only so the request intake can show what people miss.

One JSON object per line in ``.stuurdata/app/zoekvragen.jsonl`` of the workspace: when, the
search text, the filters and the channel (``portal`` or ``ckan``). Nothing about who searched is
kept. Lines are written with one ``write`` on a file opened for appending, so concurrent web
workers do not interleave.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

LOG_FILE = Path(".stuurdata") / "app" / "zoekvragen.jsonl"
MAX_TEXT = 200


@dataclass(frozen=True)
class MissedSearch:
    at: dt.datetime
    text: str
    filters: tuple[tuple[str, str], ...]
    channel: str


class SearchLog:
    """The append-only store of searches without results."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    @classmethod
    def for_workspace(cls, root: Path) -> SearchLog:
        return cls(root / LOG_FILE)

    def record(
        self,
        text: str,
        filters: tuple[tuple[str, str], ...] = (),
        channel: str = "portal",
        at: dt.datetime | None = None,
    ) -> None:
        """Append one missed search (text cut to 200 characters)."""
        entry = {
            "at": (at or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
            "text": " ".join(text.split())[:MAX_TEXT],
            "filters": [list(f) for f in filters],
            "channel": channel,
        }
        line = (json.dumps(entry, ensure_ascii=False) + "\n").encode()
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
            try:
                os.write(fd, line)
            finally:
                os.close(fd)

    def entries(self) -> list[MissedSearch]:
        """Every recorded search, oldest first; unreadable lines are skipped."""
        if not self.path.exists():
            return []
        found: list[MissedSearch] = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                data = json.loads(line)
                found.append(
                    MissedSearch(
                        dt.datetime.fromisoformat(data["at"]),
                        str(data["text"]),
                        tuple((str(k), str(v)) for k, v in data.get("filters", [])),
                        str(data.get("channel", "")),
                    )
                )
            except (ValueError, KeyError, TypeError):
                continue
        return found
