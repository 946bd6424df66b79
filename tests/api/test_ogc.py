# SPDX-License-Identifier: EUPL-1.2
"""OGC API Features driven by OWSLib's client against a real uvicorn server on the demo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
import shapely
from owslib.ogcapi.features import Features

from stuurdata.warehouse import open_current
from stuurdata.workspace import Workspace
from tests.api.demo_server import demo_app, demo_built, demo_server

__all__ = ["demo_app", "demo_built", "demo_server"]

RD = "http://www.opengis.net/def/crs/EPSG/0/28992"


@pytest.fixture(scope="module")
def ogc(demo_server: str) -> Features:
    return Features(f"{demo_server}/ogc")


@pytest.fixture(scope="module")
def published(demo_built: Path) -> Any:
    version = open_current(demo_built, Workspace.load(demo_built).config.engine.path)
    assert version is not None
    return version


def _query(published: Any, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    con = published.connect()
    try:
        rows: list[tuple[Any, ...]] = con.execute(sql, params or []).fetchall()
        return rows
    finally:
        con.close()


def test_landing_and_conformance(ogc: Features) -> None:
    rels = {link["rel"] for link in ogc.links}
    assert {"self", "service-desc", "conformance", "data"} <= rels
    conforms = ogc.conformance()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in conforms
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conforms
    api = ogc.api()
    assert api["openapi"].startswith("3.0")
    assert "/ogc/collections/{collectionId}/items" in api["paths"]


def test_collections_are_public_layers(ogc: Features, demo_built: Path) -> None:
    ids = set(ogc.feature_collections())
    assert {"gemeenten", "wijken", "buurten"} <= ids
    assert {"indicatoren-buurt", "indicatoren-wijk", "indicatoren-gemeente"} <= ids
    hidden = [
        name
        for name, d in Workspace.load(demo_built).datasets.items()
        if d.classification != "openbaar"
    ]
    assert hidden and not ids & set(hidden)
    buurten = ogc.collection("buurten")
    west, south, east, north = buurten["extent"]["spatial"]["bbox"][0]
    assert 3 < west < east < 8 and 50 < south < north < 54
    assert RD in buurten["crs"]


def test_paging_with_next_links_returns_every_buurt(ogc: Features, published: Any) -> None:
    codes = {r[0] for r in _query(published, "SELECT code FROM areas.buurten")}
    first = ogc.collection_items("buurten", limit=20)
    assert first["numberMatched"] == len(codes) and first["numberReturned"] == 20
    seen = [f["id"] for f in first["features"]]
    page = first
    while (nxt := next((lk for lk in page["links"] if lk["rel"] == "next"), None)) is not None:
        page = httpx.get(nxt["href"]).json()
        seen += [f["id"] for f in page["features"]]
    assert len(seen) == len(set(seen)) == len(codes) and set(seen) == codes
    offset = ogc.collection_items("buurten", limit=5, offset=10)
    assert [f["id"] for f in offset["features"]] == seen[10:15]


def test_bbox_selects_intersecting_features(ogc: Features) -> None:
    gemeente = ogc.collection_item(
        "gemeenten", ogc.collection_items("gemeenten")["features"][0]["id"]
    )
    shape = shapely.geometry.shape(gemeente["geometry"])
    inner = shape.representative_point().buffer(0.001).bounds
    found = ogc.collection_items("buurten", bbox=list(inner), limit=1000)["features"]
    assert 1 <= len(found) <= 3
    assert all(f["properties"]["code"].startswith("BU" + gemeente["id"][2:]) for f in found)
    nothing = ogc.collection_items("buurten", bbox=[0, 0, 0.1, 0.1])
    assert nothing["numberMatched"] == 0 and nothing["features"] == []


def test_feature_in_rd_new(demo_server: str) -> None:
    url = f"{demo_server}/ogc/collections/wijken/items"
    wgs = httpx.get(url, params={"limit": 1}).json()["features"][0]
    response = httpx.get(f"{url}/{wgs['id']}", params={"crs": RD})
    assert response.status_code == 200
    assert response.headers["content-crs"] == f"<{RD}>"
    assert response.headers["content-type"].startswith("application/geo+json")
    x, y = shapely.geometry.shape(response.json()["geometry"]).representative_point().coords[0]
    assert 0 < x < 300_000 and 300_000 < y < 650_000
    # a bbox in RD New finds the same feature
    box = ",".join(str(v) for v in shapely.geometry.shape(response.json()["geometry"]).bounds)
    in_rd = httpx.get(url, params={"bbox": box, "bbox-crs": RD, "limit": 100}).json()
    assert wgs["id"] in {f["id"] for f in in_rd["features"]}


def test_indicator_layer_holds_published_values(ogc: Features, published: Any) -> None:
    rows = _query(
        published,
        "SELECT area_code, period, value FROM published.indicators "
        "WHERE indicator = 'bevolking_inwoners' AND area_level = 'wijk'",
    )
    latest = max(r[1] for r in rows)
    expected = {code: value for code, period, value in rows if period == latest}
    page = ogc.collection_items("indicatoren-wijk", limit=100, indicator="bevolking_inwoners")
    got = {f["id"]: f["properties"]["bevolking_inwoners"] for f in page["features"]}
    assert got == expected
    assert set(page["features"][0]["properties"]) == {"code", "name", "bevolking_inwoners"}
    earliest = min(r[1] for r in rows)
    older = ogc.collection_items(
        "indicatoren-wijk", limit=100, indicator="bevolking_inwoners", period=earliest
    )
    assert {f["id"]: f["properties"]["bevolking_inwoners"] for f in older["features"]} == {
        code: value for code, period, value in rows if period == earliest
    }


def test_suppressed_values_stay_empty(ogc: Features, published: Any) -> None:
    rows = _query(
        published,
        "SELECT indicator, area_code, period FROM published.indicators "
        "WHERE area_level = 'buurt' AND value IS NULL LIMIT 1",
    )
    assert rows, "the demo has suppressed buurt values"
    indicator, code, period = rows[0]
    feature = ogc.collection_items(
        "indicatoren-buurt", limit=1000, indicator=indicator, period=period
    )
    props = next(f["properties"] for f in feature["features"] if f["id"] == code)
    assert props[indicator] is None


def test_dataset_layers_are_published_open_tables(ogc: Features, published: Any) -> None:
    tables = {
        r[0]
        for r in _query(
            published,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'published'",
        )
    }
    ids = set(ogc.feature_collections())
    for name in tables - {"indicators"}:
        columns = {
            r[0]
            for r in _query(
                published,
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'published' AND table_name = ?",
                [name],
            )
        }
        if columns & {"buurtcode", "wijkcode", "gemeentecode"}:
            assert name in ids
            count = _query(published, f'SELECT count(*) FROM published."{name}"')[0][0]
            assert ogc.collection_items(name, limit=1)["numberMatched"] == count


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/ogc/collections/bestaat-niet", 404),
        ("/ogc/collections/bestaat-niet/items", 404),
        ("/ogc/collections/buurten/items/BU00000000", 404),
        ("/ogc/collections/buurten/items?limit=nul", 400),
        ("/ogc/collections/buurten/items?limit=0", 400),
        ("/ogc/collections/buurten/items?offset=-1", 400),
        ("/ogc/collections/buurten/items?bbox=1,2,3", 400),
        ("/ogc/collections/buurten/items?bbox=5,53,4,52", 400),
        ("/ogc/collections/buurten/items?crs=EPSG:3857", 400),
        ("/ogc/collections/buurten/items?f=xml", 400),
        ("/ogc/collections/indicatoren-buurt/items?period=1900", 400),
        ("/ogc/collections/indicatoren-buurt/items?indicator=geheim", 400),
        ("/ogc/collections/personen_sociaal_domein", 404),
    ],
)
def test_errors(demo_server: str, path: str, status: int) -> None:
    response = httpx.get(demo_server + path)
    assert response.status_code == status
    assert response.json()["description"]


def test_html_views(demo_server: str) -> None:
    for path in (
        "/ogc",
        "/ogc/conformance",
        "/ogc/collections",
        "/ogc/collections/buurten",
        "/ogc/collections/buurten/items",
        "/ogc/collections/gemeenten/items/",
    ):
        if path.endswith("/items/"):
            first = httpx.get(demo_server + "/ogc/collections/gemeenten/items").json()["features"][
                0
            ]
            path += first["id"]
        response = httpx.get(demo_server + path, params={"f": "html"})
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        assert "<h1" in response.text and 'rel="stylesheet"' in response.text
    browser = httpx.get(demo_server + "/ogc/collections", headers={"accept": "text/html,*/*"})
    assert browser.headers["content-type"].startswith("text/html")
    table = httpx.get(
        demo_server + "/ogc/collections/buurten/items", params={"f": "html", "limit": 3}
    ).text
    assert table.count('<tr class="utrecht-table__row">') == 4
