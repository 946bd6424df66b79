# SPDX-License-Identifier: EUPL-1.2
"""A small, fast and reproducible XLSX (Office Open XML spreadsheet) writer.

Generic libraries spend tens of microseconds per cell; the demo writes millions of cells at
national scale, so rows are serialised here directly as SpreadsheetML: text as inline strings,
numbers as values, dates as serial numbers with the built-in date format (numFmtId 14). Zip
entries get a fixed timestamp, so the same rows give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

_ZIP_TIME = (2025, 1, 1, 0, 0, 0)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FIXED = "2025-01-01T00:00:00Z"

Sheet = tuple[str, Sequence[str], Iterable[Sequence[object]]]
"""(sheet name, header, rows); cells are str, int, float, datetime.date or None."""

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "{sheets}</Types>"
)
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    "</Relationships>"
)
_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:creator>stuurdata demo (synthetische gegevens)</dc:creator>"
    f'<dcterms:created xsi:type="dcterms:W3CDTF">{_FIXED}</dcterms:created>'
    f'<dcterms:modified xsi:type="dcterms:W3CDTF">{_FIXED}</dcterms:modified>'
    "</cp:coreProperties>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    "<sheets>{sheets}</sheets></workbook>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    "{sheets}"
    '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    "</Relationships>"
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value: object) -> str:
    if value is None:
        return f'<c r="{ref}"/>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    if isinstance(value, dt.date):
        serial = (
            (value - _EXCEL_EPOCH).days
            if not isinstance(value, dt.datetime)
            else ((value - dt.datetime(1899, 12, 30)).total_seconds() / 86_400)
        )
        return f'<c r="{ref}" s="1"><v>{serial}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def _sheet_xml(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterable[str]:
    letters = [_column_letter(i) for i in range(len(header))]
    yield (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    yield (
        '<row r="1">'
        + "".join(_cell(f"{c}1", v) for c, v in zip(letters, header, strict=True))
        + "</row>"
    )
    buffer: list[str] = []
    for number, row in enumerate(rows, start=2):
        buffer.append(
            f'<row r="{number}">'
            + "".join(_cell(f"{c}{number}", v) for c, v in zip(letters, row, strict=True))
            + "</row>"
        )
        if len(buffer) >= 5000:
            yield "".join(buffer)
            buffer.clear()
    yield "".join(buffer)
    yield "</sheetData></worksheet>"


def write_xlsx(path: Path, sheets: Sequence[Sheet], *, title: str = "") -> None:
    """Write a workbook with one worksheet per entry of ``sheets``."""
    path.parent.mkdir(parents=True, exist_ok=True)

    def entry(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info

    names = [escape(name, {'"': "&quot;"}) for name, _, _ in sheets]
    with zipfile.ZipFile(path, "w") as archive:
        types = "".join(_SHEET_TYPE.format(n=i) for i in range(1, len(sheets) + 1))
        archive.writestr(entry("[Content_Types].xml"), _CONTENT_TYPES.format(sheets=types))
        archive.writestr(entry("_rels/.rels"), _ROOT_RELS)
        archive.writestr(entry("docProps/core.xml"), _CORE.format(title=escape(title)))
        archive.writestr(
            entry("xl/workbook.xml"),
            _WORKBOOK.format(
                sheets="".join(
                    f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>'
                    for i, n in enumerate(names, start=1)
                )
            ),
        )
        archive.writestr(
            entry("xl/_rels/workbook.xml.rels"),
            _WORKBOOK_RELS.format(
                sheets="".join(
                    f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/'
                    f'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                    for i in range(1, len(sheets) + 1)
                )
            ),
        )
        archive.writestr(entry("xl/styles.xml"), _STYLES)
        for i, (_, header, rows) in enumerate(sheets, start=1):
            with archive.open(entry(f"xl/worksheets/sheet{i}.xml"), "w") as raw:
                for chunk in _sheet_xml(header, rows):
                    raw.write(chunk.encode("utf-8"))
