# SPDX-License-Identifier: EUPL-1.2
"""Rich progress bars for a build (implements :class:`stuurdata.warehouse.build.BuildProgress`)."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)


class RichBuildProgress:
    """One bar per build phase; steps name the source, table or model just finished."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("[dim]{task.fields[step]}"),
            console=console,
            transient=False,
        )
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> RichBuildProgress:
        self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def phase_started(self, phase: str, total: int | None, description: str) -> None:
        self._tasks[phase] = self._progress.add_task(description, total=total, step="")

    def phase_advanced(self, phase: str, step: str) -> None:
        self._progress.update(self._tasks[phase], advance=1, step=step)

    def phase_finished(self, phase: str, seconds: float) -> None:
        task = self._tasks[phase]
        total = self._progress.tasks[task].total
        self._progress.update(
            task, completed=total if total else 1, total=total or 1, step=f"{seconds:.1f} s"
        )
