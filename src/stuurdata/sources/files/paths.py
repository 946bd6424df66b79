# SPDX-License-Identifier: EUPL-1.2
"""Finding a source's files (file, folder or glob) and combining what was read from each."""

from __future__ import annotations

import glob
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from stuurdata.errors import Problem, SourceError
from stuurdata.sources.connector import ReadResult
from stuurdata.workspace.config import Source

FILE_READERS = 2
"""Files of one source read at the same time."""
FILE_OFFSETS = "file_offsets"
"""Key in ``ReadResult.extra``: comma-separated first table row of each file in ``files``."""


def display_name(path: Path, workspace_root: Path) -> str:
    """The path as the data specialist wrote it: relative to the workspace when possible."""
    try:
        return path.resolve().relative_to(workspace_root.resolve()).as_posix()
    except ValueError:
        return str(path)


def reject(file: str, rule: str, message: str, **fields: Any) -> SourceError:
    """A SourceError for one problem with a whole file."""
    return SourceError(
        f"bestand {file} afgewezen: {message}", [Problem(file, rule, message, **fields)]
    )


def resolve_files(source: Source, workspace_root: Path, suffixes: Sequence[str]) -> list[Path]:
    """The files of ``source.path``: one file, every matching file in a folder, or a glob."""
    pattern = source.path
    base = Path(pattern)
    full = base if base.is_absolute() else workspace_root / base
    if glob.has_magic(pattern):
        # Path.glob takes no absolute patterns, glob.glob does.
        matches = glob.glob(str(full), recursive=True)  # noqa: PTH207
        found = sorted(Path(p) for p in matches if Path(p).is_file())
        if not found:
            raise reject(pattern, "no_files", "geen enkel bestand past bij dit patroon")
        return found
    if full.is_dir():
        found = sorted(p for p in full.iterdir() if p.is_file() and p.suffix.lower() in suffixes)
        if not found:
            wanted = ", ".join(suffixes)
            raise reject(pattern, "no_files", f"de map bevat geen bestanden ({wanted})")
        return found
    if not full.is_file():
        raise reject(pattern, "missing_file", "bestand niet gevonden")
    return [full]


def read_all(
    source: Source,
    workspace_root: Path,
    suffixes: Sequence[str],
    read_one: Callable[[Path, str], ReadResult],
) -> ReadResult:
    """Read every file of the source with ``read_one(path, display_name)`` and combine them.

    All problems of all files are raised together. Several files must have the same columns.
    """
    paths = resolve_files(source, workspace_root, suffixes)

    def attempt(path: Path) -> ReadResult | SourceError:
        try:
            return read_one(path, display_name(path, workspace_root))
        except SourceError as error:
            return error

    if len(paths) == 1:
        attempts = [attempt(paths[0])]
    else:  # side by side: a file smaller than Arrow's block is read by one thread
        with ThreadPoolExecutor(max_workers=FILE_READERS) as pool:
            attempts = list(pool.map(attempt, paths))
    results = [a for a in attempts if isinstance(a, ReadResult)]
    problems = [p for a in attempts if isinstance(a, SourceError) for p in a.problems]
    if problems:
        raise SourceError(f"bron {source.name} afgewezen: {len(problems)} problemen", problems)
    if len(results) == 1:
        return results[0]
    return _combine(results, paths, workspace_root)


def _combine(results: list[ReadResult], paths: list[Path], workspace_root: Path) -> ReadResult:
    first = results[0].table
    for path, result in zip(paths[1:], results[1:], strict=True):
        if result.table.column_names != first.column_names:
            name = display_name(path, workspace_root)
            raise reject(
                name,
                "columns_differ",
                "dit bestand heeft andere kolommen dan het eerste bestand",
                expected=", ".join(first.column_names),
                found=", ".join(result.table.column_names),
            )
    try:
        table = pa.concat_tables([r.table for r in results], promote_options="permissive")
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        raise reject(
            display_name(paths[0], workspace_root),
            "columns_differ",
            "de bestanden hebben kolommen van verschillend type; declareer de kolommen",
        ) from None
    numbers = [
        r.row_numbers
        if r.row_numbers is not None
        else pa.array(np.arange(1, r.table.num_rows + 1, dtype=np.int64))
        for r in results
    ]
    offsets: list[int] = []
    position = 0
    for result in results:
        offsets.append(position)
        position += result.table.num_rows
    extra = dict(results[0].extra)
    extra[FILE_OFFSETS] = ",".join(str(o) for o in offsets)
    return ReadResult(
        table=table,
        files=tuple(f for r in results for f in r.files),
        row_numbers=pa.concat_arrays([n.cast(pa.int64()) for n in numbers]),
        extra=extra,
    )
