# SPDX-License-Identifier: EUPL-1.2
"""The ``bag`` connector: one object type of a BAG 2.0 extract as an Arrow table.

Source definition::

    connector: bag
    path: bag/                  # folder, XML part, zip (also the nested zips of an LVC extract) or glob
    options:
      object: pand              # pand|verblijfsobject|nummeraanduiding|openbareruimte|woonplaats|ligplaats|standplaats
      actual_only: true         # only the current voorkomen per object (default); false: full history
      peildatum: 2024-01-01     # 'current' is judged on this date (default: today)
"""

from __future__ import annotations

import datetime as dt
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from stuurdata.errors import Problem, SourceError
from stuurdata.sources.bag.archive import ArchiveError, iter_parts, resolve
from stuurdata.sources.bag.objecttypes import OBJECT_TYPES, ObjectType
from stuurdata.sources.bag.parser import PartParser, ProblemLog, Record, TooManyProblemsError
from stuurdata.sources.connector import Connector, ReadResult
from stuurdata.workspace.config import Source

BATCH_ROWS = 65_536
ObjectName = Literal[
    "pand",
    "verblijfsobject",
    "nummeraanduiding",
    "openbareruimte",
    "woonplaats",
    "ligplaats",
    "standplaats",
]


class BagOptions(BaseModel):
    """``options:`` of a source with ``connector: bag``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    object: ObjectName
    """The BAG object type to read."""
    actual_only: bool = True
    """Keep only the current voorkomen of each object; false keeps the full history."""
    peildatum: dt.date | None = None
    """Date on which 'current' is judged (default: today)."""
    max_problems: int = Field(default=200, ge=1)
    """Stop reading after this many problems (the source is rejected anyway)."""


def is_current(peildatum: dt.date) -> Callable[[Record], bool]:
    """The voorkomen is valid on ``peildatum`` and not withdrawn (no eindRegistratie)."""

    def keep(record: Record) -> bool:
        if record.get("eind_registratie") is not None:
            return False
        begin = record.get("begin_geldigheid")
        if begin is not None and begin > peildatum:
            return False
        end = record.get("eind_geldigheid")
        return end is None or end > peildatum

    return keep


class BagConnector(Connector):
    """Reads one object type from a BAG 2.0 extract (Kadaster LV BAG, LVC 2.1.0 XML)."""

    name = "bag"
    description = (
        "BAG 2.0-extract van het Kadaster (XML, zip of geneste zips), één objecttype per bron"
    )

    def read(self, source: Source, workspace_root: Path) -> ReadResult:
        options = _options(source)
        spec = OBJECT_TYPES[options.object]
        peildatum = options.peildatum or dt.date.today()
        keep = is_current(peildatum) if options.actual_only else _keep_all
        log = ProblemLog(options.max_problems)
        parser = PartParser(spec, log, keep, max_bouwjaar=peildatum.year + 10)
        try:
            files, explicit = resolve(source.path, workspace_root)
        except ArchiveError as exc:
            raise SourceError(
                f"bron '{source.name}': BAG-extract niet gevonden", [exc.problem]
            ) from None
        batches, parts, lines = _read(files, explicit, spec, parser, log)
        if log.problems:
            raise SourceError(
                f"bron '{source.name}': BAG-extract ({spec.name}) afgekeurd, {len(log.problems)} probleem/problemen",
                log.problems,
            )
        table = pa.Table.from_batches(batches, schema=spec.schema)
        extra = {
            "object": spec.name,
            "actual_only": str(options.actual_only).lower(),
            "peildatum": peildatum.isoformat(),
            "parts": str(len(parts)),
            "records_read": str(parser.records),
            "records_kept": str(parser.kept),
            "records_history": str(parser.records - parser.kept),
        }
        row_numbers = pa.array(lines, pa.int64()) if len(parts) == 1 else None
        return ReadResult(table=table, files=tuple(files), row_numbers=row_numbers, extra=extra)


def _keep_all(record: Record) -> bool:
    return True


def _options(source: Source) -> BagOptions:
    try:
        return BagOptions.model_validate(source.options)
    except ValidationError as exc:
        problems = [
            Problem(
                file=source.name,
                rule="optie",
                message=f"optie {'.'.join(str(p) for p in error['loc']) or '?'}: {error['msg']}",
                column="options",
                expected="object: " + "|".join(OBJECT_TYPES),
                found=str(error.get("input"))[:80],
            )
            for error in exc.errors()
        ]
        raise SourceError(
            f"bron '{source.name}': ongeldige opties voor connector bag", problems
        ) from None


def _read(
    files: list[Path], explicit: bool, spec: ObjectType, parser: PartParser, log: ProblemLog
) -> tuple[list[pa.RecordBatch], list[str], list[int]]:
    schema = spec.schema
    columns = schema.names
    batches: list[pa.RecordBatch] = []
    rows: list[Record] = []
    lines: list[int] = []
    parts: list[str] = []
    seen: dict[str, str] = {}
    skipped: list[str] = []
    label = files[0].name if files else "?"
    try:
        for part, stream in iter_parts(files, spec.code, explicit, skipped):
            label = part.label
            if part.name in seen:
                log.add(
                    Problem(
                        file=part.label,
                        rule="dubbel_deel",
                        message=f"deelbestand {part.name} komt twee keer voor (ook in {seen[part.name]}); "
                        "wijs één levering aan",
                    )
                )
                continue
            seen[part.name] = part.label
            parts.append(part.label)
            for record, line in parser.parse(stream, part.label):
                rows.append(record)
                lines.append(line)
                if len(rows) >= BATCH_ROWS:
                    batches.append(_batch(rows, columns, schema))
                    rows = []
    except ArchiveError as exc:
        log.problems.append(exc.problem)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        log.problems.append(
            Problem(
                file=label,
                rule="zip",
                message="zipbestand is beschadigd of onvolledig (afgebroken download?)",
                expected="een volledig zipbestand",
                found=str(exc),
            )
        )
    except TooManyProblemsError:
        pass
    if not parts and not log.problems:
        log.problems.append(
            Problem(
                file=", ".join(f.name for f in files) or "?",
                rule="objecttype",
                message=f"geen deelbestanden met {spec.name} ({spec.code}) gevonden",
                expected=f"bestanden als 0000{spec.code}01012024-000001.xml of 0000{spec.code}01012024.zip",
                found=", ".join(skipped[:10]) or "niets",
            )
        )
    if rows:
        batches.append(_batch(rows, columns, schema))
    return batches, parts, lines


def _batch(rows: list[Record], columns: list[str], schema: pa.Schema) -> pa.RecordBatch:
    arrays = [pa.array([row.get(c) for row in rows], type=schema.field(c).type) for c in columns]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)
