# SPDX-License-Identifier: EUPL-1.2
"""The inputs of a build: the workspace's areas and every source, read and checked in memory.

Nothing here writes. All sources are ingested before the build writes anything, and the
problems of every rejected source are raised together, so one run shows everything to fix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from stuurdata.errors import Problem, SourceError, WorkspaceError
from stuurdata.warehouse.manifest import FileHash, SourceRun

if TYPE_CHECKING:
    import pyarrow as pa

    from stuurdata.areas import AreaSet
    from stuurdata.sources.result import IngestedSource
    from stuurdata.workspace import Workspace

# Areas and sources pull in shapely, pyproj and the connectors: imported when a build needs
# them, so that readers of the warehouse (API, portal) stay light.

MAX_PROBLEMS_IN_MANIFEST = 100


def load_areas(ws: Workspace) -> AreaSet:
    from stuurdata.areas import load_workspace_areas

    return load_workspace_areas(ws.root, ws.config)


def area_table(area_set: AreaSet, level: str) -> pa.Table:
    from stuurdata.areas import AreaLevel

    return area_set.to_arrow(AreaLevel(level))


def ingest_sources(
    ws: Workspace,
    area_set: AreaSet,
    names: list[str],
    step: Callable[[str], None] | None = None,
) -> dict[str, IngestedSource]:
    """Ingest the named sources; raise one :class:`SourceError` with the problems of all."""
    from stuurdata.areas import AreaLevel
    from stuurdata.sources.ingest import ingest_source
    from stuurdata.sources.validate import RuleContext

    context = RuleContext(
        known_codes={
            "gemeente": area_set.codes(AreaLevel.GEMEENTE),
            "wijk": area_set.codes(AreaLevel.WIJK),
            "buurt": area_set.codes(AreaLevel.BUURT),
        },
        boundary_year=ws.config.boundary_year,
        today=dt.date.today(),
    )
    purposes = {purpose.id: purpose for purpose in ws.config.purposes}
    ingested: dict[str, IngestedSource] = {}
    problems: list[Problem] = []
    rejected: list[str] = []
    for name in names:
        source = ws.sources[name]
        try:
            ingested[name] = ingest_source(source, ws.root, context, purposes)
        except SourceError as exc:
            rejected.append(name)
            problems.extend(exc.problems or [Problem(source.path, "bron", str(exc))])
        if step is not None:
            step(name)
    if rejected:
        raise SourceError(
            f"{len(rejected)} bron(nen) afgewezen ({', '.join(rejected)}); er is niets geschreven "
            "en de vorige versie blijft in gebruik",
            problems,
        )
    return ingested


def source_run(ws: Workspace, source: IngestedSource) -> SourceRun:
    """The manifest entry of an ingested source."""
    definition = ws.sources[source.name]
    return SourceRun(
        name=source.name,
        title=definition.title,
        classification=str(definition.classification),
        files=[FileHash.of(f, ws.root) for f in source.files],
        rows_in=source.rows_in,
        rows_loaded=source.rows_loaded,
        rows_rejected=source.rows_rejected,
        seconds=round(source.seconds, 4),
        pseudonymised_columns=list(source.pseudonymised_columns),
        problems=[str(p) for p in source.problems[:MAX_PROBLEMS_IN_MANIFEST]],
    )


def check_sources(ws: Workspace, only: list[str] | None = None) -> list[SourceRun]:
    """Read and check sources (all, or those named in ``only``) the way a build does; write
    nothing. Raises :class:`SourceError` listing the problems of every rejected source."""
    names = list(ws.sources) if not only else list(dict.fromkeys(only))
    unknown = [name for name in names if name not in ws.sources]
    if unknown:
        known = ", ".join(sorted(ws.sources)) or "(geen)"
        raise WorkspaceError(
            "onbekende bron(nen)",
            [
                Problem("--source", "bron", f"bron '{name}' bestaat niet", expected=known)
                for name in unknown
            ],
        )
    ingested = ingest_sources(ws, load_areas(ws), names)
    return [source_run(ws, source) for source in ingested.values()]
