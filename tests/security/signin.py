# SPDX-License-Identifier: EUPL-1.2
"""Signing in through the real form, as a browser does (cookies, CSRF field)."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from starlette.types import ASGIApp

from stuurdata.appdb import open_app_database
from stuurdata.governance.accounts import Accounts, User

PASSWORD = "een lang genoeg wachtwoord"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def browser(app: ASGIApp, base_url: str = "http://testserver") -> TestClient:
    """A client with its own cookie jar that does not follow redirects."""
    return TestClient(app, base_url=base_url, follow_redirects=False)


def ensure_user(workspace: Path, username: str, **grants: list[str]) -> User:
    accounts = Accounts(open_app_database(workspace).engine)
    return accounts.get(username) or accounts.add(
        username,
        PASSWORD,
        grants.get("roles", ["analist"]),
        grants.get("gemeenten", ["GM9901"]),
        grants.get("purposes", []),
        grants.get("name", [username])[0],
    )


def csrf_token(client: TestClient, path: str = "/inloggen") -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = _CSRF.search(page.text)
    assert found, "form without csrf_token"
    return found.group(1)


def sign_in(client: TestClient, username: str, next_path: str = "/", password: str = PASSWORD):  # type: ignore[no-untyped-def]
    token = csrf_token(client)
    return client.post(
        "/inloggen",
        data={"username": username, "password": password, "next": next_path, "csrf_token": token},
    )
