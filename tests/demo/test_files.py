# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa

from stuurdata.demo.files import decimal_comma, write_csv, ymd


def test_decimal_comma() -> None:
    values = decimal_comma(np.array([412000.0, 0.5, 12.346]), 2).to_pylist()
    assert values == ["412000,00", "0,50", "12,35"]
    assert decimal_comma(np.array([7.0]), 0).to_pylist() == ["7"]


def test_csv_in_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    write_csv(pa.table({"naam": ["Zoë", "André"]}), path, encoding="cp1252", eol="\r\n")
    data = path.read_bytes()
    assert data == '"naam"\r\n"Zoë"\r\n"André"\r\n'.encode("cp1252")


def test_dates_as_text() -> None:
    days = np.array([19723, 19724])
    assert ymd(days).to_pylist() == ["2024-01-01", "2024-01-02"]
    assert ymd(days, "compact").to_pylist() == ["20240101", "20240102"]
    assert ymd(days, "dutch", np.array([True, False])).to_pylist() == ["01-01-2024", None]
