# SPDX-License-Identifier: EUPL-1.2
"""The SQL model runner: materialise each model as a table, in dependency order.

Dependencies are read with SQLGlot by the workspace (:attr:`SqlModel.depends_on`); the runner
checks that each one exists before anything runs, so a typo is reported with its file at once
instead of as a DuckDB error halfway through a long build.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from stuurdata.errors import BuildError
from stuurdata.warehouse.engine import SqlError, VersionWriter
from stuurdata.warehouse.manifest import ModelRun
from stuurdata.workspace import SqlModel


def _label(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def check_dependencies(models: list[SqlModel], loaded: Iterable[str], root: Path) -> None:
    """Raise :class:`BuildError` listing every dependency that is neither loaded nor built earlier.

    ``models`` must be in run order; ``loaded`` are the tables the build loads itself
    (``raw.<source>``, ``areas.<level>``).
    """
    available = {name.lower() for name in loaded}
    missing: list[str] = []
    for model in models:
        for dependency in sorted(model.depends_on):
            if dependency.lower() in available:
                continue
            hint = ""
            if "." not in dependency:
                hint = " (schrijf de tabel met schema, bijvoorbeeld raw.<bron> of staging.<model>)"
            missing.append(f"  - {_label(model.path, root)}: '{dependency}' bestaat niet{hint}")
        available.add(model.name.lower())
    if missing:
        known = ", ".join(sorted(available))
        raise BuildError(
            "modellen lezen tabellen die niet bestaan:\n"
            + "\n".join(missing)
            + f"\n  beschikbaar: {known}"
        )


def run_models(
    writer: VersionWriter,
    models: list[SqlModel],
    root: Path,
    on_model: Callable[[SqlModel], None] | None = None,
) -> list[ModelRun]:
    """Create ``<layer>.<name>`` for each model, in the given (dependency) order."""
    runs: list[ModelRun] = []
    for model in models:
        started = time.perf_counter()
        try:
            rows = writer.create_table_as(model.name, model.sql)
        except SqlError as exc:
            raise BuildError(
                f"model {model.name} ({_label(model.path, root)}) mislukt: {exc.engine_message}"
            ) from exc
        runs.append(
            ModelRun(
                name=model.name,
                path=_label(model.path, root),
                rows=rows,
                seconds=round(time.perf_counter() - started, 4),
                depends_on=sorted(model.depends_on),
            )
        )
        if on_model is not None:
            on_model(model)
    return runs
