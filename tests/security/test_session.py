# SPDX-License-Identifier: EUPL-1.2
"""Sessions: renewed at sign-in (no fixation), ended at sign-out, secure cookie flags, CSRF."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from stuurdata.governance.sessions import SESSION_COOKIE
from tests.security.signin import browser, csrf_token, ensure_user, sign_in

PLANTED = "aangeboden-door-aanvaller-0123456789abcdef"


def _me(client: TestClient) -> int:
    """Status of a non-public dataset: 200 when signed in as the analist, else 404."""
    return client.get("/api/v1/datasets/geheime_telling").status_code


def test_sign_in_gives_a_session_that_reads_non_public_data(
    gov_client: TestClient, governance_workspace: Path
) -> None:
    ensure_user(governance_workspace, "sessie-analist")
    client = browser(gov_client.app)
    assert _me(client) == 404
    response = sign_in(client, "sessie-analist", "/datasets")
    assert response.status_code == 303
    assert response.headers["location"] == "/datasets"
    assert _me(client) == 200
    private = client.get("/api/v1/datasets")
    assert private.headers["cache-control"] == "private, no-store"


def test_a_wrong_password_gives_no_session(
    gov_client: TestClient, governance_workspace: Path
) -> None:
    ensure_user(governance_workspace, "sessie-analist")
    client = browser(gov_client.app)
    response = sign_in(client, "sessie-analist", password="fout fout fout fout")
    assert response.status_code == 401
    assert SESSION_COOKIE not in response.cookies
    assert "onjuist" in response.text


def test_a_planted_session_id_is_not_adopted(
    gov_client: TestClient, governance_workspace: Path
) -> None:
    ensure_user(governance_workspace, "sessie-analist")
    client = browser(gov_client.app)
    client.cookies.set(SESSION_COOKIE, PLANTED, domain="testserver.local")
    response = sign_in(client, "sessie-analist")
    assert response.cookies[SESSION_COOKIE] != PLANTED
    attacker = browser(gov_client.app)
    attacker.cookies.set(SESSION_COOKIE, PLANTED)
    assert _me(attacker) == 404


def test_signing_in_again_invalidates_the_old_session_id(
    gov_client: TestClient, governance_workspace: Path
) -> None:
    ensure_user(governance_workspace, "sessie-analist")
    client = browser(gov_client.app)
    sign_in(client, "sessie-analist")
    old = client.cookies[SESSION_COOKIE]
    sign_in(client, "sessie-analist")
    new = client.cookies[SESSION_COOKIE]
    assert new != old
    stale = browser(gov_client.app)
    stale.cookies.set(SESSION_COOKIE, old)
    assert _me(stale) == 404
    assert _me(client) == 200


def test_sign_out_ends_the_session_server_side(
    gov_client: TestClient, governance_workspace: Path
) -> None:
    ensure_user(governance_workspace, "sessie-analist")
    client = browser(gov_client.app)
    sign_in(client, "sessie-analist")
    session_id = client.cookies[SESSION_COOKIE]
    token = csrf_token(client, "/uitloggen")
    assert client.post("/uitloggen", data={"csrf_token": token}).status_code == 303
    replay = browser(gov_client.app)
    replay.cookies.set(SESSION_COOKIE, session_id)
    assert _me(replay) == 404


def test_cookies_are_httponly_lax_and_secure_over_https(
    gov_client: TestClient, governance_workspace: Path
) -> None:
    ensure_user(governance_workspace, "sessie-analist")
    for base, secure in (("http://testserver", False), ("https://testserver", True)):
        client = browser(gov_client.app, base)
        response = sign_in(client, "sessie-analist")
        cookies = [v for k, v in response.headers.multi_items() if k == "set-cookie"]
        session = next(c for c in cookies if c.startswith(SESSION_COOKIE))
        assert "HttpOnly" in session and "SameSite=Lax" in session
        assert ("Secure" in session) is secure


def test_state_changing_requests_need_the_csrf_token(
    gov_client: TestClient, governance_workspace: Path
) -> None:
    ensure_user(governance_workspace, "sessie-analist")
    client = browser(gov_client.app)
    csrf_token(client)
    forged = client.post(
        "/inloggen", data={"username": "sessie-analist", "password": "een lang genoeg wachtwoord"}
    )
    assert forged.status_code == 403
    wrong = client.post(
        "/inloggen",
        data={
            "username": "sessie-analist",
            "password": "een lang genoeg wachtwoord",
            "csrf_token": "x" * 43,
        },
    )
    assert wrong.status_code == 403
    sign_in(client, "sessie-analist")
    assert client.post("/uitloggen").status_code == 403  # signed in, no token: refused
    assert _me(client) == 200
    # with a session even API calls need the token (header)
    assert client.post("/api/3/action/package_list", json={}).status_code == 403


def test_anonymous_api_calls_and_bearer_tokens_need_no_csrf(
    gov_client: TestClient, user_tokens: dict[str, str]
) -> None:
    client = browser(gov_client.app)
    assert client.post("/api/3/action/package_list", json={}).status_code == 200
    token = next(iter(user_tokens.values()))
    response = client.post(
        "/api/3/action/package_list", json={}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200


def test_password_guessing_is_braked(gov_client: TestClient, governance_workspace: Path) -> None:
    from stuurdata.governance.throttle import LIMIT

    ensure_user(governance_workspace, "gok-doelwit")
    client = browser(gov_client.app)
    for _ in range(LIMIT):
        assert sign_in(client, "gok-doelwit", password="geraden wachtwoord").status_code == 401
    blocked = sign_in(client, "gok-doelwit")  # even the right password is refused now
    assert blocked.status_code == 429
    assert SESSION_COOKIE not in blocked.cookies
