# SPDX-License-Identifier: EUPL-1.2
"""Ingest one source: read, validate and type, pseudonymise, hash the inputs. Writes nothing.

With ``on_error: reject_file`` (the default) any problem raises :class:`SourceError` listing
every problem; with ``reject_rows`` bad rows are left out, counted and returned as problems.
Problems with the file itself (format, headers, rules that cannot run) always reject it whole.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow.compute as pc

from stuurdata.errors import Problem, SourceError, StuurdataError
from stuurdata.sources.connector import ReadResult
from stuurdata.sources.plugins import get_connector
from stuurdata.sources.pseudonymise import load_key
from stuurdata.sources.result import IngestedSource, InputFile
from stuurdata.sources.validate import (
    MORE_PROBLEMS,
    RuleContext,
    WriteTarget,
    validate_and_cast,
)
from stuurdata.workspace.config import Purpose, Source

HASH_CHUNK = 8 * 1024 * 1024


def hash_file(path: Path) -> InputFile:
    """SHA-256 and size of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return InputFile(path=path, sha256=digest.hexdigest(), size=size)


def _rejected(source: Source, problems: Sequence[Problem]) -> SourceError:
    count = sum(1 for p in problems if p.rule != MORE_PROBLEMS)
    more = next((p for p in problems if p.rule == MORE_PROBLEMS), None)
    label = "1 probleem" if count == 1 else f"{count} problemen"
    if more is not None:
        label = f"meer dan {count} problemen"
    return SourceError(
        f"bron '{source.name}' ({source.path}) afgewezen: {label}; er is niets geschreven",
        problems,
    )


def _definition_problems(source: Source, purposes: Mapping[str, Purpose]) -> list[Problem]:
    """What makes the definition itself unusable for personal data."""
    file = source.path
    problems: list[Problem] = []
    personal = source.classification.is_personal
    if personal and not source.columns:
        problems.append(
            Problem(
                file,
                "columns",
                "bron met persoonsgegevens moet zijn kolommen "
                "declareren (welke worden gepseudonimiseerd?)",
            )
        )
    for column in source.columns:
        if column.rules.elfproef and not column.pseudonymise:
            problems.append(
                Problem(
                    file,
                    "pseudonymise",
                    "een BSN-kolom (elfproef) moet "
                    "'pseudonymise: true' hebben: ruwe BSN's worden niet opgeslagen",
                    column=column.name,
                )
            )
    needs_key = personal or any(c.pseudonymise for c in source.columns)
    if needs_key and source.purpose is None:
        problems.append(
            Problem(
                file,
                "purpose",
                "bron met persoonsgegevens heeft geen doel "
                "('purpose'): de doelbinding en de sleutel ontbreken",
            )
        )
    elif source.purpose is not None and source.purpose not in purposes:
        problems.append(
            Problem(
                file,
                "purpose",
                f"doel '{source.purpose}' is niet geregistreerd",
                expected="een doel uit stuurdata.yaml",
                found=source.purpose,
            )
        )
    return problems


def ingest_source(
    source: Source,
    workspace_root: Path,
    context: RuleContext,
    purposes: Mapping[str, Purpose],
    into: WriteTarget | None = None,
) -> IngestedSource:
    """Read, validate, type and pseudonymise ``source``; raise SourceError when rejected.

    With ``into`` (a table of the unpublished warehouse version) a source without problems is
    written there in the same pass and the result holds no table.
    """
    started = time.perf_counter()
    problems = _definition_problems(source, purposes)
    if problems:
        raise _rejected(source, problems)
    pseudonymised = [c.name for c in source.columns if c.pseudonymise]
    key = (
        load_key(purposes[source.purpose], workspace_root)
        if (pseudonymised and source.purpose is not None)
        else None
    )
    try:
        connector = get_connector(source.connector)
    except StuurdataError as error:
        raise _rejected(
            source,
            [
                Problem(
                    source.path,
                    "connector",
                    str(error),
                    expected="een bekende connector",
                    found=source.connector,
                )
            ],
        ) from None
    try:
        read: ReadResult = connector.read(source, workspace_root)
    except SourceError as error:
        raise _rejected(source, error.problems) from None
    with ThreadPoolExecutor(max_workers=1) as pool:
        hashes = pool.map(hash_file, read.files)  # overlaps with validation (both drop the GIL)
        keys = dict.fromkeys(pseudonymised, key) if key is not None else {}
        typed, problems, bad = validate_and_cast(read, source, context, keys=keys, into=into)
        files = tuple(hashes)
    # Problems without a data row (header, definition) mean the file cannot be loaded at all.
    structural = [p for p in problems if (p.row or 0) < 1 and p.rule != MORE_PROBLEMS]
    if structural or (problems and source.on_error == "reject_file"):
        raise _rejected(source, problems)
    rows_in = read.table.num_rows
    rejected = int(pc.sum(bad).as_py() or 0) if len(bad) else 0
    if typed is not None and rejected:
        typed = typed.filter(pc.invert(bad))
    return IngestedSource(
        name=source.name,
        table=typed,
        files=files,
        rows_in=rows_in,
        rows_loaded=rows_in - rejected,
        rows_rejected=rejected,
        problems=tuple(problems),
        seconds=time.perf_counter() - started,
        pseudonymised_columns=tuple(pseudonymised),
    )
