# SPDX-License-Identifier: EUPL-1.2
"""Download formats written from a stream of Arrow record batches, at any size.

Text formats (CSV, the Dutch Excel dialect, JSON, GeoJSON) are yielded batch by batch; binary
containers that need a seekable file (Parquet, XLSX, GeoPackage) are written to a temporary
file first. Geometry comes from :class:`Geometries` (area code -> WKB in RD New).
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import shapely

from stuurdata.areas.crs import RD, to_wgs84

UTF8_BOM = b"\xef\xbb\xbf"
XLSX_MAX_ROWS = 1_048_576
"""Rows per sheet in Excel, header included; longer downloads continue on a next sheet."""

Geometries = Mapping[str, bytes]
"""Area code -> geometry as WKB in RD New (EPSG:28992)."""


def _json_default(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"niet in JSON te schrijven: {type(value).__name__}")


def json_value(value: object) -> str | int | float | bool | None:
    """One cell as a JSON scalar: dates ISO 8601, decimals as numbers, NaN as null."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return None if value != value else value  # NaN -> null
    converted = _json_default(value)
    assert isinstance(converted, str | int | float)
    return converted


def _dumps(data: object) -> bytes:
    return json.dumps(data, default=_json_default, ensure_ascii=False, allow_nan=False).encode()


def csv_utf8(batches: Iterable[pa.RecordBatch], schema: pa.Schema) -> Iterator[bytes]:
    """RFC 4180 CSV, UTF-8, comma, LF, header first."""
    options = pacsv.WriteOptions(include_header=True, quoting_style="needed")
    for i, batch in enumerate(_non_empty(batches, schema)):
        sink = io.BytesIO()
        with pacsv.CSVWriter(sink, schema, write_options=options) as writer:
            writer.write_batch(batch)
        chunk = sink.getvalue()
        yield chunk if i == 0 else chunk.split(b"\n", 1)[1]


