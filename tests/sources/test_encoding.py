# SPDX-License-Identifier: EUPL-1.2
"""Encoding detection and the one-pass file scan."""

from __future__ import annotations

from pathlib import Path

import pytest

from stuurdata.sources.encoding import (
    CP1252,
    UTF8,
    detect_encoding,
    first_undecodable_line,
    normalise_encoding,
    scan_file,
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xef\xbb\xbfa;b\n", UTF8),
        ("naam;bedrag\nCafé;€\n".encode(), UTF8),
        ("naam;bedrag\nCafé;€\n".encode("cp1252"), CP1252),
        (b"plain ascii", UTF8),
    ],
)
def test_detect_encoding(data: bytes, expected: str) -> None:
    assert detect_encoding(data, at_eof=True) == expected


def test_detect_encoding_tolerates_a_cut_multibyte_character() -> None:
    assert detect_encoding("abc€".encode()[:-1], at_eof=False) == UTF8


def test_scan_file(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b'\xef\xbb\xbfa;"b"\n1;2\n3;\x004\n')
    scan = scan_file(path)
    assert scan.has_bom
    assert scan.first_line == 'a;"b"'
    assert scan.nul_line == 3
    assert scan.quote_count == 2
    assert scan.encoding == UTF8


def test_first_undecodable_line(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes("a\nb\nCafé\n".encode("cp1252"))
    assert first_undecodable_line(path, UTF8) == 3
    assert first_undecodable_line(path, CP1252) is None


def test_normalise_encoding() -> None:
    assert normalise_encoding("Windows-1252") == CP1252
    assert normalise_encoding("UTF-8") == UTF8
    assert normalise_encoding("ebcdic") is None
