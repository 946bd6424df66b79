# SPDX-License-Identifier: EUPL-1.2
"""The XLSX connector (openpyxl, read-only): the first row is the header, cells become text.

Options: ``sheet`` (name of the worksheet; default the first), ``allow_empty``. Cell values are
turned into text the rules understand: whole numbers without '.0', dates as ISO 8601, booleans
as true/false. Blank rows are skipped; ``row_numbers`` keeps the rows' place in the sheet.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa

from stuurdata.sources.connector import Connector, ReadResult
from stuurdata.sources.files.paths import read_all, reject
from stuurdata.workspace.config import Source


def cell_text(value: Any) -> str | None:
    """A cell value as the text a CSV export would hold."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None


class XlsxConnector(Connector):
    name: ClassVar[str] = "xlsx"
    description: ClassVar[str] = "Excel-werkmappen (.xlsx), één werkblad"

    def read(self, source: Source, workspace_root: Path) -> ReadResult:
        options = source.options
        return read_all(
            source,
            workspace_root,
            (".xlsx", ".xlsm"),
            lambda path, name: read_xlsx_file(path, name, options),
        )


def read_xlsx_file(path: Path, name: str, options: dict[str, Any]) -> ReadResult:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise reject(
            name,
            "corrupt_file",
            "het bestand is geen leesbare Excel-werkmap (.xlsx): beschadigd of afgebroken?",
            expected="een .xlsx-werkmap",
            found="onleesbaar bestand",
        ) from None
    try:
        sheet_name = options.get("sheet")
        if sheet_name is None:
            sheet = workbook.worksheets[0]
        elif str(sheet_name) in workbook.sheetnames:
            sheet = workbook[str(sheet_name)]
        else:
            raise reject(
                name,
                "sheet",
                f"werkblad {sheet_name!r} bestaat niet in deze werkmap",
                expected=f"een van: {', '.join(workbook.sheetnames)}",
                found=str(sheet_name),
            )
        try:
            rows = list(sheet.iter_rows(values_only=True))
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError):
            raise reject(name, "corrupt_file", "het werkblad is beschadigd") from None
    finally:
        workbook.close()
    return _to_table(rows, path, name, bool(options.get("allow_empty", False)))


def _to_table(rows: list[tuple[Any, ...]], path: Path, name: str, allow_empty: bool) -> ReadResult:
    texts = [[cell_text(v) for v in row] for row in rows]
    if not texts or all(v is None for v in texts[0]):
        if allow_empty and not texts:
            return ReadResult(table=pa.table({}), files=(path,))
        raise reject(name, "empty_file", "leeg werkblad: geen kopregel in de eerste rij")
    header = [(v or "").strip() for v in texts[0]]
    while (
        header
        and not header[-1]
        and all(len(r) < len(header) or r[len(header) - 1] is None for r in texts[1:])
    ):
        header.pop()
    width = len(header)
    names = [h if h else f"kolom_{i + 1}" for i, h in enumerate(header)]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise reject(
            name,
            "duplicate_column",
            f"kolom {duplicates[0]!r} staat meer dan eens in de kopregel",
            row=0,
        )
    data: list[list[str | None]] = []
    numbers: list[int] = []
    for position, row in enumerate(texts[1:], start=1):
        cells = (list(row) + [None] * width)[:width]
        if any(v is not None for v in row[width:]):
            raise reject(
                name,
                "ragged_row",
                "rij heeft waarden buiten de kolommen van de kopregel",
                row=position,
                expected=f"{width} kolommen",
                found=f"{len(row)} kolommen",
            )
        if all(v is None for v in cells):
            continue
        data.append(cells)
        numbers.append(position)
    if not data and not allow_empty:
        raise reject(name, "no_rows", "geen rijen: het werkblad heeft alleen een kopregel", row=0)
    columns = {n: pa.array([r[i] for r in data], pa.string()) for i, n in enumerate(names)}
    return ReadResult(
        table=pa.table(columns),
        files=(path,),
        row_numbers=pa.array(numbers, pa.int64()),
    )
