# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import openpyxl

from stuurdata.demo.xlsx import write_xlsx

ROWS = [
    ("Zoë & <Co>", dt.date(2024, 1, 31), 1.5, 7, None),
    ("Tweede", dt.date(1999, 12, 31), -2.25, 0, "x"),
]


def test_openpyxl_reads_what_we_write(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    sheets = [
        ("Blad", ("tekst", "datum", "getal", "geheel", "leeg"), ROWS),
        ("Tweede blad", ("a",), [("b",)]),
    ]
    write_xlsx(path, sheets, title="Test")
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["Blad", "Tweede blad"]
    rows = list(book["Blad"].iter_rows(values_only=True))
    assert rows[0] == ("tekst", "datum", "getal", "geheel", "leeg")
    assert rows[1] == ("Zoë & <Co>", dt.datetime(2024, 1, 31), 1.5, 7, None)
    assert rows[2] == ("Tweede", dt.datetime(1999, 12, 31), -2.25, 0, "x")
    assert list(book["Tweede blad"].iter_rows(values_only=True)) == [("a",), ("b",)]


def test_same_rows_same_bytes(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "a.xlsx", [("Blad", ("x", "d", "n", "i", "e"), ROWS)])
    time.sleep(2.1)  # zip timestamps have two-second resolution
    write_xlsx(tmp_path / "b.xlsx", [("Blad", ("x", "d", "n", "i", "e"), ROWS)])
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
