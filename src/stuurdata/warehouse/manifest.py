# SPDX-License-Identifier: EUPL-1.2
"""The build manifest: what went into a version and what came out, so it describes itself.

Written as ``versions/<id>.manifest.json`` next to the version and stored inside it in
``meta.manifest``. Invariant per source: ``rows_in == rows_loaded + rows_rejected``.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

import stuurdata
from stuurdata.sources.result import InputFile


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FileHash(_Frozen):
    path: str
    """Workspace-relative path (POSIX) of an input file, absolute when outside the workspace."""
    sha256: str
    size: int

    @classmethod
    def of(cls, file: InputFile, workspace_root: Path) -> FileHash:
        try:
            shown = file.path.resolve().relative_to(workspace_root.resolve()).as_posix()
        except ValueError:
            shown = str(file.path)
        return cls(path=shown, sha256=file.sha256, size=file.size)


class SourceRun(_Frozen):
    name: str
    title: str
    classification: str
    files: list[FileHash]
    rows_in: int = Field(ge=0)
    rows_loaded: int = Field(ge=0)
    rows_rejected: int = Field(ge=0)
    seconds: float
    pseudonymised_columns: list[str] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)
    """The first rows left out (``on_error: reject_rows``), for the data specialist."""

    @model_validator(mode="after")
    def _rows_add_up(self) -> SourceRun:
        if self.rows_in != self.rows_loaded + self.rows_rejected:
            raise ValueError(
                f"bron {self.name}: rijen in ({self.rows_in}) is niet geladen "
                f"({self.rows_loaded}) + afgewezen ({self.rows_rejected})"
            )
        return self


class ModelRun(_Frozen):
    name: str
    path: str
    rows: int
    seconds: float
    depends_on: list[str]


class DatasetRun(_Frozen):
    name: str
    title: str
    model: str
    classification: str | None
    rows: int
    columns: list[str]


class Manifest(_Frozen):
    version_id: str
    workspace_name: str
    status: Literal["complete"] = "complete"
    started_at: dt.datetime
    finished_at: dt.datetime
    code_version: str
    engine: str
    boundary_year: int
    sources: list[SourceRun]
    models: list[ModelRun]
    datasets: list[DatasetRun]
    areas: dict[str, int]
    """Rows per ``areas.*`` table."""
    phases: dict[str, float] = Field(default_factory=dict)
    """Seconds per build phase."""
    seconds: float

    def tables(self) -> dict[str, int]:
        """Every table the version must hold, with its row count."""
        found = {f"raw.{s.name}": s.rows_loaded for s in self.sources}
        found.update({f"areas.{name}": rows for name, rows in self.areas.items()})
        found.update({m.name: m.rows for m in self.models})
        return found


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(  # noqa: S603 - fixed git arguments, no user input
        ["git", *args],  # noqa: S607
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=5,
        check=True,
    ).stdout.strip()


@cache
def code_version() -> str:
    """``stuurdata`` version plus the git commit of the code when run from a checkout.

    ``0.1.0+g1a2b3c4d5e6f`` (``.dirty`` when tracked files were changed); just the version when
    git or the checkout is missing.
    """
    version = stuurdata.__version__
    package = Path(stuurdata.__file__).resolve().parent
    try:
        if not _git("ls-files", "--", "__init__.py", cwd=package):
            return version  # an installed copy that merely sits inside some other repository
        commit = _git("rev-parse", "--short=12", "HEAD", cwd=package)
        dirty = _git("status", "--porcelain", "--untracked-files=no", "--", ".", cwd=package)
    except (OSError, subprocess.SubprocessError):
        return version
    if not commit:
        return version
    return f"{version}+g{commit}{'.dirty' if dirty else ''}"
