# SPDX-License-Identifier: EUPL-1.2
"""Stored and reflected XSS: markup from definitions, user names and the URL is escaped."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.governance.workspace import XSS
from tests.security.signin import browser, csrf_token, ensure_user, sign_in

PROBE = '"><script>alert(document.domain)</script>'


def _no_markup(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "onerror=alert(1)>" not in html or "&lt;img" in html


@pytest.mark.parametrize("path", ["/datasets", "/datasets/woningen_per_buurt"])
def test_stored_markup_in_definitions_is_escaped(gov_client: TestClient, path: str) -> None:
    response = gov_client.get(path)
    assert response.status_code == 200
    _no_markup(response.text)
    assert "&lt;script&gt;" in response.text


def test_stored_markup_in_a_user_name_is_escaped(
    gov_client: TestClient, governance_workspace: Path
) -> None:
    ensure_user(governance_workspace, "xss-gebruiker", name=[XSS])
    client = browser(gov_client.app)
    sign_in(client, "xss-gebruiker")
    csrf_token(client, "/uitloggen")
    page = client.get("/uitloggen")
    _no_markup(page.text)
    assert "&lt;script&gt;" in page.text


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/datasets", {"q": PROBE}),
        ("/datasets", {"theme": PROBE}),
        ("/inloggen", {"next": "/" + PROBE}),
        ("/gebieden/" + PROBE, {}),
        ("/bestaat-niet" + PROBE, {}),
    ],
)
def test_reflected_markup_is_escaped(
    gov_client: TestClient, path: str, params: dict[str, str]
) -> None:
    response = gov_client.get(path, params=params)
    assert "<script>alert(document.domain)" not in response.text


def test_json_errors_are_not_html(gov_client: TestClient) -> None:
    response = gov_client.get("/api/v1/datasets/woningen_per_buurt/rows", params={PROBE: "1"})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"


def test_every_page_forbids_inline_script(gov_client: TestClient) -> None:
    csp = gov_client.get("/inloggen").headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
