# SPDX-License-Identifier: EUPL-1.2
"""SQL injection through identifiers and values: REST filters, dataset names, the SQL endpoint."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from stuurdata.governance.principal import Role
from tests.governance.conftest import user_name

HOSTILE_COLUMNS = [
    'buurtcode" = buurtcode OR "1',
    "buurtcode) OR (1=1",
    'woningen"; DROP TABLE published.woningen_per_buurt; --',
    "buurtcode' OR '1'='1",
]


@pytest.mark.parametrize("column", HOSTILE_COLUMNS)
def test_hostile_filter_columns_are_refused(gov_client: TestClient, column: str) -> None:
    response = gov_client.get("/api/v1/datasets/woningen_per_buurt/rows", params={column: "x"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "value", ["' OR '1'='1", "x' UNION SELECT * FROM marts.geheime_telling --"]
)
def test_hostile_filter_values_are_plain_values(gov_client: TestClient, value: str) -> None:
    response = gov_client.get(
        "/api/v1/datasets/woningen_per_buurt/rows", params={"buurtcode": value}
    )
    assert response.status_code == 200
    assert response.json()["total"] == 0


@pytest.mark.parametrize(
    "name",
    [
        'woningen_per_buurt" UNION SELECT * FROM marts.geheime_telling --',
        "geheime_telling",
        "marts.geheime_telling",
        "woningen_per_buurt;DROP",
    ],
)
def test_hostile_dataset_names_are_unknown(gov_client: TestClient, name: str) -> None:
    for path in (f"/api/v1/datasets/{name}/rows", f"/datasets/{name}/download.csv"):
        assert gov_client.get(path).status_code == 404


def test_a_restricted_reader_cannot_filter_on_a_hidden_column(
    gov_client: TestClient, user_tokens: dict[str, str]
) -> None:
    """data-eigenaar may read clienten but not its bijzondere column 'indicatie'."""
    token = user_tokens[user_name(Role.DATA_EIGENAAR, "GM9901", True)]
    headers = {"Authorization": f"Bearer {token}"}
    response = gov_client.get(
        "/api/v1/datasets/clienten/rows", params={"indicatie": "wmo"}, headers=headers
    )
    assert response.status_code == 400
    assert "indicatie" not in response.json()["detail"].partition("kolommen:")[2]
    other = gov_client.get(
        "/api/v1/datasets/clienten/rows", params={"gemeentecode": "GM9902"}, headers=headers
    )
    assert other.json()["total"] == 0  # a filter cannot widen the gemeente scope


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM marts.geheime_telling",
        "SELECT * FROM staging.stg_clienten",
        "SELECT * FROM raw.clienten",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT 1; DROP TABLE published.woningen_per_buurt",
        "ATTACH '/tmp/x.db' AS x",
        "COPY (SELECT 1) TO '/tmp/x.csv'",
    ],
)
def test_the_sql_endpoint_reads_published_tables_only(gov_client: TestClient, query: str) -> None:
    response = gov_client.get("/api/v1/sql", params={"q": query})
    assert response.status_code in (400, 404), response.text
    assert "rows" not in response.json()
