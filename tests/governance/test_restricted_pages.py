# SPDX-License-Identifier: EUPL-1.2
"""The portal's catalog and dataset pages for signed-in users: non-public datasets appear only
for those the access matrix allows, with only their gemeente's rows; anyone else sees nothing."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from stuurdata.appdb import open_app_database
from stuurdata.governance.accounts import Accounts
from stuurdata.governance.principal import Role
from stuurdata.governance.tokens import Tokens
from tests.governance.conftest import user_name
from tests.governance.workspace import ROWS_PER_GEMEENTE

INTERNAL = "geheime_telling"


def _as(token: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token else {}


def test_anonymous_catalog_and_page_know_nothing(gov_client: TestClient) -> None:
    listing = gov_client.get("/datasets")
    assert listing.status_code == 200
    assert INTERNAL not in listing.text and "/datasets/clienten" not in listing.text
    assert gov_client.get(f"/datasets/{INTERNAL}").status_code == 404
    assert gov_client.get("/datasets/bestaat_niet").status_code == 404


def test_staff_sees_internal_dataset_of_their_gemeente(
    gov_client: TestClient, user_tokens: dict[str, str]
) -> None:
    token = user_tokens[user_name(Role.MEDEWERKER, "GM9901", purpose=False)]
    listing = gov_client.get("/datasets", headers=_as(token))
    assert f"/datasets/{INTERNAL}" in listing.text
    page = gov_client.get(f"/datasets/{INTERNAL}", headers=_as(token))
    assert page.status_code == 200
    assert "intern" in page.text
    assert "GM9902" not in page.text and "BU9902" not in page.text
    rows = ROWS_PER_GEMEENTE[INTERNAL]["GM9901"]
    assert page.text.count("BU9901") >= rows
    assert page.headers["cache-control"] == "private, no-store"


def test_personal_data_page_needs_the_purpose(
    gov_client: TestClient, user_tokens: dict[str, str]
) -> None:
    without = user_tokens[user_name(Role.ANALIST, "GM9901", purpose=False)]
    assert gov_client.get("/datasets/clienten", headers=_as(without)).status_code == 404
    # (the source of the same name stays in the build's manifest: only the dataset is hidden)
    assert "/datasets/clienten" not in gov_client.get("/datasets", headers=_as(without)).text
    with_purpose = user_tokens[user_name(Role.ANALIST, "GM9901", purpose=True)]
    page = gov_client.get("/datasets/clienten", headers=_as(with_purpose))
    assert page.status_code == 200
    assert "111111110" not in page.text  # BSNs never reach a page, only pseudonyms


def test_staff_page_sends_the_public_to_sign_in_and_back(gov_client: TestClient) -> None:
    response = gov_client.get("/beheer/verzoeken?status=nieuw", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/inloggen?next=%2Fbeheer%2Fverzoeken%3Fstatus%3Dnieuw"
    login = gov_client.get(response.headers["location"])
    assert login.status_code == 200
    assert 'value="/beheer/verzoeken?status=nieuw"' in login.text
    api = gov_client.get("/api/v1/datasets/geheime_telling")
    assert api.status_code == 404  # the API still answers in JSON, names nothing


def test_signed_in_without_a_staff_role_sees_no_access_page(
    gov_client: TestClient, governance_workspace: Path
) -> None:
    engine = open_app_database(governance_workspace).engine
    accounts = Accounts(engine)
    user = accounts.get("inwoner") or accounts.add("inwoner", "een lang wachtwoord", ["publiek"])
    token = Tokens(engine).issue(user.id, "test").secret
    page = gov_client.get("/beheer/verzoeken", headers=_as(token))
    assert page.status_code == 403
    assert "text/html" in page.headers["content-type"]
    assert "Geen toegang" in page.text
