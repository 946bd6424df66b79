# SPDX-License-Identifier: EUPL-1.2
"""Character encoding of delivered text files: UTF-8 (with or without BOM) or Windows-1252.

Detection looks at the start of the file only (a BOM, else whether the first MiB is valid UTF-8);
a file that turns out to hold invalid UTF-8 further on is re-read as Windows-1252 by the CSV
connector unless the source forces an encoding. :func:`scan_file` makes one streaming pass over
the bytes for the cheap checks that need the whole file (NUL bytes, balanced quotes).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

UTF8 = "utf-8"
CP1252 = "cp1252"
BOM = codecs.BOM_UTF8
CHUNK = 8 * 1024 * 1024
HEAD = 1024 * 1024

# Names a source may give in ``options.encoding``, mapped to Python codec names.
ENCODING_ALIASES: dict[str, str] = {
    "utf-8": UTF8,
    "utf8": UTF8,
    "utf-8-sig": UTF8,
    "cp1252": CP1252,
    "windows-1252": CP1252,
    "latin-1": CP1252,
    "latin1": CP1252,
    "iso-8859-1": CP1252,
}


@dataclass(frozen=True)
class FileScan:
    """What one pass over a text file found."""

    encoding: str
    """``utf-8`` or ``cp1252`` (a BOM is skipped by the readers either way)."""
    forced: bool
    """True when the source declared the encoding (no fallback then)."""
    has_bom: bool
    nul_line: int | None
    """1-based line of the first NUL byte, None when there is none."""
    quote_count: int
    """Number of '"' bytes; odd means a quote is never closed."""
    first_line: str
    """The first line (the header), decoded, without line ending or BOM."""
    size: int
    ascii_only: bool = False
    """True when no byte is above 0x7F: then UTF-8 and Windows-1252 read the same."""


def normalise_encoding(name: str) -> str | None:
    """The codec for an ``encoding`` option, or None when the name is not supported."""
    return ENCODING_ALIASES.get(name.strip().lower())


def detect_encoding(head: bytes, at_eof: bool) -> str:
    """``utf-8`` when ``head`` (the first bytes of a file) is UTF-8, else ``cp1252``."""
    if head.startswith(BOM):
        return UTF8
    decoder = codecs.getincrementaldecoder(UTF8)()
    try:
        decoder.decode(head, final=at_eof)
    except UnicodeDecodeError:
        return CP1252
    return UTF8


def scan_file(path: Path, encoding: str | None = None) -> FileScan:
    """One streaming pass: encoding (unless given), NUL bytes, quote parity, header line."""
    size = path.stat().st_size
    nul_line: int | None = None
    quotes = 0
    newlines = 0
    ascii_only = True
    with path.open("rb") as handle:
        head = handle.read(HEAD)
        has_bom = head.startswith(BOM)
        chosen = encoding or detect_encoding(head, at_eof=len(head) < HEAD)
        chunk = head
        while chunk:
            quotes += chunk.count(b'"')
            if nul_line is None:
                position = chunk.find(b"\x00")
                if position >= 0:
                    nul_line = newlines + chunk.count(b"\n", 0, position) + 1
            newlines += chunk.count(b"\n")
            ascii_only = ascii_only and chunk.isascii()
            chunk = handle.read(CHUNK)
    first = head[len(BOM) :] if has_bom else head
    end = first.find(b"\n")
    raw_line = (first if end < 0 else first[:end]).rstrip(b"\r")
    first_line = raw_line.decode(chosen, errors="replace")
    return FileScan(
        encoding=chosen,
        forced=encoding is not None,
        has_bom=has_bom,
        nul_line=nul_line,
        quote_count=quotes,
        first_line=first_line,
        size=size,
        ascii_only=ascii_only,
    )


def first_undecodable_line(path: Path, encoding: str) -> int | None:
    """1-based line of the first byte that is not valid in ``encoding``, or None."""
    decoder = codecs.getincrementaldecoder(encoding)()
    newlines = 0
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(CHUNK)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                # The decoder may hold back a few bytes of a previous chunk; close enough.
                return newlines + chunk.count(b"\n", 0, max(error.start, 0)) + 1
            if not chunk:
                return None
            newlines += chunk.count(b"\n")
