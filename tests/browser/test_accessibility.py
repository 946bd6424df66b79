# SPDX-License-Identifier: EUPL-1.2
"""axe-core finds no WCAG 2.1 A or AA violation on any page template, in Dutch and English,
with the map drawn (JavaScript on) as a visitor sees it.

Every template of the portal must be listed in :data:`TEMPLATE_PAGES` (a new template without
pages to check fails :func:`test_every_template_is_checked`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page

from stuurdata.portal.rendering import TEMPLATES
from tests.api.demo_server import serve
from tests.browser.conftest import Problems, axe_violations, describe
from tests.portal.conftest import write_tiny_workspace

pytestmark = pytest.mark.browser

NOT_PAGES = {"base.html"}
"""Templates that are never a page of their own (layouts, macros)."""

TEMPLATE_PAGES: dict[str, list[str]] = {
    "home.html": ["/", "/?lang=en"],
    "kaart.html": [
        "/kaart",
        "/kaart?lang=en",
        "/kaart?indicator=aandeel_65_plus&level=gemeente&breaks=jenks",
        "{suppressed_map}",
    ],
    "datasets.html": ["/datasets", "/datasets?q=bevolking&lang=en", "/datasets?q=xyzzy"],
    "dataset.html": ["{dataset}", "{dataset}?lang=en"],
    "gebied.html": ["/gebieden/RG99", "/gebieden/GM9901", "/gebieden/{wijk}", "/gebieden/{buurt}"],
    "404.html": ["/bestaat-niet", "/bestaat-niet?lang=en"],
    "dashboards.html": ["/dashboards", "/dashboards?lang=en"],
    "dashboard.html": ["{dashboards}"],
    "login.html": ["/inloggen"],
    "nobuild.html": ["nobuild:/"],
    "error.html": ["broken:/"],
    "registers.html": ["/registers", "/registers?lang=en"],
    "register_algoritme.html": ["{register:algoritmes}"],
    "register_sensor.html": ["{register:sensoren}"],
    "register_dpia.html": ["{register:dpias}"],
    "intake_form.html": ["/dataverzoek"],
}
NOT_CHECKED_YET: dict[str, str] = {}
"""Templates not reached yet, with the reason (reported, so they are not forgotten)."""
CHECKED_ELSEWHERE: dict[str, str] = {
    "intake_submitted.html": "test_accessibility_staff.py, after a POST of the request form",
    "intake_status.html": "test_accessibility_staff.py, through the link of a submitted request",
    "beheer_kosten.html": "test_accessibility_staff.py, after a staff sign-in",
    "beheer_verzoeken.html": "test_accessibility_staff.py, after a staff sign-in",
}
"""Templates behind a form or a login, checked on a workspace of their own."""


def test_every_template_is_checked() -> None:
    templates = {p.name for p in TEMPLATES.glob("*.html")}
    pages = templates - NOT_PAGES - {t for t in templates if t.endswith("_macros.html")}
    unchecked = pages - TEMPLATE_PAGES.keys() - NOT_CHECKED_YET.keys() - CHECKED_ELSEWHERE.keys()
    assert not unchecked, f"zonder toegankelijkheidstoets: {sorted(unchecked)}"


@pytest.fixture(scope="module")
def other_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A workspace without a build (nobuild.html) and one that does not load (error.html)."""
    from stuurdata.portal import create_app

    unbuilt = write_tiny_workspace(tmp_path_factory.mktemp("nobuild") / "ws")
    broken = tmp_path_factory.mktemp("broken")
    (broken / "stuurdata.yaml").write_text("name: kapot\n", encoding="utf-8")
    nobuild = serve(create_app(unbuilt))
    error = serve(create_app(broken, check_workspace=False))
    yield {"nobuild": next(nobuild), "broken": next(error)}
    for server in (nobuild, error):
        server.close()


def _expand(url: str, base_url: str) -> list[str]:
    if "{" not in url:
        return [url]
    client = httpx.Client(base_url=base_url)
    if url.startswith("{dataset}"):
        name = client.get("/api/v1/datasets").json()["items"][0]["name"]
        return [url.replace("{dataset}", f"/datasets/{name}")]
    if url == "{dashboards}":
        links = re.findall(r'href="(/dashboards/[a-z0-9_-]+)"', client.get("/dashboards").text)
        assert links, "de demo hoort dashboards te hebben"
        return sorted(set(links))
    if "{wijk}" in url or "{buurt}" in url:
        level = "wijk" if "{wijk}" in url else "buurt"
        code = client.get("/api/v1/areas", params={"level": level}).json()["items"][0]["code"]
        return [url.replace("{" + level + "}", code)]
    if url.startswith("{register:"):
        kind = url[len("{register:") : -1]
        links = re.findall(
            rf'href="(/registers/{kind}/[a-z0-9_-]+)"', client.get("/registers").text
        )
        assert links, f"de demo hoort {kind} in de registers te hebben"
        return sorted(set(links))
    if url == "{suppressed_map}":
        values = client.get("/api/v1/values", params={"level": "buurt", "limit": 10_000}).json()[
            "items"
        ]
        hidden = next(v for v in values if v["reason"] not in ("ok", "ontbreekt"))
        return [f"/kaart?indicator={hidden['indicator']}&level=buurt&period={hidden['period']}"]
    raise AssertionError(url)


def test_axe_reports_a_violation(page: Page, base_url: str) -> None:
    """The harness can fail: an image without a text alternative is found."""
    page.goto(base_url + "/")
    page.evaluate(
        """() => {
          const img = document.createElement('img');
          img.src = '/static/favicon.svg';
          document.querySelector('main').append(img);
        }"""
    )
    assert "image-alt" in {v["id"] for v in axe_violations(page)}


@pytest.mark.slow
@pytest.mark.parametrize("template", sorted(TEMPLATE_PAGES))
def test_no_wcag_violations(
    template: str,
    page: Page,
    problems: Problems,
    base_url: str,
    other_servers: dict[str, str],
    screenshots: Path,
) -> None:
    problems.expected.append("status of 404")  # the 404 page itself
    problems.expected.append("status of 503")  # nobuild
    problems.expected.append("status of 500")  # error
    checked = 0
    for pattern in TEMPLATE_PAGES[template]:
        server, _, path = pattern.partition(":")
        if server not in other_servers:  # a page of the demo server ("{register:...}" too)
            server, path = "", pattern
        root = other_servers[server] if server else base_url
        for url in _expand(path, root):
            page.goto(root + url)
            if page.locator(".portal-map").count():
                page.wait_for_selector(".portal-map[data-ready]", timeout=30_000)
            violations = axe_violations(page)
            assert violations == [], f"{url}:\n{describe(violations)}"
            checked += 1
        page.screenshot(path=str(screenshots / f"axe-{template}.png"), full_page=True)
    assert checked
