# SPDX-License-Identifier: EUPL-1.2
"""Find the XML parts of one object type in a BAG delivery: folder, XML file, zip or glob.

Kadaster delivers an LVC extract as nested zips: the outer zip holds one zip per object type
(``0221PND15092020.zip``), which holds the XML parts (``0221PND15092020-000001.xml``). Parts are
opened as streams; nothing is unpacked to the workspace. A deflated inner zip is spooled to an
anonymous temporary file because zip reading needs seeking.
"""

from __future__ import annotations

import glob
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from stuurdata.errors import Problem
from stuurdata.sources.bag.objecttypes import code_of

_SPOOL_BYTES = 256 * 1024 * 1024
_GLOB_CHARS = frozenset("*?[")
_NOT_PARTS = re.compile(r"leveringsdocument|gem-wpl-relatie", re.IGNORECASE)
"""Files of a delivery that are not object parts (skipped inside zips)."""


class ArchiveError(Exception):
    """A delivery file cannot be opened; carries the Problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class Part:
    """One XML part, named like the error messages show it: ``outer.zip!inner.zip!part.xml``."""

    label: str
    name: str
    """File name of the part itself, e.g. 0221PND15092020-000001.xml."""


def resolve(path: str, workspace_root: Path) -> tuple[list[Path], bool]:
    """The files that ``path`` names and whether they were named explicitly (one file).

    A folder or glob selects files by Kadaster name (object type code); an explicitly named
    file is always read.
    """
    full = Path(path) if Path(path).is_absolute() else workspace_root / path
    if _GLOB_CHARS & set(path):
        matches = glob.glob(str(full))  # noqa: PTH207 (absolute patterns)
        return sorted(Path(p) for p in matches if Path(p).is_file()), False
    if full.is_dir():
        suffixes = (".xml", ".zip")
        return sorted(p for p in full.iterdir() if p.suffix.lower() in suffixes), False
    if full.is_file():
        return [full], True
    raise ArchiveError(
        Problem(file=path, rule="bestand", message="bestand of map bestaat niet", found=str(full))
    )


def _wanted(name: str, code: str, explicit: bool) -> str | None:
    """'xml' or 'zip' to read/descend into, None to skip."""
    suffix = name.lower().rsplit(".", 1)[-1]
    if suffix not in ("xml", "zip"):
        return None
    found = code_of(name)
    if explicit or found == code:
        return suffix
    if found is None and suffix == "zip":
        return "zip"  # an outer zip of a full delivery
    return None


@contextmanager
def _zip(source: Path | IO[bytes], label: str) -> Iterator[zipfile.ZipFile]:
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ArchiveError(
            Problem(
                file=label,
                rule="zip",
                message="zipbestand is beschadigd of onvolledig (afgebroken download?)",
                expected="een volledig zipbestand",
                found=str(exc),
            )
        ) from None
    with archive:
        yield archive


def iter_parts(
    files: list[Path], code: str, explicit: bool, skipped: list[str]
) -> Iterator[tuple[Part, IO[bytes]]]:
    """Yield every XML part for object type ``code`` with an open binary stream.

    Names of parts of other object types land in ``skipped`` (for a clear 'nothing found').
    """
    for path in files:
        kind = _wanted(path.name, code, explicit)
        if kind is None:
            skipped.append(path.name)
        elif kind == "xml":
            with path.open("rb") as stream:
                yield Part(path.name, path.name), stream
        else:
            with _zip(path, path.name) as archive:
                yield from _zip_parts(archive, path.name, code, explicit, skipped)


def _zip_parts(
    archive: zipfile.ZipFile, label: str, code: str, explicit: bool, skipped: list[str]
) -> Iterator[tuple[Part, IO[bytes]]]:
    for info in archive.infolist():
        if info.is_dir():
            continue
        name = info.filename.rsplit("/", 1)[-1]
        inner_label = f"{label}!{info.filename}"
        # inside an explicitly named zip, an XML without code is read; other codes are not
        kind = _wanted(
            name, code, explicit and code_of(name) is None and not _NOT_PARTS.search(name)
        )
        if kind is None:
            skipped.append(inner_label)
        elif kind == "xml":
            with archive.open(info) as stream:
                yield Part(inner_label, name), stream
        else:
            with _inner_zip(archive, info) as inner, _zip(inner, inner_label) as nested:
                yield from _zip_parts(nested, inner_label, code, False, skipped)


@contextmanager
def _inner_zip(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[IO[bytes]]:
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as spool:
        with archive.open(info) as member:
            shutil.copyfileobj(member, spool, 1024 * 1024)
        spool.seek(0)
        yield spool