def _excel_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, float):
        return "" if value != value else repr(value).replace(".", ",")
    if isinstance(value, decimal.Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return str(value)


def csv_excel(batches: Iterable[pa.RecordBatch], schema: pa.Schema) -> Iterator[bytes]:
    """CSV for Dutch Excel: UTF-8 with BOM, semicolon, decimal comma, CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(schema.names)
    yield UTF8_BOM + buffer.getvalue().encode("utf-8")
    for batch in batches:
        buffer.seek(0)
        buffer.truncate()
        columns = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
        writer.writerows([_excel_cell(v) for v in row] for row in zip(*columns, strict=True))
        yield buffer.getvalue().encode("utf-8")


def json_rows(batches: Iterable[pa.RecordBatch]) -> Iterator[bytes]:
    """A JSON array of objects, one per row."""
    yield b"["
    first = True
    for batch in batches:
        rows = batch.to_pylist()
        if not rows:
            continue
        body = b",\n".join(_dumps(row) for row in rows)
        yield body if first else b",\n" + body
        first = False
    yield b"]\n"


def _wgs84_geojson(wkb: Iterable[bytes | None]) -> list[str | None]:
    shapes = shapely.from_wkb(np.array(list(wkb), dtype=object))
    present = ~shapely.is_missing(shapes)
    out: list[str | None] = [None] * len(shapes)
    if present.any():
        texts = shapely.to_geojson(to_wgs84(shapes[present]))
        for i, text in zip(np.flatnonzero(present).tolist(), texts.tolist(), strict=True):
            out[i] = text
    return out


GeometryOf = Callable[[pa.RecordBatch], list[bytes | None]]
"""Geometry (WKB, RD New) per row of a batch."""


def geometry_by_code(column: str, geometries: Geometries) -> GeometryOf:
    """Geometry per row looked up by the area code in ``column``."""

    def lookup(batch: pa.RecordBatch) -> list[bytes | None]:
        codes = batch.column(batch.schema.get_field_index(column)).to_pylist()
        return [geometries.get(str(c)) if c is not None else None for c in codes]

    return lookup


def geometry_from_column(column: str) -> GeometryOf:
    """Geometry per row from a WKB column (RD New) of the dataset itself."""

    def read(batch: pa.RecordBatch) -> list[bytes | None]:
        return list(batch.column(batch.schema.get_field_index(column)).to_pylist())

    return read


def geometry_from_xy(x: str, y: str) -> GeometryOf:
    """Point geometry per row from RD New coordinate columns ``x`` and ``y``."""

    def points(batch: pa.RecordBatch) -> list[bytes | None]:
        xs = batch.column(batch.schema.get_field_index(x)).to_pylist()
        ys = batch.column(batch.schema.get_field_index(y)).to_pylist()
        return [
            None if a is None or b is None else shapely.to_wkb(shapely.Point(float(a), float(b)))
            for a, b in zip(xs, ys, strict=True)
        ]

    return points


def geojson(
    batches: Iterable[pa.RecordBatch], geometry_of: GeometryOf, skip: str | None
) -> Iterator[bytes]:
    """A GeoJSON FeatureCollection in WGS84 (RFC 7946), one Feature per row."""
    yield b'{"type":"FeatureCollection","features":['
    first = True
    for batch in batches:
        if batch.num_rows == 0:
            continue
        shapes = _wgs84_geojson(geometry_of(batch))
        rows = batch.to_pylist()
        parts = []
        for row, shape in zip(rows, shapes, strict=True):
            if skip is not None:
                row.pop(skip, None)
            properties = _dumps(row)
            parts.append(
                b'{"type":"Feature","properties":'
                + properties
                + b',"geometry":'
                + (shape.encode() if shape else b"null")
                + b"}"
            )
        body = b",\n".join(parts)
        yield body if first else b",\n" + body
        first = False
    yield b"]}\n"


def _non_empty(batches: Iterable[pa.RecordBatch], schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    """The batches, or one empty batch so that a header is still written."""
    seen = False
    for batch in batches:
        seen = True
        yield batch
    if not seen:
        yield pa.RecordBatch.from_pylist([], schema=schema)


def write_parquet(batches: Iterable[pa.RecordBatch], schema: pa.Schema, path: Path) -> None:
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for batch in batches:
            writer.write_batch(batch)


def _xlsx_cell(value: object) -> object:
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # Excel has no time zones
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, bytes):
        return value.hex()
    return value


def write_xlsx(
    batches: Iterable[pa.RecordBatch], schema: pa.Schema, path: Path, title: str
) -> None:
    """An XLSX workbook (openpyxl write-only); past Excel's row limit on further sheets."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet: Any = None
    rows_in_sheet = XLSX_MAX_ROWS
    sheets = 0
    for batch in _non_empty(batches, schema):
        columns = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
        for row in zip(*columns, strict=True):
            if rows_in_sheet >= XLSX_MAX_ROWS:
                sheets += 1
                sheet = workbook.create_sheet(title[:28] + (f" {sheets}" if sheets > 1 else ""))
                sheet.append(schema.names)
                rows_in_sheet = 1
            sheet.append([_xlsx_cell(v) for v in row])
            rows_in_sheet += 1
    if sheet is None:
        workbook.create_sheet(title[:31]).append(schema.names)
    workbook.save(path)


def write_geopackage(
    batches: Iterable[pa.RecordBatch],
    schema: pa.Schema,
    path: Path,
    layer: str,
    geometry_of: GeometryOf,
    skip: str | None,
) -> None:
    """A GeoPackage layer in RD New (EPSG:28992), streamed through GDAL's Arrow writer."""
    import pyogrio.raw

    kept = [f for f in schema if f.name != skip]
    out_schema = pa.schema([*kept, pa.field("geometry", pa.binary())])

    def with_geometry() -> Iterator[pa.RecordBatch]:
        for batch in _non_empty(batches, schema):
            arrays = [batch.column(batch.schema.get_field_index(f.name)) for f in kept]
            arrays.append(pa.array(geometry_of(batch), pa.binary()))
            yield pa.RecordBatch.from_arrays(arrays, schema=out_schema)

    reader = pa.RecordBatchReader.from_batches(out_schema, with_geometry())
    pyogrio.raw.write_arrow(
        reader,
        str(path),
        layer=layer,
        driver="GPKG",
        geometry_name="geometry",
        geometry_type="Unknown",
        crs=RD,
    )
