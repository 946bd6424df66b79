# SPDX-License-Identifier: EUPL-1.2
"""A warehouse build: ingest every source, load raw and areas, run the models, publish.

Sources are checked in parallel and each accepted one is loaded into the new version at once;
the version stays invisible until the very end. When a source is rejected the others are still
checked, the problems of all are raised together as one :class:`SourceError`, and the
unpublished version is removed. The new version becomes visible in one atomic swap at the end;
any failure (or a killed process) before that leaves the previous version served.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol

from stuurdata.errors import BuildError, WorkspaceError
from stuurdata.warehouse.engine import EngineAdapter, VersionWriter, create_engine
from stuurdata.warehouse.inputs import area_table, ingest_sources, load_areas, source_run
from stuurdata.warehouse.manifest import DatasetRun, Manifest, code_version
from stuurdata.warehouse.models import check_dependencies, run_models
from stuurdata.warehouse.publish_datasets import publish_datasets, published_table

if TYPE_CHECKING:
    from stuurdata.sources.result import IngestedSource
    from stuurdata.workspace import SqlModel, Workspace

AREA_TABLES: dict[str, str] = {
    "gemeente": "gemeenten",
    "wijk": "wijken",
    "buurt": "buurten",
    "regio": "regios",
}
"""``areas.<table>`` per area level."""
SCHEMAS: list[str] = ["raw", "areas", "staging", "marts", "meta"]
PHASES: tuple[str, ...] = ("areas", "sources", "models", "publish")
"""Phases of every build; a workspace with indicators adds "indicators" before "publish"."""


class BuildProgress(Protocol):
    """Receives a build's progress, e.g. to draw the CLI's progress bars."""

    def phase_started(self, phase: str, total: int | None, description: str) -> None:
        """A phase (one of :data:`PHASES`) starts; ``total`` steps when known."""

    def phase_advanced(self, phase: str, step: str) -> None:
        """One step of the phase (a source, table or model named ``step``) is done."""

    def phase_finished(self, phase: str, seconds: float) -> None:
        """The phase is done."""


class _Silent:
    def phase_started(self, phase: str, total: int | None, description: str) -> None:
        pass

    def phase_advanced(self, phase: str, step: str) -> None:
        pass

    def phase_finished(self, phase: str, seconds: float) -> None:
        pass


class _Phases:
    def __init__(self, progress: BuildProgress) -> None:
        self.progress = progress
        self.seconds: dict[str, float] = {}

    @contextmanager
    def run(self, phase: str, total: int | None, description: str) -> Iterator[None]:
        started = time.perf_counter()
        self.progress.phase_started(phase, total, description)
        yield
        self.seconds[phase] = round(time.perf_counter() - started, 4)
        self.progress.phase_finished(phase, self.seconds[phase])

    def step(self, phase: str) -> Callable[[str], None]:
        return lambda name: self.progress.phase_advanced(phase, name)


def build(ws: Workspace, progress: BuildProgress | None = None) -> Manifest:
    """Build a new warehouse version of ``ws`` and publish it atomically.

    Raises :class:`WorkspaceError` (definitions), :class:`SourceError` (all rejected source
    files, before anything is written) or :class:`BuildError`; the previous version stays served.
    """
    problems = ws.check()
    if problems:
        raise WorkspaceError("de werkruimte bevat fouten; los die eerst op", problems)
    models = ws.model_order()
    engine = create_engine(ws.config.engine, ws.root)
    with engine.build_lock():
        engine.cleanup_incomplete()
        return _build_locked(ws, engine, models, _Phases(progress or _Silent()))


def _build_locked(
    ws: Workspace, engine: EngineAdapter, models: list[SqlModel], phases: _Phases
) -> Manifest:
    started_at = dt.datetime.now(dt.UTC)
    started = time.perf_counter()

    with phases.run("areas", None, "gebiedsindeling laden"):
        area_set = load_areas(ws)
    loaded = [f"raw.{name}" for name in ws.sources] + [f"areas.{t}" for t in AREA_TABLES.values()]
    check_dependencies(models, loaded, ws.root)

    version_id = engine.new_version_id()
    # The new version is invisible until publish: a rejected source aborts it (and removes it).
    with engine.begin_version(version_id) as writer:
        writer.create_schemas(SCHEMAS)
        area_rows = {
            table: writer.load_arrow("areas", table, area_table(area_set, level))
            for level, table in AREA_TABLES.items()
        }
        with phases.run("sources", len(ws.sources), "bronnen inlezen, controleren en laden"):
            ingested = ingest_sources(
                ws,
                area_set,
                list(ws.sources),
                phases.step("sources"),
                # written while checked where the engine allows, else loaded as soon as each
                # source is checked, so its Arrow table is let go early
                on_ingested=lambda source: _load_raw(writer, source),
                target_for=writer.raw_target,
            )
        source_runs = [source_run(ws, source) for source in ingested.values()]
        with phases.run("models", len(models), "modellen draaien"):
            step = phases.step("models")
            model_runs = run_models(writer, models, ws.root, lambda m: step(m.name))
        if ws.indicators:  # phase "indicators": the cube, then published.indicators
            from stuurdata.indicators.phase import run_indicators

            with phases.run("indicators", None, "indicatoren berekenen en beveiligen"):
                run_indicators(ws, writer, phases.step("indicators"))
        with phases.run("publish", None, "versie vastleggen en publiceren"):
            # openbare datasets: published.<naam>, alleen via geheimhouding (disclosure)
            published = publish_datasets(ws, writer, phases.step("publish"))
            manifest = Manifest(
                version_id=version_id,
                workspace_name=ws.config.name,
                started_at=started_at,
                finished_at=dt.datetime.now(dt.UTC),
                code_version=code_version(),
                engine=engine.KIND,
                boundary_year=ws.config.boundary_year,
                sources=source_runs,
                models=model_runs,
                datasets=_dataset_runs(ws, writer, published),
                areas=area_rows,
                phases=dict(phases.seconds),
                seconds=round(time.perf_counter() - started, 4),
            )
            writer.store_manifest(manifest.model_dump_json(indent=2))
            writer.finish()
            engine.publish(version_id)
            engine.gc(ws.config.engine.keep_versions)
    return manifest


def _load_raw(writer: VersionWriter, source: IngestedSource) -> None:
    if source.table is None:  # written to writer.raw_target(source.name) while checked
        writer.raw_written(source.name)
    else:
        writer.load_arrow("raw", source.name, source.table)


def _dataset_runs(
    ws: Workspace, writer: VersionWriter, published: dict[str, int]
) -> list[DatasetRun]:
    tables = {t.lower() for t in writer.tables()}
    runs: list[DatasetRun] = []
    for dataset in ws.datasets.values():
        if dataset.model.lower() not in tables:
            raise BuildError(
                f"dataset {dataset.name} ({ws.label(f'dataset:{dataset.name}')}) verwijst naar "
                f"model '{dataset.model}', maar die tabel is niet gebouwd"
            )
        # an openbaar dataset is served from published.<naam>: describe that table
        table = published_table(dataset.name) if dataset.name in published else dataset.model
        runs.append(
            DatasetRun(
                name=dataset.name,
                title=dataset.title,
                model=dataset.model,
                classification=None
                if dataset.classification is None
                else str(dataset.classification),
                rows=writer.row_count(table),
                columns=writer.columns(table),
            )
        )
    return runs
