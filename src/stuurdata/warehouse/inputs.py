# SPDX-License-Identifier: EUPL-1.2
"""The inputs of a build: the workspace's areas and every source, read and checked.

Nothing here writes by itself. A build passes ``target_for`` so that each source is written
into its new, still invisible version by the very query that checks it (DuckDB), or
``on_ingested`` to load each checked source while the next one is read and checked in a worker
thread (reading, checking and hashing release the GIL). The problems of every rejected source are
raised together, so one run shows everything to fix.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import TYPE_CHECKING

from stuurdata.errors import Problem, SourceError, WorkspaceError
from stuurdata.warehouse.manifest import FileHash, SourceRun

if TYPE_CHECKING:
    import pyarrow as pa

    from stuurdata.areas import AreaSet
    from stuurdata.sources.result import IngestedSource
    from stuurdata.sources.validate import WriteTarget
    from stuurdata.workspace import Workspace

# Areas and sources pull in shapely, pyproj and the connectors: imported when a build needs
# them, so that readers of the warehouse (API, portal) stay light.

MAX_PROBLEMS_IN_MANIFEST = 100
INGEST_WORKERS = 2
"""Sources checked (and, on DuckDB, written) at the same time as the build thread goes on."""


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
    on_ingested: Callable[[IngestedSource], object] | None = None,
    target_for: Callable[[str], WriteTarget | None] | None = None,
) -> dict[str, IngestedSource]:
    """Ingest the named sources; raise one :class:`SourceError` with the problems of all.

    ``target_for(name)`` may give a table of the unpublished version for the source to be
    written to while it is checked (the source then comes back without its table).
    ``on_ingested`` is called in the calling thread for each accepted source as soon as it is
    ready (until a source is rejected), while the next ones are checked; the returned sources
    then no longer hold their table.
    """
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
    problems: dict[str, list[Problem]] = {}
    # One worker: the next source is read and checked while this thread loads the previous
    # one. More workers buy little (each step already uses every core) and at national scale
    # two large sources in memory at once come close to the machine's limit.

    def ingest(name: str) -> IngestedSource:
        target = target_for(name) if target_for is not None else None
        try:
            return ingest_source(ws.sources[name], ws.root, context, purposes, into=target)
        finally:
            if target is not None:
                target.con.close()

    with ThreadPoolExecutor(max_workers=INGEST_WORKERS, thread_name_prefix="ingest") as pool:
        futures = {pool.submit(ingest, name): name for name in names}
        for future in as_completed(futures):
            name = futures[future]
            try:
                result = future.result()
            except SourceError as exc:
                source = ws.sources[name]
                problems[name] = list(exc.problems) or [Problem(source.path, "bron", str(exc))]
            else:
                if on_ingested is not None and not problems:
                    on_ingested(result)
                    result = dataclasses.replace(result, table=None)
                ingested[name] = result
            if step is not None:
                step(name)
    if problems:
        rejected = [name for name in names if name in problems]
        raise SourceError(
            f"{len(rejected)} bron(nen) afgewezen ({', '.join(rejected)}); er is niets geschreven "
            "en de vorige versie blijft in gebruik",
            [problem for name in rejected for problem in problems[name]],
        )
    return {name: ingested[name] for name in names}


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
