# SPDX-License-Identifier: EUPL-1.2
"""Downloads of openbaar datasets at ``/datasets/{name}/download.{ext}``, streamed at any size.

The URLs and formats are the distributions the catalog describes
(:data:`stuurdata.catalog.metadata.DOWNLOAD_FORMATS`). Rows come from ``published.<name>`` only,
as Arrow record batches; area geometry from ``areas.*`` of the same version. A dataset that is not
openbaar answers 404 exactly like an unknown one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from functools import lru_cache
from pathlib import Path
from typing import Final

import duckdb
import pyarrow as pa
from fastapi import APIRouter, HTTPException, Request
from starlette.background import BackgroundTask
from starlette.responses import FileResponse, Response, StreamingResponse

from stuurdata.api import formats
from stuurdata.api.published import NOT_FOUND, PublicTable, connect, public_table, quoted
from stuurdata.catalog.metadata import DOWNLOAD_FORMATS, DownloadFormat
from stuurdata.warehouse import PublishedVersion

router = APIRouter(tags=["Downloads"])
BATCH_ROWS: Final = 65_536
_FORMATS: Final = {f.ext: f for f in DOWNLOAD_FORMATS}
_AREA_TABLES: Final = ("areas.buurten", "areas.wijken", "areas.gemeenten", "areas.regios")
_CHUNK: Final = 1 << 20


@lru_cache(maxsize=4)
def _geometries(database: Path, version_id: str) -> dict[str, bytes]:
    """Area code -> WKB (RD New) for every area of one version (immutable, so cached)."""
    from stuurdata.warehouse.duckdb_engine import connect_read_only

    con = connect_read_only(database)
    try:
        found: dict[str, bytes] = {}
        tables = {
            f"{s}.{t}"
            for s, t in con.execute(
                "SELECT table_schema, table_name FROM information_schema.tables"
            ).fetchall()
        }
        for table in _AREA_TABLES:
            if table in tables:
                rows = con.execute(f"SELECT code, geometry_wkb FROM {quoted(table)}").fetchall()
                found.update({str(c): bytes(g) for c, g in rows if g is not None})
        return found
    finally:
        con.close()


def geometries(published: PublishedVersion) -> dict[str, bytes]:
    return _geometries(published.database, published.version_id)


def _batches(
    con: duckdb.DuckDBPyConnection, table: PublicTable
) -> tuple[pa.Schema, Iterator[pa.RecordBatch]]:
    cursor = con.cursor()  # its own result stream, next to earlier results on ``con``
    sql = f"SELECT {table.select} FROM {table.source} ORDER BY {table.order}"
    reader: pa.RecordBatchReader = cursor.sql(sql).to_arrow_reader(BATCH_ROWS)

    def read() -> Iterator[pa.RecordBatch]:
        yield from reader

    return reader.schema, read()


def _disposition(name: str, kind: DownloadFormat) -> dict[str, str]:
    filename = f"{name}-excel.csv" if kind.ext == "excel.csv" else f"{name}.{kind.ext}"
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


def _media_type(kind: DownloadFormat) -> str:
    return (
        f"{kind.media_type}; charset=utf-8" if kind.ext in ("csv", "excel.csv") else kind.media_type
    )


def _geometry_of(
    table: PublicTable, published: PublishedVersion
) -> tuple[formats.GeometryOf, str | None]:
    column = table.geometry_column
    if column is not None:
        return formats.geometry_from_column(column), column
    if table.has_points:  # a location of its own (RD x, y) beats the area's polygon
        return formats.geometry_from_xy("x", "y"), None
    area = table.area_column
    assert area is not None
    return formats.geometry_by_code(area, geometries(published)), None


def _file_response(write: Callable[[Path], None], kind: DownloadFormat, name: str) -> Response:
    fd, tmp = tempfile.mkstemp(prefix="stuurdata-", suffix="." + kind.ext.replace(".", "-"))
    os.close(fd)
    path = Path(tmp)
    try:
        path.unlink()  # writers (GDAL) want to create the file themselves
        write(path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return FileResponse(
        path,
        media_type=_media_type(kind),
        headers=_disposition(name, kind),
        background=BackgroundTask(path.unlink, missing_ok=True),
    )


@router.get(
    "/datasets/{name}/download.{ext}",
    response_class=Response,
    summary="Download an openbaar dataset",
    responses={
        200: {
            "description": "The whole dataset in the requested format, streamed.",
            "content": {f.media_type: {} for f in DOWNLOAD_FORMATS},
        },
        404: {"description": "Unknown or not openbaar dataset, or unknown format."},
        503: {"description": "No published version yet."},
    },
)
def download(request: Request, name: str, ext: str) -> Response:
    """The dataset ``name`` from the published layer as CSV (``csv``), CSV for Dutch Excel
    (``excel.csv``: semicolon, decimal comma, BOM, CRLF), Parquet, JSON, XLSX, and for spatial
    datasets GeoJSON (WGS84) and GeoPackage (RD New). Suppressed cells are empty, with the
    reason in ``<column>_reden``."""
    kind = _FORMATS.get(ext)
    if kind is None:
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    stack = ExitStack()
    published, con = stack.enter_context(connect(request))
    try:
        table = public_table(request, published, con, name)
        if kind.spatial_only and not table.spatial:
            raise HTTPException(status_code=404, detail=NOT_FOUND)
        schema, batches = _batches(con, table)
        if kind.ext in ("parquet", "xlsx", "gpkg"):
            with stack:
                return _file_response(_writer(kind, table, published, schema, batches), kind, name)
        body = _stream(kind, table, published, schema, batches)
    except BaseException:
        stack.close()
        raise

    def closing() -> Iterator[bytes]:
        with stack:
            yield from body

    return StreamingResponse(
        closing(), media_type=_media_type(kind), headers=_disposition(name, kind)
    )


def _stream(
    kind: DownloadFormat,
    table: PublicTable,
    published: PublishedVersion,
    schema: pa.Schema,
    batches: Iterator[pa.RecordBatch],
) -> Iterator[bytes]:
    if kind.ext == "csv":
        return formats.csv_utf8(batches, schema)
    if kind.ext == "excel.csv":
        return formats.csv_excel(batches, schema)
    if kind.ext == "json":
        return formats.json_rows(batches)
    geometry_of, skip = _geometry_of(table, published)
    return formats.geojson(batches, geometry_of, skip)


def _writer(
    kind: DownloadFormat,
    table: PublicTable,
    published: PublishedVersion,
    schema: pa.Schema,
    batches: Iterator[pa.RecordBatch],
) -> Callable[[Path], None]:
    if kind.ext == "parquet":
        return lambda path: formats.write_parquet(batches, schema, path)
    if kind.ext == "xlsx":
        return lambda path: formats.write_xlsx(batches, schema, path, table.name)
    geometry_of, skip = _geometry_of(table, published)
    return lambda path: formats.write_geopackage(
        batches, schema, path, table.name, geometry_of, skip
    )
