# SPDX-License-Identifier: EUPL-1.2
"""Browser tests: Playwright drives Debian's Chromium (``/usr/bin/chromium``, installed by
``scripts/system-deps.sh``; Playwright's own browsers are never downloaded) against a real
uvicorn server over the built demo workspace.

Every page a test opens is checked for JavaScript errors and Content-Security-Policy violations.
Screenshots go to ``$STUURDATA_SCREENSHOTS`` when set, else to a temporary folder (printed).
axe-core (``tests/browser/vendor/axe-core``, vendored by ``scripts/vendor-assets.sh``) is injected
by the tests only; the portal never serves it. It is evaluated through the DevTools protocol
(``page.evaluate``) rather than ``page.add_script_tag``: the portal's Content-Security-Policy
rightly refuses the inline script ``add_script_tag`` would insert.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright

from tests.api.demo_server import ensure_built, serve

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: voer 'make system-deps' (scripts/system-deps.sh) uit")
    launched = playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        args=["--no-sandbox", "--enable-unsafe-swiftshader"],  # WebGL for MapLibre, headless
    )
    yield launched
    launched.close()


@pytest.fixture(scope="session")
def base_url(demo_workspace: Path) -> Iterator[str]:
    """The built demo region served by uvicorn on a free loopback port."""
    from stuurdata.portal import create_app

    yield from serve(create_app(ensure_built(demo_workspace)))


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("STUURDATA_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"schermafbeeldingen in {folder}")
    return folder


@dataclass
class Problems:
    """What went wrong in the browser while a test ran."""

    errors: list[str] = field(default_factory=list)
    expected: list[str] = field(default_factory=list)
    """Parts of console errors a test expects (e.g. the 404 of a page that does not exist)."""

    def console(self, message: ConsoleMessage) -> None:
        text = message.text
        if any(part in text for part in self.expected):
            return
        if message.type == "error" or "Content Security Policy" in text:
            self.errors.append(f"console {message.type}: {text}")

    def page_error(self, error: Any) -> None:
        self.errors.append(f"pageerror: {error}")


@pytest.fixture
def problems() -> Problems:
    return Problems()


@pytest.fixture
def page(browser: Browser, problems: Problems) -> Iterator[Page]:
    """A fresh Dutch-language page; fails the test on JavaScript errors or CSP violations."""
    context = browser.new_context(locale="nl-NL", viewport=VIEWPORT)  # type: ignore[arg-type]
    opened = context.new_page()
    opened.on("console", problems.console)
    opened.on("pageerror", problems.page_error)
    yield opened
    context.close()
    assert problems.errors == [], problems.errors


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now: violations of WCAG 2.1 A and AA."""
    if not AXE.exists():
        pytest.fail(f"{AXE} ontbreekt: voer 'bash scripts/vendor-assets.sh' uit")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, { runOnly: { type: 'tag', values: tags } })", WCAG_TAGS
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


@cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(map(str, n["target"])) for n in v["nodes"][:5]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)


MAX_TABS = 80
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return {
    tag: el.tagName.toLowerCase(), id: el.id, href: el.getAttribute('href') || '',
    text: (el.textContent || '').trim().slice(0, 80), visible: outline || shadow,
  };
}"""


def tab_to(page: Page, wanted: Callable[[dict[str, str]], bool], what: str) -> dict[str, str]:
    """Press Tab until the focused element satisfies ``wanted``; each stop must show its focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS)
        if focused is None:
            continue
        assert focused["visible"], f"focus is niet zichtbaar op {focused}"
        if wanted(focused):
            return dict(focused)
    raise AssertionError(f"met Tab niet bij {what} gekomen")
