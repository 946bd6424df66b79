# SPDX-License-Identifier: EUPL-1.2
"""The dashboard filters in Chromium, with the mouse and with the keyboard alone: choose an
area and a year with the GET form, the page shows that area and year."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import tab_to

pytestmark = pytest.mark.browser


def _other_option(page: Page, select: str) -> tuple[str, str]:
    """(value, label) of an option of ``select`` that is not selected now."""
    options = page.locator(f"{select} option")
    current = page.locator(select).input_value()
    for i in range(options.count()):
        value = options.nth(i).get_attribute("value") or ""
        if value and value != current:
            return value, options.nth(i).inner_text().strip()
    raise AssertionError(f"{select} heeft geen andere keuze")


def test_dashboard_filters(page: Page, base_url: str, screenshots: Path) -> None:
    page.goto(base_url + "/dashboards")
    page.locator("main a[href^='/dashboards/']").first.click()
    page.wait_for_url(re.compile(r"/dashboards/[a-z0-9_-]+$"))
    area, name = _other_option(page, "#filter-gebied")
    year, _ = _other_option(page, "#filter-jaar")
    page.select_option("#filter-gebied", area)
    page.select_option("#filter-jaar", year)
    page.evaluate("() => { window.stayed = true; }")
    page.locator(".dashboard-filters button[type=submit]").click()
    page.wait_for_url(re.compile(rf"gebied={area}.*jaar={year}"))
    status = page.locator("main [role=status]").first
    expect(status).to_contain_text(name)
    expect(status).to_contain_text(year)
    expect(page.locator("#filter-gebied")).to_have_value(area)
    # htmx swapped the results in place (no new page) and the new charts were drawn
    assert page.evaluate("() => window.stayed === true")
    expect(page.locator("#dashboard-resultaat figure.chart--drawn").first).to_be_visible()
    page.screenshot(path=str(screenshots / "dashboard-filters.png"), full_page=True)


def test_dashboard_filters_by_keyboard(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    tab_to(page, lambda f: f["href"] == "/dashboards", "Dashboards in het menu")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dashboards$"))
    board = tab_to(
        page, lambda f: bool(re.fullmatch(r"/dashboards/[a-z0-9_-]+", f["href"])), "een dashboard"
    )
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(board["href"] + "$"))
    before = page.locator("#filter-gebied").input_value()
    tab_to(page, lambda f: f["id"] == "filter-gebied", "het gebiedsfilter")
    page.keyboard.press("ArrowDown")
    chosen = page.locator("#filter-gebied").input_value()
    assert chosen != before
    tab_to(page, lambda f: f["tag"] == "button", "de knop van de filters")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"gebied={chosen}"))
    expect(page.locator("#filter-gebied")).to_have_value(chosen)
