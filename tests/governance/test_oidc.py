# SPDX-License-Identifier: EUPL-1.2
"""Sign-in with OpenID Connect against a real provider served by uvicorn on a free port."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import yaml
from fastapi.testclient import TestClient

from stuurdata.governance.sessions import SESSION_COOKIE
from stuurdata.portal import create_app
from stuurdata.warehouse import build
from stuurdata.workspace import Workspace
from tests.api.demo_server import serve
from tests.governance.oidc_provider import CLIENT_ID, CLIENT_SECRET, make_provider
from tests.governance.workspace import PURPOSE, write_governance_workspace

pytestmark = pytest.mark.slow  # builds a workspace and starts a real provider (about 15 s)

CALLBACK = "http://testserver/inloggen/oidc/terug"
USER = {
    "sub": "f3b1c2d4-0000-4000-8000-000000000001",
    "preferred_username": "jan.jansen",
    "name": "Jan Jansen",
    "groups": ["sd-analist-duinhoven", "iedereen"],
}


@pytest.fixture(scope="module")
def provider() -> Iterator[tuple[str, object]]:
    app = make_provider(CALLBACK)
    for base in serve(app):  # type: ignore[arg-type]
        app.state.issuer = base
        yield base, app


@pytest.fixture(scope="module")
def oidc_workspace(tmp_path_factory: pytest.TempPathFactory, provider: tuple[str, object]) -> Path:
    issuer, _app = provider
    root = write_governance_workspace(tmp_path_factory.mktemp("oidc") / "ws")
    (root / ".stuurdata/secrets/oidc-client").write_text(CLIENT_SECRET, encoding="utf-8")
    config = yaml.safe_load((root / "stuurdata.yaml").read_text("utf-8"))
    config["oidc"] = {
        "issuer": issuer,
        "client_id": CLIENT_ID,
        "client_secret": {"file": ".stuurdata/secrets/oidc-client"},
        "mappings": [
            {
                "claim": "groups",
                "value": "sd-analist-duinhoven",
                "roles": ["analist"],
                "gemeenten": ["GM9902"],
                "purposes": [PURPOSE],
            },
            {"claim": "groups", "value": "sd-beheer", "roles": ["beheerder"]},
        ],
    }
    (root / "stuurdata.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    build(Workspace.load(root))
    return root


@pytest.fixture
def portal(oidc_workspace: Path, provider: tuple[str, object]) -> Iterator[TestClient]:
    _issuer, app = provider
    app.state.mode = "ok"  # type: ignore[attr-defined]
    app.state.claims = dict(USER)  # type: ignore[attr-defined]
    with TestClient(create_app(oidc_workspace), follow_redirects=False) as client:
        yield client


def _to_provider(portal: TestClient, next_path: str = "/datasets") -> str:
    start = portal.get("/inloggen/oidc", params={"next": next_path})
    assert start.status_code == 303
    return start.headers["location"]


def _back_from_provider(location: str) -> str:
    answer = httpx.get(location, follow_redirects=False)
    assert answer.status_code == 302, answer.text
    back = answer.headers["location"]
    assert back.startswith(CALLBACK)
    return back.removeprefix("http://testserver")


def test_sign_in_through_the_provider_maps_claims_to_roles(
    portal: TestClient, provider: tuple[str, object]
) -> None:
    issuer, _app = provider
    location = _to_provider(portal)
    assert location.startswith(f"{issuer}/authorize?")
    query = parse_qs(urlsplit(location).query)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32
    done = portal.get(_back_from_provider(location))
    assert done.status_code == 303, done.text
    assert done.headers["location"] == "/datasets"
    assert SESSION_COOKIE in done.cookies
    rows = portal.get("/api/v1/datasets/zorg_per_client/rows")
    assert rows.status_code == 200
    assert {r["gemeentecode"] for r in rows.json()["rows"]} == {"GM9902"}


def test_a_state_is_used_once(portal: TestClient) -> None:
    back = _back_from_provider(_to_provider(portal))
    assert portal.get(back).status_code == 303
    fresh = TestClient(portal.app, follow_redirects=False)
    replay = fresh.get(back)
    assert replay.status_code == 400
    assert fresh.get("/api/v1/datasets/zorg_per_client").status_code == 404


def test_an_unknown_state_is_refused(portal: TestClient) -> None:
    back = _back_from_provider(_to_provider(portal))
    forged = back.replace("state=", "state=x")
    assert portal.get(forged).status_code == 400
    assert SESSION_COOKIE not in portal.cookies


@pytest.mark.parametrize(
    "mode", ["wrong_issuer", "wrong_audience", "expired", "wrong_nonce", "rogue_key"]
)
def test_a_bad_id_token_is_refused(
    portal: TestClient, provider: tuple[str, object], mode: str
) -> None:
    _issuer, app = provider
    location = _to_provider(portal)
    app.state.mode = mode  # type: ignore[attr-defined]
    answer = portal.get(_back_from_provider(location))
    assert answer.status_code == 400
    assert SESSION_COOKIE not in portal.cookies
    assert portal.get("/api/v1/datasets/zorg_per_client").status_code == 404


def test_a_user_without_mapped_groups_gets_no_access(
    portal: TestClient, provider: tuple[str, object]
) -> None:
    _issuer, app = provider
    app.state.claims = {**USER, "sub": "ander", "groups": ["iedereen"]}  # type: ignore[attr-defined]
    done = portal.get(_back_from_provider(_to_provider(portal)))
    assert done.status_code == 303
    assert portal.get("/api/v1/datasets/geheime_telling").status_code == 404


def test_a_hostile_next_is_not_followed_after_oidc(portal: TestClient) -> None:
    done = portal.get(_back_from_provider(_to_provider(portal, "//evil.example")))
    assert done.headers["location"] == "/"
