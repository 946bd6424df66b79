# SPDX-License-Identifier: EUPL-1.2
"""GENERATED: every role × gemeente × purpose × endpoint × classification, over HTTP.

The expectation is computed from the small literal table :data:`READS` below, written
independently of :data:`stuurdata.governance.access.MATRIX`; each case asks the real portal
(API token in the ``Authorization`` header) and compares.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from stuurdata.governance.principal import Role
from tests.governance.conftest import user_name
from tests.governance.workspace import DATASETS, ROWS_PER_GEMEENTE

READS: dict[str, set[str]] = {
    "medewerker": {"intern"},
    "analist": {"intern", "vertrouwelijk", "persoonsgegevens", "bijzondere_persoonsgegevens"},
    "data-eigenaar": {"intern", "vertrouwelijk", "persoonsgegevens"},
    "beheerder": {"intern"},
    "privacy-officer": {"intern", "vertrouwelijk"},
}
"""Non-public classifications each role may read (with a gemeente; personal data also needs
the purpose)."""
PERSONAL = {"persoonsgegevens", "bijzondere_persoonsgegevens"}
HIDDEN_COLUMNS = {("clienten", "indicatie"): "bijzondere_persoonsgegevens"}

USERS = [("anoniem", None, False)] + [
    (role.value, gemeente, purpose)
    for role in Role
    if role is not Role.PUBLIEK
    for gemeente in ("GM9901", "GM9902", None)
    for purpose in (True, False)
]


def may_read(role: str, gemeente: str | None, purpose: bool, classification: str) -> bool:
    if classification == "openbaar":
        return True
    if role == "anoniem" or gemeente is None:
        return False
    if classification not in READS[role]:
        return False
    return purpose or classification not in PERSONAL


Fetch = Callable[[TestClient, dict[str, str], str], tuple[bool, int | None, set[str] | None]]
"""(client, headers, dataset) -> (visible, rows or None, columns or None)."""


def _rest_get(client: TestClient, headers: dict[str, str], name: str):  # type: ignore[no-untyped-def]
    response = client.get(f"/api/v1/datasets/{name}", headers=headers)
    if response.status_code == 404:
        assert name not in response.text or "bestaat niet" in response.text
        return False, None, None
    assert response.status_code == 200, response.text
    body = response.json()
    return True, body["rows"], {c["name"] for c in body["columns"]}


def _rest_rows(client: TestClient, headers: dict[str, str], name: str):  # type: ignore[no-untyped-def]
    response = client.get(f"/api/v1/datasets/{name}/rows", headers=headers)
    if response.status_code == 404:
        return False, None, None
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(body["rows"]) == body["total"]
    return True, body["total"], set(body["columns"])


def _download(client: TestClient, headers: dict[str, str], name: str):  # type: ignore[no-untyped-def]
    response = client.get(f"/datasets/{name}/download.csv", headers=headers)
    if response.status_code == 404:
        return False, None, None
    assert response.status_code == 200, response.text
    rows = list(csv.reader(io.StringIO(response.text)))
    return True, len(rows) - 1, set(rows[0])


def _ckan_show(client: TestClient, headers: dict[str, str], name: str):  # type: ignore[no-untyped-def]
    response = client.get("/api/3/action/package_show", params={"id": name}, headers=headers)
    if response.status_code == 404:
        assert response.json()["success"] is False
        return False, None, None
    assert response.status_code == 200, response.text
    return True, None, None


def _listed(path: str, params: dict[str, str] | None = None) -> Fetch:
    def fetch(client: TestClient, headers: dict[str, str], name: str):  # type: ignore[no-untyped-def]
        response = client.get(path, params=params, headers=headers)
        assert response.status_code == 200, response.text
        return name in response.text, None, None

    return fetch


ENDPOINTS: dict[str, Fetch] = {
    "rest.get": _rest_get,
    "rest.rows": _rest_rows,
    "rest.list": _listed("/api/v1/datasets", {"limit": "100"}),
    "download.csv": _download,
    "ckan.package_show": _ckan_show,
    "ckan.package_list": _listed("/api/3/action/package_list"),
    "ckan.package_search": _listed("/api/3/action/package_search", {"rows": "100"}),
    "dcat.turtle": _listed("/catalog.ttl"),
}


@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
@pytest.mark.parametrize(("role", "gemeente", "purpose"), USERS)
def test_every_role_endpoint_classification_and_gemeente(
    gov_client: TestClient,
    user_tokens: dict[str, str],
    role: str,
    gemeente: str | None,
    purpose: bool,
    endpoint: str,
) -> None:
    headers = {}
    if role != "anoniem":
        token = user_tokens[user_name(Role(role), gemeente, purpose)]
        headers = {"Authorization": f"Bearer {token}"}
    wrong = []
    for dataset, classification in DATASETS.items():
        expected = may_read(role, gemeente, purpose, classification)
        visible, rows, columns = ENDPOINTS[endpoint](gov_client, headers, dataset)
        if visible != expected:
            wrong.append(f"{dataset} ({classification}): expected {expected}, got {visible}")
            continue
        if not visible or classification == "openbaar":
            continue
        if rows is not None:
            assert gemeente is not None
            if rows != ROWS_PER_GEMEENTE[dataset][gemeente]:
                wrong.append(f"{dataset}: {rows} rows for {gemeente}")
        for (table, column), column_class in HIDDEN_COLUMNS.items():
            if table != dataset or columns is None:
                continue
            if (column in columns) != may_read(role, gemeente, purpose, column_class):
                wrong.append(f"{dataset}.{column}: shown={column in columns}")
    assert not wrong, wrong


def test_rows_are_those_of_the_readers_gemeente(
    gov_client: TestClient, user_tokens: dict[str, str]
) -> None:
    token = user_tokens[user_name(Role.ANALIST, "GM9902", True)]
    response = gov_client.get(
        "/api/v1/datasets/clienten/rows", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200
    assert {r["gemeentecode"] for r in response.json()["rows"]} == {"GM9902"}


def test_anonymous_learns_nothing_not_even_names(gov_client: TestClient) -> None:
    unknown = gov_client.get("/api/v1/datasets/bestaat_niet")
    for name in ("geheime_telling", "clienten", "zorg_per_client"):
        hidden = gov_client.get(f"/api/v1/datasets/{name}")
        assert (hidden.status_code, hidden.json()) == (unknown.status_code, unknown.json())
    for path in ("/api/v1/datasets", "/api/3/action/package_list", "/catalog.ttl", "/datasets"):
        text = gov_client.get(path).text
        for name in ("geheime_telling", "vertrouwelijke_telling", "zorg_per_client"):
            assert name not in text, (path, name)


def test_a_bad_token_is_refused_not_treated_as_anonymous(gov_client: TestClient) -> None:
    response = gov_client.get(
        "/api/v1/datasets", headers={"Authorization": "Bearer sdt_000000000000_nope"}
    )
    assert response.status_code == 401
    assert "Bearer" in response.headers["www-authenticate"]


def test_every_access_to_non_public_data_is_audited(
    gov_client: TestClient, user_tokens: dict[str, str], governance_workspace: Path
) -> None:
    from stuurdata.appdb import open_app_database
    from stuurdata.governance.audit import AuditLog

    log = AuditLog(open_app_database(governance_workspace).engine)
    before = len(list(log.lines()))
    token = user_tokens[user_name(Role.MEDEWERKER, "GM9901", False)]
    gov_client.get(
        "/api/v1/datasets/zorg_per_client",
        headers={"Authorization": f"Bearer {token}", "User-Agent": "matrix-test"},
    )
    lines = list(log.lines())[before:]
    assert [(e["resource"], e["result"], e["user_agent"]) for e in lines] == [
        ("dataset:zorg_per_client", "geweigerd", "matrix-test")
    ]
    assert lines[0]["actor_name"] == user_name(Role.MEDEWERKER, "GM9901", False)
    assert log.verify().ok
