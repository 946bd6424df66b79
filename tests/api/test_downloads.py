# SPDX-License-Identifier: EUPL-1.2
"""Downloads of the built demo region: every format parsed back by its own reader."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pyogrio
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from stuurdata.warehouse import open_current
from tests.api.demo_app import built_demo, demo_client

__all__ = ["built_demo", "demo_client"]
pytestmark = pytest.mark.slow

DATASET = "bevolking_per_buurt"


def _published_rows(root: Path, name: str) -> list[dict[str, object]]:
    version = open_current(root)
    assert version is not None
    con = version.connect()
    try:
        rows: list[dict[str, object]] = (
            con.sql(f'SELECT * FROM published."{name}" ORDER BY rowid').to_arrow_table().to_pylist()
        )
        return rows
    finally:
        con.close()


def _get(client: TestClient, ext: str, name: str = DATASET) -> bytes:
    response = client.get(f"/datasets/{name}/download.{ext}")
    assert response.status_code == 200, response.text[:300]
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=") and name in disposition
    return response.content


def test_csv_is_utf8_comma_and_equals_the_published_table(
    demo_client: TestClient, built_demo: Path
) -> None:
    response = demo_client.get(f"/datasets/{DATASET}/download.csv")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "content-length" not in response.headers, "CSV is streamed"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    published = _published_rows(built_demo, DATASET)
    assert len(rows) == len(published)
    for got, want in zip(rows, published, strict=True):
        assert got["buurtcode"] == want["buurtcode"]
        assert got["inwoners"] == ("" if want["inwoners"] is None else str(want["inwoners"]))
        assert got["inwoners_reden"] == (want["inwoners_reden"] or "")


def test_excel_dialect_has_bom_semicolons_decimal_comma_and_crlf(demo_client: TestClient) -> None:
    body = _get(demo_client, "excel.csv")
    assert body.startswith(b"\xef\xbb\xbf")
    text = body[3:].decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    header = rows[0]
    assert header[:3] == ["buurtcode", "buurtnaam", "wijkcode"]
    mean = header.index("gemiddelde_huishoudensgrootte")
    values = [r[mean] for r in rows[1:] if r[mean]]
    assert values and all("." not in v for v in values)
    assert any("," in v for v in values)


def test_parquet_json_and_xlsx_hold_the_same_rows(
    demo_client: TestClient, built_demo: Path
) -> None:
    published = _published_rows(built_demo, DATASET)
    parquet = pq.read_table(io.BytesIO(_get(demo_client, "parquet"))).to_pylist()
    assert parquet == published

    response = demo_client.get(f"/datasets/{DATASET}/download.json")
    assert response.headers["content-type"] == "application/json"
    assert json.loads(response.content) == published

    workbook = load_workbook(io.BytesIO(_get(demo_client, "xlsx")), read_only=True)
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(published[0])
    assert len(rows) - 1 == len(published)
    assert rows[1][0] == published[0]["buurtcode"]


def test_geojson_in_wgs84_with_the_buurt_polygons(demo_client: TestClient) -> None:
    response = demo_client.get(f"/datasets/{DATASET}/download.geojson")
    assert response.headers["content-type"] == "application/geo+json"
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    feature = collection["features"][0]
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    ring = feature["geometry"]["coordinates"][0]
    lon, lat = ring[0] if feature["geometry"]["type"] == "Polygon" else ring[0][0]
    assert 3 < lon < 8 and 50 < lat < 54
    assert "inwoners_reden" in feature["properties"]


def test_sensor_points_come_from_their_own_coordinates(demo_client: TestClient) -> None:
    collection = json.loads(_get(demo_client, "geojson", "sensor_daggemiddelden"))
    geometry = collection["features"][0]["geometry"]
    assert geometry["type"] == "Point"
    lon, lat = geometry["coordinates"]
    assert 3 < lon < 8 and 50 < lat < 54


def test_geopackage_in_rd_new(demo_client: TestClient, tmp_path: Path) -> None:
    path = tmp_path / "download.gpkg"
    path.write_bytes(_get(demo_client, "gpkg"))
    info = pyogrio.read_info(path)
    assert info["crs"] == "EPSG:28992"
    assert "inwoners_reden" in list(info["fields"])
    assert info["features"] > 0
    _, bounds = pyogrio.read_bounds(path)
    xmin, ymin = bounds[0][0], bounds[1][0]
    assert 0 < xmin < 300_000 and 300_000 < ymin < 625_000


def test_unknown_format_is_404(demo_client: TestClient) -> None:
    assert demo_client.get(f"/datasets/{DATASET}/download.pdf").status_code == 404
