# SPDX-License-Identifier: EUPL-1.2
"""axe-core on the pages behind a form or a login: the request form's confirmation and status
pages (after a real POST through the browser) and the staff pages (after a real sign-in), on a
workspace of their own so nothing is written into the shared demo."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from stuurdata.appdb import open_app_database
from stuurdata.governance.accounts import Accounts
from tests.api.demo_server import serve
from tests.browser.conftest import Problems, axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "een lang en geheim wachtwoord"


@pytest.fixture(scope="module")
def staff_server(
    demo_workspace: Path, base_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The built demo copied (``base_url`` builds it first), with a medewerker of GM9901."""
    from stuurdata.portal import create_app

    root = tmp_path_factory.mktemp("staff") / "demo"
    shutil.copytree(demo_workspace, root, symlinks=True, ignore=shutil.ignore_patterns("app"))
    Accounts(open_app_database(root).engine).add(
        "medewerker", PASSWORD, ["medewerker"], ["GM9901"], []
    )
    server = serve(create_app(root))
    yield next(server)
    server.close()


def _no_violations(page: Page, what: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{what}: {describe(violations)}"


def test_request_pages_after_a_post(page: Page, problems: Problems, staff_server: str) -> None:
    page.goto(staff_server + "/dataverzoek")
    page.fill("#verzoek-title", "Leegstand winkels per buurt")
    page.fill("#verzoek-description", "Graag het aantal leegstaande winkelpanden per buurt.")
    page.click("button[type=submit]")
    page.wait_for_url("**/dataverzoek**")
    assert page.locator("h1").count() == 1
    _no_violations(page, "intake_submitted.html")
    status_link = page.locator("a[href^='/dataverzoek/']").first
    status_link.click()
    page.wait_for_load_state()
    assert "/dataverzoek/" in page.url
    _no_violations(page, "intake_status.html")


def test_staff_pages_after_sign_in(page: Page, problems: Problems, staff_server: str) -> None:
    page.goto(staff_server + "/inloggen?next=/beheer/verzoeken")
    page.fill("#login-username", "medewerker")
    page.fill("#login-password", PASSWORD)
    page.click("form[action='/inloggen'] button[type=submit]")
    page.wait_for_url("**/beheer/verzoeken")
    _no_violations(page, "beheer_verzoeken.html")
    response = page.goto(staff_server + "/beheer/kosten")
    assert response is not None and response.status == 200
    _no_violations(page, "beheer_kosten.html")
