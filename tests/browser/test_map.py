# SPDX-License-Identifier: EUPL-1.2
"""The choropleth map in Chromium: hover tooltip, click through to the area profile, hatched
suppressed areas, the keyboard alternative (the table) and the page without JavaScript."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import shapely
from playwright.sync_api import Browser, Page, expect

from tests.api.demo_server import serve
from tests.browser.conftest import VIEWPORT
from tests.portal.conftest import write_tiny_workspace

pytestmark = pytest.mark.browser

SHARE_65 = "/kaart?indicator=aandeel_65_plus&level=buurt&period=2025-01-01"


def _geojson(base_url: str, page: Page) -> dict[str, Any]:
    url = page.locator(".portal-map").get_attribute("data-geojson")
    assert url
    collection: dict[str, Any] = httpx.get(base_url + url).json()
    return collection


def _open_map(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".portal-map[data-ready]", timeout=30_000)


def _screen_point(page: Page, feature: dict[str, Any]) -> tuple[float, float]:
    """A pixel on the page inside ``feature``'s polygon."""
    inside = shapely.geometry.shape(feature["geometry"]).representative_point()
    x, y = page.evaluate(
        "p => { const q = window.stuurdataKaart.project(p); return [q.x, q.y]; }",
        [inside.x, inside.y],
    )
    box = page.locator("#kaart").bounding_box()
    assert box is not None
    return box["x"] + x, box["y"] + y


def test_hover_shows_value_and_click_opens_the_buurt_profile(
    page: Page, base_url: str, screenshots: Path
) -> None:
    _open_map(page, base_url + SHARE_65)
    features = _geojson(base_url, page)["features"]
    # a buurt with a value, in the middle of the list so it is not at the edge of the map
    feature = [f for f in features if f["properties"]["class"] >= 0][len(features) // 2]
    code, name = feature["properties"]["code"], feature["properties"]["name"]
    page.locator("#kaart").scroll_into_view_if_needed()
    x, y = _screen_point(page, feature)
    page.mouse.move(x, y)
    tooltip = page.locator(".portal-map__tooltip")
    expect(tooltip).to_contain_text(name)
    expect(tooltip).to_contain_text(feature["properties"]["text"])
    expect(page.locator("[data-hover]")).to_contain_text(code)
    expect(page.locator(f'tr[data-code="{code}"]')).to_have_attribute("data-active", "true")
    page.screenshot(path=str(screenshots / "kaart-hover.png"))
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(rf"/gebieden/{code}$"))
    expect(page.locator("h1")).to_have_text(name)
    page.screenshot(path=str(screenshots / "kaart-naar-buurt.png"), full_page=True)


def _suppressed_choice(base_url: str) -> str:
    """A map URL of an openbaar buurt indicator with both shown and suppressed buurten."""
    values = httpx.get(
        base_url + "/api/v1/values", params={"level": "buurt", "limit": 10_000}
    ).json()
    groups: dict[tuple[str, str], set[bool]] = {}
    for v in values["items"]:
        groups.setdefault((v["indicator"], v["period"]), set()).add(v["reason"] == "ok")
    mixed = sorted(k for k, kinds in groups.items() if kinds == {True, False})
    assert mixed, "de demo hoort buurten met geheime waarden te hebben"
    indicator, period = mixed[0]
    return f"/kaart?indicator={indicator}&level=buurt&period={period}"


