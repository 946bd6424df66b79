# SPDX-License-Identifier: EUPL-1.2
"""The output scanner: no BSN and no pseudonym in anything the platform publishes.

A *BSN* is any run of exactly nine digits that passes the elfproef, wherever it stands (a column
of a published table, a CSV cell, a JSON value, an HTML page). A *pseudonym* is one of the HMAC
pseudonyms of the build: the scanner reads the pseudonymised columns of the served version's
non-public ``raw`` tables (listed in the manifest) and looks for those exact values in every
output. Table scanning lives here; decoding downloads and crawling the public HTTP endpoints is
in :mod:`stuurdata.governance.scan_outputs`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import duckdb

from stuurdata.warehouse.manifest import Manifest

PUBLIC_SCHEMAS = ("published", "areas")
"""Warehouse schemas whose tables are public outputs (every public byte leaves through them)."""
_BSN = re.compile(r"(?<![0-9])(?<![0-9]\.)([0-9]{9})(?![0-9]|\.[0-9])")
_HEX64 = re.compile(r"(?<![0-9a-fA-F])([0-9a-fA-F]{64})(?![0-9a-fA-F])")
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_HEX_TOKEN = 32
"""Hex runs this long or longer are hashes, keys or pseudonyms, not text around a BSN."""
_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
MAX_FINDINGS = 200

FindingKind = Literal["bsn", "pseudoniem"]


def passes_elfproef(digits: str) -> bool:
    """True for nine digits whose weighted sum (9..2, -1) is divisible by 11 (and not 0)."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=True))
    return total % 11 == 0 and digits != "000000000"


def find_bsns(text: str) -> list[str]:
    """Every nine-digit number in ``text`` that passes the elfproef.

    A number directly preceded or followed by another digit is part of a longer number; one
    next to a decimal point between digits (``2.038073833``, ``123456789.5``) is a fraction or
    an amount, not a BSN. A comma is not a decimal point here: in CSV it separates cells. Digits
    inside a long hexadecimal token (a SHA-256 hash, a pseudonym) are part of that token.
    """
    found = []
    for match in _BSN.finditer(text):
        digits = match.group(1)
        if not passes_elfproef(digits):
            continue
        start, end = match.start(1), match.end(1)
        while start > 0 and text[start - 1] in _HEX_DIGITS:
            start -= 1
        while end < len(text) and text[end] in _HEX_DIGITS:
            end += 1
        if end - start < _HEX_TOKEN:
            found.append(digits)
    return found


def find_pseudonyms(text: str, pseudonyms: frozenset[str]) -> list[str]:
    """Every 64-hex-character token in ``text`` that is one of ``pseudonyms``."""
    if not pseudonyms:
        return []
    return [m.lower() for m in _HEX64.findall(text) if m.lower() in pseudonyms]


def mask(kind: FindingKind, value: str) -> str:
    """The value as shown in a report: never the whole BSN or pseudonym."""
    return f"{value[:3]}******" if kind == "bsn" else f"{value[:8]}..."


@dataclass(frozen=True)
class Finding:
    """A BSN or pseudonym found in one public output."""

    output: str
    """Which output: ``tabel published.x``, ``GET /api/...``."""
    kind: FindingKind
    value: str
    """Masked value (see :func:`mask`)."""
    where: str = ""
    """Column or place inside the output."""

    def __str__(self) -> str:
        place = f" ({self.where})" if self.where else ""
        label = "BSN" if self.kind == "bsn" else "pseudoniem"
        return f"{label} {self.value} in {self.output}{place}"


@dataclass
class ScanReport:
    """What was scanned and what was found."""

    outputs: list[str] = field(default_factory=list)
    scanned_bytes: int = 0
    pseudonyms: int = 0
    """How many distinct pseudonyms of the build were looked for."""
    findings: list[Finding] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.findings

    def add(self, found: Iterable[Finding]) -> None:
        for finding in found:
            if len(self.findings) < MAX_FINDINGS and finding not in self.findings:
                self.findings.append(finding)


def scan_text(output: str, text: str, pseudonyms: frozenset[str], where: str = "") -> list[Finding]:
    """The BSNs and pseudonyms in one text."""
    found = [Finding(output, "bsn", mask("bsn", v), where) for v in find_bsns(text)]
    found += [
        Finding(output, "pseudoniem", mask("pseudoniem", v), where)
        for v in find_pseudonyms(text, pseudonyms)
    ]
    return found


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def load_pseudonyms(con: duckdb.DuckDBPyConnection, manifest: Manifest) -> frozenset[str]:
    """The pseudonyms of the served version: the values of every pseudonymised column of the
    sources (``raw.<source>.<column>``), lower-case hex."""
    values: set[str] = set()
    for source in manifest.sources:
        for column in source.pseudonymised_columns:
            rows = con.execute(
                f"SELECT DISTINCT lower(CAST({_ident(column)} AS VARCHAR)) "
                f"FROM raw.{_ident(source.name)} WHERE {_ident(column)} IS NOT NULL"
            ).fetchall()
            values.update(str(row[0]) for row in rows)
    return frozenset(values)


def public_tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(schema, table) of every table in the public schemas of the version."""
    placeholders = ", ".join("?" for _ in PUBLIC_SCHEMAS)
    rows = con.execute(
        "SELECT table_schema, table_name FROM information_schema.tables "
        f"WHERE table_schema IN ({placeholders}) ORDER BY 1, 2",
        list(PUBLIC_SCHEMAS),
    ).fetchall()
    return [(str(s), str(t)) for s, t in rows]


def scan_tables(
    con: duckdb.DuckDBPyConnection, pseudonyms: frozenset[str], report: ScanReport
) -> None:
    """Scan every column of every public table; the database only hands over values that
    contain nine digits or 64 hex characters in a row."""
    for schema, table in public_tables(con):
        qualified = f"{_ident(schema)}.{_ident(table)}"
        output = f"tabel {schema}.{table}"
        report.outputs.append(output)
        columns = con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
            [schema, table],
        ).fetchall()
        for column, data_type in columns:
            if str(data_type).upper() in ("BLOB", "GEOMETRY"):
                continue  # geometry (WKB) holds no identifiers
            value = f"CAST({_ident(str(column))} AS VARCHAR)"
            rows = con.execute(
                f"SELECT DISTINCT {value} FROM {qualified} "
                f"WHERE regexp_matches({value}, '[0-9]{{9}}|[0-9a-fA-F]{{64}}')"
            ).fetchall()
            for (text,) in rows:
                report.add(scan_text(output, str(text), pseudonyms, where=f"kolom {column}"))
