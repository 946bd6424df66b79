# SPDX-License-Identifier: EUPL-1.2
"""The Parquet connector: columns keep their Parquet types; the rules cast where needed."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa
import pyarrow.parquet as pq

from stuurdata.sources.connector import Connector, ReadResult
from stuurdata.sources.files.paths import read_all, reject
from stuurdata.workspace.config import Source


class ParquetConnector(Connector):
    name: ClassVar[str] = "parquet"
    description: ClassVar[str] = "Parquet-bestanden"

    def read(self, source: Source, workspace_root: Path) -> ReadResult:
        options = source.options
        return read_all(
            source,
            workspace_root,
            (".parquet", ".pq"),
            lambda path, name: read_parquet_file(path, name, options),
        )


def read_parquet_file(path: Path, name: str, options: dict[str, Any]) -> ReadResult:
    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError, ValueError):
        raise reject(
            name,
            "corrupt_file",
            "het bestand is geen leesbaar Parquet-bestand: beschadigd of afgebroken?",
            expected="een Parquet-bestand",
            found="onleesbaar bestand",
        ) from None
    if table.num_rows == 0 and not options.get("allow_empty", False):
        raise reject(name, "no_rows", "geen rijen: het Parquet-bestand is leeg")
    return ReadResult(table=table.replace_schema_metadata(None), files=(path,))