def test_suppressed_areas_are_hatched_with_their_reason(
    page: Page, base_url: str, screenshots: Path
) -> None:
    _open_map(page, base_url + _suppressed_choice(base_url))
    features = _geojson(base_url, page)["features"]
    hidden = [f for f in features if f["properties"]["suppressed"]]
    assert hidden and all(f["properties"]["class"] == -1 for f in hidden)
    legend = page.locator(".portal-legend__item[data-reason]")
    expect(legend.first).to_be_visible()
    assert "url(#arcering-" in (legend.first.inner_html())
    counts = sum(
        int(re.search(r"\((\d+) gebieden\)", text).group(1))  # type: ignore[union-attr]
        for text in legend.all_inner_texts()
        if "geen gegevens" not in text.lower()
    )
    assert counts == len(hidden)
    # the tooltip of a hatched buurt gives the reason, not a number
    feature = hidden[0]
    page.locator("#kaart").scroll_into_view_if_needed()
    page.mouse.move(*_screen_point(page, feature))
    expect(page.locator(".portal-map__tooltip")).to_contain_text(feature["properties"]["text"])
    assert not re.search(r"\d", feature["properties"]["text"])
    page.screenshot(path=str(screenshots / "kaart-geheim.png"))


def test_focusing_a_table_row_highlights_its_area(page: Page, base_url: str) -> None:
    _open_map(page, base_url + SHARE_65)
    link = page.locator(".portal-map-table tbody a").first
    code = page.locator(".portal-map-table tbody tr").first.get_attribute("data-code")
    link.focus()
    expect(page.locator(f'tr[data-code="{code}"]')).to_have_attribute("data-active", "true")
    expect(page.locator("[data-hover]")).to_contain_text(str(code))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/gebieden/{code}$"))


def test_without_javascript_the_form_legend_and_table_work(
    browser: Browser, base_url: str, screenshots: Path
) -> None:
    context = browser.new_context(
        locale="nl-NL",
        viewport=VIEWPORT,  # type: ignore[arg-type]
        java_script_enabled=False,
    )
    page = context.new_page()
    try:
        page.goto(base_url + "/kaart")
        expect(page.locator(".portal-map")).to_be_hidden()
        expect(page.locator(".portal-legend")).to_be_visible()
        page.select_option("#kaart-indicator", "aandeel_65_plus")
        page.select_option("#kaart-niveau", "wijk")
        page.select_option("#kaart-indeling", "jenks")
        page.get_by_role("button", name="Toon op de kaart").click()
        page.wait_for_url(re.compile(r"indicator=aandeel_65_plus.*level=wijk"))
        caption = page.locator(".portal-map-table caption")
        expect(caption).to_contain_text("Aandeel inwoners 65 jaar of ouder per wijk")
        rows = page.locator(".portal-map-table tbody tr")
        assert rows.count() == len(httpx.get(base_url + "/api/v1/areas?level=wijk").json()["items"])
        expect(page.locator("#kaart-indeling")).to_have_value("jenks")
        page.screenshot(path=str(screenshots / "kaart-zonder-js.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture(scope="module")
def outline_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A built workspace without indicators: the map shows the outlines of the areas."""
    from stuurdata.portal import create_app
    from stuurdata.warehouse import build
    from stuurdata.workspace import Workspace

    root = write_tiny_workspace(tmp_path_factory.mktemp("outlines") / "ws")
    build(Workspace.load(root))
    yield from serve(create_app(root))


def test_without_indicators_the_map_shows_outlines(
    page: Page, outline_server: str, screenshots: Path
) -> None:
    _open_map(page, outline_server + "/kaart")
    expect(page.locator(".portal-legend")).to_have_count(0)
    assert page.evaluate("() => window.stuurdataKaart.getLayer('buurt-vlak') !== undefined")
    page.check("#laag-buurt")
    page.wait_for_function(
        "() => window.stuurdataKaart.getLayoutProperty('buurt-vlak', 'visibility') === 'visible'"
    )
    box = page.locator("#kaart").bounding_box()
    assert box is not None
    page.locator("#kaart").scroll_into_view_if_needed()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    popup = page.locator(".portal-popup")
    expect(popup).to_be_visible()
    expect(popup.locator("a")).to_have_attribute("href", re.compile(r"^/gebieden/BU\d+"))
    page.screenshot(path=str(screenshots / "kaart-omtrekken.png"))
