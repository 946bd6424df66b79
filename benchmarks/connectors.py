# SPDX-License-Identifier: EUPL-1.2
"""Timing of the connectors left out of the comparison (BAG XML, XLSX), so nothing is hidden.

They are ingested exactly as a build does (read, validate, pseudonymise), one source at a time,
on the full generated workspace; the result is rows and rows per second per source.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ConnectorTiming:
    source: str
    connector: str
    rows: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0


def time_sources(generated: Path, names: list[str]) -> list[ConnectorTiming]:
    """Ingest each named source of ``generated`` on its own; time it as the manifest does."""
    from stuurdata.warehouse import check_sources
    from stuurdata.workspace import Workspace

    ws = Workspace.load(generated)
    timings: list[ConnectorTiming] = []
    for name in names:
        runs = check_sources(ws, only=[name])  # also loads the areas: not counted below
        seconds = sum(run.seconds for run in runs)
        rows = sum(run.rows_loaded for run in runs)
        timings.append(ConnectorTiming(name, ws.sources[name].connector, rows, seconds))
    return timings
