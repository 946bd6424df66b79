# SPDX-License-Identifier: EUPL-1.2
"""The sign-in page in the portal style: Dutch and English, a CSRF field, no OIDC link
without OIDC configured, and a nav link on every page."""

from __future__ import annotations

from fastapi.testclient import TestClient

from stuurdata.governance.csrf import CSRF_COOKIE


def test_the_sign_in_page_in_dutch_and_english(client: TestClient) -> None:
    page = TestClient(client.app).get("/inloggen")
    assert page.status_code == 200
    assert 'for="login-username"' in page.text and 'for="login-password"' in page.text
    assert "Gebruikersnaam" in page.text
    assert 'name="csrf_token"' in page.text
    assert "/inloggen/oidc" not in page.text
    assert CSRF_COOKIE in page.cookies
    english = TestClient(client.app).get("/inloggen", params={"lang": "en"})
    assert "User name" in english.text


def test_every_page_links_to_sign_in(client: TestClient) -> None:
    assert 'href="/inloggen"' in client.get("/").text


def test_oidc_start_without_configuration_is_not_found(client: TestClient) -> None:
    assert client.get("/inloggen/oidc").status_code == 404


def test_sign_out_without_session_goes_home(client: TestClient) -> None:
    response = TestClient(client.app, follow_redirects=False).get("/uitloggen")
    assert (response.status_code, response.headers["location"]) == (303, "/")
