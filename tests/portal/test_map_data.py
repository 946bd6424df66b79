# SPDX-License-Identifier: EUPL-1.2
"""The choropleth map page and its GeoJSON over the built demo region: the same values as the
REST API, every area of the level, classes in value order, suppressed values hatched with their
reason and never a number, only openbaar indicators, a form that works without JavaScript."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import shapely
from fastapi.testclient import TestClient

from stuurdata.portal.map_data import basemap_style_url, choose, legend_decimals, read_catalog
from stuurdata.warehouse import open_current
from stuurdata.workspace import Workspace
from stuurdata.workspace.config import BasemapConfig, Classification, PortalConfig
from tests.api.demo_app import built_demo, demo_client

__all__ = ["built_demo", "demo_client"]

SHARE_65 = {"indicator": "aandeel_65_plus", "level": "buurt", "period": "2025-01-01"}
ROW = re.compile(r'<tr class="utrecht-table__row" data-code="([^"]+)">(.*?)</tr>', re.DOTALL)


def _values(client: TestClient, **params: str) -> dict[str, dict[str, object]]:
    body = client.get("/api/v1/values", params={**params, "limit": 10_000}).json()
    return {v["area_code"]: v for v in body["items"]}


def _rows(html: str) -> dict[str, str]:
    return {code: unescape(re.sub(r"<[^>]+>", " ", body)) for code, body in ROW.findall(html)}


def test_map_page_lists_every_area_with_the_published_value(demo_client: TestClient) -> None:
    response = demo_client.get("/kaart", params=SHARE_65)
    assert response.status_code == 200
    rows = _rows(response.text)
    buurten = demo_client.get("/api/v1/areas", params={"level": "buurt"}).json()["items"]
    assert set(rows) == {b["code"] for b in buurten}
    published = _values(demo_client, **SHARE_65)
    for code, text in rows.items():
        value = published[code]
        if value["reason"] == "ok":
            shown = f"{value['value']:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")
            assert f"{shown}%" in text, code
        else:
            assert str(value["reason_label"]["nl"]) in text, code
    assert 'name="indicator"' in response.text and 'action="/kaart"' in response.text
    assert (
        "aandeel_65_plus" in response.text and 'data-geojson="/kaart/data.geojson?' in response.text
    )


def test_geojson_classes_follow_the_values_and_the_legend(demo_client: TestClient) -> None:
    for breaks in ("kwantielen", "jenks"):
        page = demo_client.get("/kaart", params={**SHARE_65, "breaks": breaks}).text
        legend = re.findall(r'data-class="(\d)"><svg[^>]*>\s*<rect[^>]*fill="(#[0-9a-f]{6})"', page)
        colours = {int(i): c for i, c in legend}
        assert 2 <= len(colours) <= 5
        collection = demo_client.get(
            "/kaart/data.geojson", params={**SHARE_65, "breaks": breaks}
        ).json()
        published = _values(demo_client, **SHARE_65)
        features = collection["features"]
        assert len(features) == len(_rows(page))
        shown = sorted(
            (published[f["properties"]["code"]]["value"], f["properties"]["class"])
            for f in features
            if not f["properties"]["suppressed"] and f["properties"]["class"] >= 0
        )
        classes = [c for _, c in shown]
        assert classes == sorted(classes), "a higher value never falls in a lower class"
        assert set(classes) == set(colours)
        for f in features:
            props = f["properties"]
            if props["class"] >= 0:
                assert props["colour"] == colours[props["class"]]
            west, south, east, north = shapely.geometry.shape(f["geometry"]).bounds
            assert 3 < west < east < 8 and 50 < south < north < 54  # WGS84, in the Netherlands


def test_suppressed_values_are_hatched_with_their_reason(demo_client: TestClient) -> None:
    values = demo_client.get("/api/v1/values", params={"level": "buurt", "limit": 10_000}).json()[
        "items"
    ]
    suppressed = [v for v in values if v["reason"] not in ("ok", "ontbreekt")]
    assert suppressed, "de demo hoort geheime buurtwaarden te hebben"
    chosen = suppressed[0]
    params = {"indicator": chosen["indicator"], "level": "buurt", "period": chosen["period"]}
    page = demo_client.get("/kaart", params=params).text
    features = demo_client.get("/kaart/data.geojson", params=params).json()["features"]
    hidden = {
        f["properties"]["code"]: f["properties"] for f in features if f["properties"]["suppressed"]
    }
    expected = {
        v["area_code"]
        for v in values
        if v["indicator"] == chosen["indicator"]
        and v["period"] == chosen["period"]
        and v["reason"] not in ("ok", "ontbreekt")
    }
    assert set(hidden) == expected
    rows = _rows(page)
    for code, props in hidden.items():
        assert props["class"] == -1 and not re.search(r"\d", props["text"])
        assert props["text"] in rows[code]
    assert 'data-reason="' in page and "url(#arcering-" in page
    assert "Gearceerd" in page


def test_unknown_choices_fall_back_and_the_geojson_refuses_them(demo_client: TestClient) -> None:
    page = demo_client.get(
        "/kaart", params={"indicator": "bestaat_niet", "level": "x", "period": "1"}
    )
    assert page.status_code == 200 and "<table" in page.text
    assert (
        demo_client.get("/kaart/data.geojson", params={"indicator": "bestaat_niet"}).status_code
        == 404
    )


def test_english_labels(demo_client: TestClient) -> None:
    text = demo_client.get("/kaart", params={**SHARE_65, "lang": "en"}).text
    assert "Share of inhabitants aged 65 or over per neighbourhood, 2025-01-01" in text
    assert '<input type="hidden" name="lang" value="en">' in text
    assert 'href="/gebieden/BU' in text and "?lang=en" in text


def test_only_openbaar_indicators_are_on_the_map(built_demo: Path) -> None:
    workspace = Workspace.load(built_demo)
    published = open_current(built_demo, workspace.config.engine.path)
    assert published is not None
    definitions = dict(workspace.indicators)
    definitions["aandeel_65_plus"] = definitions["aandeel_65_plus"].model_copy(
        update={"classification": Classification.INTERN}
    )
    con = published.connect()
    try:
        catalog = read_catalog(con, definitions)
    finally:
        con.close()
    assert catalog and "aandeel_65_plus" not in catalog
    chosen = choose(catalog, {"indicator": "aandeel_65_plus"})
    assert chosen is not None and chosen.indicator != "aandeel_65_plus"
    assert chosen.level == "buurt" and chosen.period == catalog[chosen.indicator]["buurt"][-1]
    assert choose({}, {}) is None


def test_legend_decimals_grow_until_breaks_differ() -> None:
    assert legend_decimals([0.0, 0.94, 0.96, 1.0], 1) == 2
    assert legend_decimals([0.0, 0.0, 1.0], 0) == 0
    assert legend_decimals([1.0, 2.0], 1) == 1


def test_basemap_style_url_is_optional() -> None:
    config = PortalConfig(basemap=BasemapConfig(style_url="/static/b.json"))
    assert basemap_style_url(config) == "/static/b.json"
    assert basemap_style_url(PortalConfig()) == ""


def test_default_level_is_the_finest_that_stays_small() -> None:
    catalog = {"x": {"gemeente": ("2024",), "wijk": ("2024",), "buurt": ("2023", "2024")}}
    regional = choose(catalog, {}, {"gemeente": 3, "wijk": 7, "buurt": 65})
    national = choose(catalog, {}, {"gemeente": 342, "wijk": 3300, "buurt": 14000})
    asked = choose(catalog, {"level": "buurt", "period": "2023"}, {"buurt": 14000})
    assert regional is not None and regional.level == "buurt" and regional.period == "2024"
    assert national is not None and national.level == "gemeente"
    assert asked is not None and (asked.level, asked.period) == ("buurt", "2023")
