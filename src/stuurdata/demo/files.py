# SPDX-License-Identifier: EUPL-1.2
"""Writing delivered files byte-for-byte reproducibly: CSV (any encoding) and Parquet.

Same input, same bytes (XLSX: :mod:`stuurdata.demo.xlsx`), so a generated workspace can be
checked by hashes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq


def write_csv(
    table: pa.Table, path: Path, *, delimiter: str = ";", encoding: str = "utf-8", eol: str = "\n"
) -> None:
    """Write ``table`` as CSV; non-UTF-8 encodings are transcoded (fails on unmappable text)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sink = pa.BufferOutputStream()
    pacsv.write_csv(table, sink, pacsv.WriteOptions(delimiter=delimiter, eol=eol))
    data = sink.getvalue().to_pybytes()
    if encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
        data = data.decode("utf-8").encode(encoding)
    path.write_bytes(data)


def decimal_comma(values: npt.NDArray[np.float64], decimals: int = 2) -> pa.Array:
    """Numbers as text with a decimal comma and no thousands separator: 412000.5 -> '412000,50'."""
    scaled = np.round(np.asarray(values, dtype=np.float64) * 10**decimals).astype(np.int64)
    whole = pc.cast(pa.array(scaled // 10**decimals), pa.string())
    if decimals == 0:
        return whole
    frac = pc.utf8_lpad(pc.cast(pa.array(scaled % 10**decimals), pa.string()), decimals, "0")
    return pc.binary_join_element_wise(whole, frac, ",")


def write_parquet(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, compression="zstd", row_group_size=1_000_000)


def take(values: Sequence[str], index: npt.NDArray[np.int64]) -> pa.Array:
    """``values[index]`` as an Arrow string array, without Python loops over rows."""
    return pc.take(pa.array(list(values), pa.string()), pa.array(index))


def ymd(
    days: npt.NDArray[np.int64],
    fmt: str = "iso",
    valid: npt.NDArray[np.bool_] | None = None,
) -> pa.Array:
    """Days since 1970-01-01 as text: 'iso' (2024-03-01), 'compact' (20240301) or 'dutch'
    (01-03-2024); rows where ``valid`` is false become null."""
    text = pa.array(np.datetime_as_string(np.asarray(days, dtype="datetime64[D]"), unit="D"))
    if fmt == "compact":
        text = pc.replace_substring(text, "-", "")
    elif fmt == "dutch":
        text = pc.binary_join_element_wise(
            pc.utf8_slice_codeunits(text, 8, 10),
            pc.utf8_slice_codeunits(text, 5, 7),
            pc.utf8_slice_codeunits(text, 0, 4),
            "-",
        )
    if valid is not None:
        text = pc.if_else(pa.array(valid), text, pa.nulls(len(text), pa.string()))
    return text


def timestamp_text(seconds: npt.NDArray[np.int64]) -> pa.Array:
    """Seconds since 1970-01-01 as 'YYYY-MM-DD HH:MM:SS'."""
    text = np.datetime_as_string(np.asarray(seconds, dtype="datetime64[s]"), unit="s")
    return pc.replace_substring(pa.array(text), "T", " ")
