# SPDX-License-Identifier: EUPL-1.2
"""Key flows in Chromium, with the mouse and with the keyboard alone (Tab, Enter, arrows):
search a dataset and download it; choose a map and open a buurt's profile. Every element the
keyboard lands on shows where the focus is."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import tab_to

pytestmark = pytest.mark.browser


def _csv_header(path: str) -> list[str]:
    text = Path(path).read_text(encoding="utf-8-sig")
    return next(csv.reader(io.StringIO(text)))


def test_search_dataset_download(page: Page, base_url: str, screenshots: Path) -> None:
    page.goto(base_url + "/datasets")
    page.get_by_label("Zoeken in de datasets").fill("bevolking")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url(re.compile(r"q=bevolking"))
    result = page.locator(".portal-results tbody a").first
    title = result.inner_text()
    result.click()
    page.wait_for_url(re.compile(r"/datasets/[a-z_]+$"))
    expect(page.locator("h1")).to_have_text(title)
    page.screenshot(path=str(screenshots / "dataset.png"), full_page=True)
    with page.expect_download() as download:
        page.locator('a[href$="/download.csv"]').first.click()
    header = _csv_header(download.value.path())
    assert len(header) >= 2


def test_keyboard_only_search_dataset_download(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    skip = tab_to(page, lambda f: f["href"] == "#inhoud", "de link naar de inhoud")
    assert skip["text"] == "Naar de inhoud"
    tab_to(page, lambda f: f["href"] == "/datasets", "Datasets in het menu")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/datasets$"))
    tab_to(page, lambda f: f["id"] == "zoek-q", "het zoekveld")
    page.keyboard.type("bevolking")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=bevolking"))
    found = tab_to(
        page,
        lambda f: bool(re.fullmatch(r"/datasets/[a-z_]+", f["href"])),
        "het eerste zoekresultaat",
    )
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(found["href"] + "$"))
    tab_to(page, lambda f: f["href"].endswith("/download.csv"), "de CSV-download")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert len(_csv_header(download.value.path())) >= 2


def test_keyboard_only_map_to_area_profile(page: Page, base_url: str, screenshots: Path) -> None:
    page.goto(base_url + "/kaart?indicator=aandeel_65_plus&level=buurt")
    page.wait_for_selector(".portal-map[data-ready]", timeout=30_000)
    tab_to(page, lambda f: f["id"] == "kaart-niveau", "de keuze van het gebiedsniveau")
    page.keyboard.press("ArrowUp")  # buurten -> wijken
    expect(page.locator("#kaart-niveau")).to_have_value("wijk")
    tab_to(page, lambda f: f["tag"] == "button", "de knop Toon op de kaart")
    page.screenshot(path=str(screenshots / "kaart-toetsenbord.png"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"level=wijk"))
    page.wait_for_selector(".portal-map[data-ready]", timeout=30_000)
    area = tab_to(page, lambda f: f["href"].startswith("/gebieden/WK"), "een wijk in de tabel")
    expect(page.locator(".portal-map-table tr[data-active]")).to_have_count(1)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(area["href"] + "$"))
    expect(page.locator("h1")).to_have_text(area["text"])
