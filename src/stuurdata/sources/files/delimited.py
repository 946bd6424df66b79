# SPDX-License-Identifier: EUPL-1.2
"""The CSV connector: every column read as text, so the rules can report each bad value.

Options: ``delimiter`` (sniffed from the header line when absent), ``encoding`` (detected when
absent: UTF-8 with or without BOM, else Windows-1252), ``allow_empty`` (a file without rows is
then no error), ``multiline`` (quoted values may hold line breaks). The fast path is Arrow's
multi-threaded reader; only when it refuses the file does a slower pass find the rows to blame.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa
import pyarrow.csv as pacsv

from stuurdata.errors import Problem, SourceError
from stuurdata.sources.connector import Connector, ReadResult
from stuurdata.sources.encoding import (
    CP1252,
    UTF8,
    FileScan,
    first_undecodable_line,
    normalise_encoding,
    scan_file,
)
from stuurdata.sources.files.paths import read_all, reject
from stuurdata.workspace.config import Source

DELIMITERS = (";", ",", "\t", "|")
MAX_PROBLEMS = 1000
ENCODING_NAMES = {UTF8: "UTF-8", CP1252: "Windows-1252"}


def sniff_delimiter(header: str) -> str:
    """The most frequent candidate delimiter outside quotes in the header line (default ',')."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def describe_delimiter(delimiter: str) -> str:
    return {"\t": "tab", ";": "';'", ",": "','", "|": "'|'"}.get(delimiter, repr(delimiter))


class CsvConnector(Connector):
    name: ClassVar[str] = "csv"
    description: ClassVar[str] = "CSV-bestanden (UTF-8 of Windows-1252, ';' of ',')"

    def read(self, source: Source, workspace_root: Path) -> ReadResult:
        options = source.options
        typed = not source.columns
        return read_all(
            source,
            workspace_root,
            (".csv", ".txt", ".tsv"),
            lambda path, name: read_csv_file(path, name, options, infer_types=typed),
        )


def read_csv_file(
    path: Path, name: str, options: dict[str, Any], *, infer_types: bool = False
) -> ReadResult:
    """Read one CSV file; raise SourceError with precise problems when it is malformed."""
    forced = _forced_encoding(options, name)
    scan = scan_file(path, forced)
    allow_empty = bool(options.get("allow_empty", False))
    if scan.size == 0 or (scan.has_bom and scan.size == 3):
        if allow_empty:
            return ReadResult(table=pa.table({}), files=(path,))
        raise reject(name, "empty_file", "leeg bestand: er staat niets in, ook geen kopregel")
    if scan.nul_line is not None:
        raise reject(
            name,
            "binary",
            "het bestand bevat NUL-bytes: dit is geen tekstbestand (CSV)",
            row=scan.nul_line - 1,
            expected="tekst (CSV)",
            found="binaire gegevens",
        )
    delimiter = str(options.get("delimiter") or sniff_delimiter(scan.first_line))
    if len(delimiter) != 1:
        raise reject(name, "delimiter", f"scheidingsteken {delimiter!r} is niet één teken")
    multiline = bool(options.get("multiline", False))
    if scan.quote_count % 2 == 1:
        problems = diagnose(path, name, scan.encoding, delimiter)
        raise SourceError(f"bestand {name} afgewezen: aanhalingsteken niet gesloten", problems)
    header = _header(scan.first_line, delimiter)
    duplicates = sorted({h for h in header if header.count(h) > 1})
    if duplicates:
        problems = [
            Problem(
                name,
                "duplicate_column",
                f"kolom {h!r} staat meer dan eens in de kopregel",
                row=0,
                column=h,
            )
            for h in duplicates
        ]
        raise SourceError(f"bestand {name} afgewezen: dubbele kolomnamen", problems)
    table = _read_arrow(path, name, scan, header, delimiter, multiline, options, infer_types)
    if table.num_rows == 0 and not allow_empty:
        raise reject(name, "no_rows", "geen rijen: het bestand heeft alleen een kopregel", row=0)
    extra = {"encoding": scan.encoding, "delimiter": delimiter}
    return ReadResult(table=table, files=(path,), extra=extra)


def _forced_encoding(options: dict[str, Any], name: str) -> str | None:
    if "encoding" not in options:
        return None
    codec = normalise_encoding(str(options["encoding"]))
    if codec is None:
        raise reject(
            name,
            "encoding",
            f"tekenset {options['encoding']!r} wordt niet ondersteund",
            expected="utf-8 of windows-1252",
            found=str(options["encoding"]),
        )
    return codec


