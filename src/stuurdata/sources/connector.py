# SPDX-License-Identifier: EUPL-1.2
"""The connector interface: read one source into an Arrow table, or say precisely why not."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import pyarrow as pa

from stuurdata.workspace.config import Source


@dataclass(frozen=True)
class ReadResult:
    """What a connector read: the table (all columns as read, before rules) and its inputs.

    ``row_numbers`` maps each table row to its row in the file (1-based data row) when that
    differs from position + 1, e.g. for XML or multi-file sources it may be None.
    ``files`` are the input files read, for the build manifest's hashes.
    """

    table: pa.Table
    files: tuple[Path, ...]
    row_numbers: pa.Array | None = None
    extra: dict[str, str] = field(default_factory=dict)


class Connector(ABC):
    """Reads a source. Raise :class:`stuurdata.errors.SourceError` with Problems on bad input."""

    name: ClassVar[str]
    """Value of ``connector:`` in a source definition."""
    description: ClassVar[str] = ""

    @abstractmethod
    def read(self, source: Source, workspace_root: Path) -> ReadResult:
        """Read the source's file(s). Never write anything."""
