# SPDX-License-Identifier: EUPL-1.2
"""The portal over the built demo region: what `make demo` shows."""

from __future__ import annotations

import pytest
import shapely
from fastapi.testclient import TestClient

from stuurdata.warehouse import open_current
from stuurdata.workspace import Workspace

pytestmark = pytest.mark.slow


def test_demo_pages_render(demo: tuple[Workspace, TestClient]) -> None:
    ws, client = demo
    home = client.get("/")
    assert home.status_code == 200
    assert "Synthetische gegevens — fictieve gemeenten" in home.text
    for tenant in ws.config.tenants:
        assert tenant.name in home.text
        area = client.get(f"/gebieden/{tenant.code}")
        assert area.status_code == 200 and tenant.name in area.text
    if ws.config.region:
        assert ws.config.region.name in home.text
    for path in ["/kaart", "/datasets", "/?lang=en", "/kaart?lang=en"]:
        assert client.get(path).status_code == 200


def test_demo_non_public_datasets_absent(demo: tuple[Workspace, TestClient]) -> None:
    ws, client = demo
    manifest = open_current(ws.root, ws.config.engine.path)
    assert manifest is not None
    hidden = {d.name for d in manifest.manifest.datasets if d.classification != "openbaar"}
    hidden |= {name for name, d in ws.datasets.items() if d.classification != "openbaar"}
    assert hidden, "the demo should hold at least one non-openbaar dataset to hide"
    public = [d.name for d in manifest.manifest.datasets if d.name not in hidden]
    assert public
    pages = ["/", "/kaart", "/datasets", "/api/v1/manifest"]
    pages += [f"/datasets/{name}" for name in public]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        for name in hidden:
            assert name not in response.text, f"{name} staat op {path}"
    for name in hidden:
        assert client.get(f"/datasets/{name}").status_code == 404


def test_demo_geojson_counts_and_wgs84(demo: tuple[Workspace, TestClient]) -> None:
    ws, client = demo
    published = open_current(ws.root, ws.config.engine.path)
    assert published is not None
    for level, table in [("gemeente", "gemeenten"), ("wijk", "wijken"), ("buurt", "buurten")]:
        collection = client.get(f"/api/v1/areas?level={level}&format=geojson").json()
        assert len(collection["features"]) == published.manifest.areas[table]
        west, south, east, north = shapely.total_bounds(
            [shapely.geometry.shape(f["geometry"]) for f in collection["features"]]
        )
        assert 3 < west < east < 8 and 50 < south < north < 54


def test_area_page_shows_key_figures_and_suppression_reasons(
    demo: tuple[Workspace, TestClient],
) -> None:
    """Published values appear on the area page; a suppressed one shows its reason, never 0."""
    ws, client = demo
    version = open_current(ws.root, ws.config.engine.path)
    assert version is not None
    with version.connect() as con:
        area_code, indicator = con.execute(
            "SELECT area_code, indicator FROM published.indicators "
            "WHERE reason = 'geheim' AND area_level = 'buurt' ORDER BY period DESC, area_code "
            "LIMIT 1"
        ).fetchone() or (None, None)
        latest = con.execute(
            "SELECT reason FROM published.indicators WHERE area_code = ? AND indicator = ? "
            "ORDER BY period DESC LIMIT 1",
            [area_code, indicator],
        ).fetchone()
    assert area_code is not None and latest == ("geheim",)
    title = ws.indicators[indicator].title
    page = client.get(f"/gebieden/{area_code}")
    assert page.status_code == 200
    assert "Kerncijfers" in page.text
    row = page.text.split(title.nl, 1)[1].split("</tr>", 1)[0]
    assert 'data-reason="geheim"' in row
    english = client.get(f"/gebieden/{area_code}?lang=en")
    row_en = english.text.split(title.en, 1)[1].split("</tr>", 1)[0]
    assert "confidential" in row_en
    gemeente = client.get(f"/gebieden/{ws.config.tenants[0].code}")
    inwoners = ws.indicators["bevolking_inwoners"].title.nl
    assert inwoners in gemeente.text


def test_dataset_page_shows_preview_downloads_lineage_and_quality(
    demo: tuple[Workspace, TestClient],
) -> None:
    _ws, client = demo
    page = client.get("/datasets/bevolking_per_buurt")
    assert page.status_code == 200
    text = page.text
    for heading in ("Voorbeeld", "Downloaden", "Herkomst", "Kwaliteit"):
        assert f">{heading}<" in text, heading
    assert "/datasets/bevolking_per_buurt/download.excel.csv" in text
    assert "/datasets/bevolking_per_buurt/download.geojson" in text  # per buurt: spatial
    assert "brp_personen" in text  # lineage names the source
    assert "staging.stg_personen" in text  # ... and the models in between
    preview = text.split('id="voorbeeld"', 1)[1].split("</table>", 1)[0]
    assert preview.count("<tr") == 21  # header + 20 rows
    assert "_reden" in preview  # protected columns carry their reason column
    english = client.get("/datasets/bevolking_per_buurt?lang=en")
    assert ">Lineage<" in english.text and ">Preview<" in english.text
