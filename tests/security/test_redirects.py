# SPDX-License-Identifier: EUPL-1.2
"""Open redirects: ``?next=`` after sign-in only goes to a path on this site."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from stuurdata.portal.signin import safe_next
from tests.security.signin import browser, ensure_user, sign_in

HOSTILE = [
    "//evil.example",
    "//evil.example/pad",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "https:evil.example",
    "https://evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    "/\t/evil.example",
    "/%0a/evil.example".replace("%0a", "\n"),
    " //evil.example",
    "",
]


@pytest.mark.parametrize("target", HOSTILE)
def test_hostile_next_goes_home(target: str) -> None:
    assert safe_next(target) == "/"


@pytest.mark.parametrize(
    "target", ["/datasets", "/datasets?q=woningen&lang=en", "/gebieden/GM9901"]
)
def test_paths_on_this_site_are_kept(target: str) -> None:
    assert safe_next(target) == target


@pytest.mark.parametrize("target", ["//evil.example", "/\\evil.example", "https:evil.example"])
def test_sign_in_does_not_redirect_away(
    gov_client: TestClient, governance_workspace: Path, target: str
) -> None:
    ensure_user(governance_workspace, "redirect-analist")
    response = sign_in(browser(gov_client.app), "redirect-analist", target)
    assert response.status_code == 303
    assert response.headers["location"] == "/"


def test_the_form_does_not_carry_a_hostile_next(gov_client: TestClient) -> None:
    page = browser(gov_client.app).get("/inloggen", params={"next": "//evil.example"})
    assert "evil.example" not in page.text