def _header(first_line: str, delimiter: str) -> list[str]:
    fields = next(csv.reader([first_line], delimiter=delimiter), [])
    return [f.strip() for f in fields]


def _read_arrow(
    path: Path,
    name: str,
    scan: FileScan,
    header: list[str],
    delimiter: str,
    multiline: bool,
    options: dict[str, Any],
    infer_types: bool,
) -> pa.Table:
    encoding = scan.encoding
    while True:
        read_options = pacsv.ReadOptions(
            column_names=header,
            skip_rows=1,
            encoding="utf8",
            block_size=16 * 1024 * 1024,
        )
        parse_options = pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=multiline)
        if infer_types:
            convert = pacsv.ConvertOptions(decimal_point=str(options.get("decimal", ".")))
        else:
            convert = pacsv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            )
        try:
            table = pacsv.read_csv(
                _as_utf8(path, encoding, scan), read_options, parse_options, convert
            )
            if any(pa.types.is_binary(f.type) for f in table.schema):
                # Type inference turns invalid UTF-8 into binary columns instead of failing.
                raise pa.ArrowInvalid("invalid UTF8 data")
            return table
        except (pa.ArrowInvalid, UnicodeDecodeError) as error:
            invalid_text = isinstance(error, UnicodeDecodeError) or "UTF8" in str(error)
            if invalid_text and encoding == UTF8 and not scan.forced:
                encoding = CP1252  # valid UTF-8 at the start only: a Windows-1252 file after all
                continue
            if invalid_text:
                raise _encoding_error(path, name, encoding) from None
            problems = diagnose(path, name, encoding, delimiter)
            raise SourceError(f"bestand {name} afgewezen: ongeldige CSV", problems) from None


def _as_utf8(path: Path, encoding: str, scan: FileScan) -> Path | pa.BufferReader:
    """The file as UTF-8 for Arrow's reader: itself when it is UTF-8 (or plain ASCII), else
    decoded in one go (Arrow would decode Windows-1252 through Python block by block, several
    times slower). Raises UnicodeDecodeError on bytes that are not Windows-1252."""
    if encoding == UTF8 or scan.ascii_only:
        return path
    text = path.read_bytes().decode(encoding)
    return pa.BufferReader(text.encode("utf-8"))


def _encoding_error(path: Path, name: str, encoding: str) -> SourceError:
    line = first_undecodable_line(path, encoding)
    label = ENCODING_NAMES.get(encoding, encoding)
    return reject(
        name,
        "encoding",
        f"het bestand bevat tekens die geen geldige {label} zijn"
        + ("" if line is None else f" (regel {line})"),
        row=None if line is None else line - 1,
        expected=f"tekst in {label}",
        found="ongeldige bytes",
    )


def diagnose(path: Path, name: str, encoding: str, delimiter: str) -> list[Problem]:
    """Slow pass with Python's csv module: which rows are ragged, where a quote is unclosed.

    Never puts a value from the file in a problem: only counts and positions.
    """
    problems: list[Problem] = []
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter, strict=True)
        expected: int | None = None
        row = -1
        start_line = 1
        while len(problems) < MAX_PROBLEMS:
            start_line = reader.line_num + 1
            try:
                fields = next(reader)
            except StopIteration:
                break
            except csv.Error:
                problems.append(
                    Problem(
                        name,
                        "unterminated_quote",
                        f"aanhalingsteken wordt niet gesloten (begint op regel {start_line})",
                        row=row + 1,
                        expected='een afsluitend " in dezelfde waarde',
                        found="einde van het bestand",
                    )
                )
                break
            if not fields:
                continue
            row += 1
            if expected is None:
                expected = len(fields)
            elif len(fields) != expected:
                problems.append(
                    Problem(
                        name,
                        "ragged_row",
                        f"rij heeft {len(fields)} velden in plaats van {expected}"
                        f" (scheidingsteken {describe_delimiter(delimiter)})",
                        row=row,
                        expected=f"{expected} velden",
                        found=f"{len(fields)} velden",
                    )
                )
    if not problems:
        problems.append(
            Problem(
                name,
                "csv",
                "het bestand kan niet als CSV gelezen worden; staan er regeleinden binnen "
                "aanhalingstekens, zet dan 'multiline: true' bij de bron",
                expected="CSV",
            )
        )
    return problems
