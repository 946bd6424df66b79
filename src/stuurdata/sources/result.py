# SPDX-License-Identifier: EUPL-1.2
"""What ingesting one source produced, for the warehouse build and its manifest."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from stuurdata.errors import Problem


@dataclass(frozen=True)
class InputFile:
    path: Path
    sha256: str
    size: int


@dataclass(frozen=True)
class IngestedSource:
    """A validated, typed and pseudonymised source, ready to load into ``raw``.

    Invariant: ``rows_in == rows_loaded + rows_rejected``. ``problems`` lists the rows left out
    when the source's ``on_error`` is ``reject_rows`` (with ``reject_file`` any problem raises
    :class:`stuurdata.errors.SourceError` instead and nothing is returned).
    """

    name: str
    table: pa.Table | None
    """The typed rows; None when they were written straight into the warehouse version."""
    files: tuple[InputFile, ...]
    rows_in: int
    rows_loaded: int
    rows_rejected: int
    problems: tuple[Problem, ...] = ()
    seconds: float = 0.0
    pseudonymised_columns: tuple[str, ...] = field(default_factory=tuple)
