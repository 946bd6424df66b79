# SPDX-License-Identifier: EUPL-1.2
"""The REST JSON API over the published layer of the built demo region."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.demo_app import HIDDEN, built_demo, demo_client

__all__ = ["built_demo", "demo_client"]
pytestmark = pytest.mark.slow


def test_dataset_list_holds_only_openbaar_datasets(demo_client: TestClient) -> None:
    body = demo_client.get("/api/v1/datasets").json()
    names = [d["name"] for d in body["items"]]
    assert body["total"] == len(names) == 9
    assert HIDDEN not in names
    assert names == sorted(names)


def test_dataset_list_pages_with_next_links(demo_client: TestClient) -> None:
    seen: list[str] = []
    url: str | None = "/api/v1/datasets?limit=4"
    while url:
        body = demo_client.get(url).json()
        seen += [d["name"] for d in body["items"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 9


def test_dataset_detail_names_policies_and_downloads(demo_client: TestClient) -> None:
    body = demo_client.get("/api/v1/datasets/voorzieningen_sociaal_domein").json()
    columns = {c["name"]: c for c in body["columns"]}
    assert columns["personen_met_wmo"]["disclosure_policy"] == "cbs-sociaal-domein"
    assert columns["personen_met_wmo"]["reason_column"] == "personen_met_wmo_reden"
    assert columns["buurtcode"]["disclosure_policy"] is None
    assert body["spatial"] is True
    assert set(body["links"]["downloads"]) == {
        "csv",
        "excel.csv",
        "parquet",
        "json",
        "xlsx",
        "geojson",
        "gpkg",
    }
    assert body["links"]["downloads"]["csv"].endswith(
        "/datasets/voorzieningen_sociaal_domein/download.csv"
    )


def test_rows_page_filter_and_reason_labels(demo_client: TestClient) -> None:
    url = "/api/v1/datasets/voorzieningen_sociaal_domein/rows"
    first = demo_client.get(url, params={"limit": 10}).json()
    assert first["limit"] == 10 and len(first["rows"]) == 10
    assert first["total"] > 10 and first["next"].endswith("offset=10")
    second = demo_client.get(first["next"]).json()
    assert {r["buurtcode"] for r in first["rows"]}.isdisjoint(
        r["buurtcode"] for r in second["rows"]
    )

    everything = demo_client.get(url, params={"limit": 10000}).json()
    secret = [r for r in everything["rows"] if r["jongeren_met_jeugdhulp"] is None]
    assert secret, "the demo has buurten with few jeugdhulp clients"
    assert all(r["jongeren_met_jeugdhulp_reden"] for r in secret)
    codes = {label["code"]: label for label in everything["reasons"]}
    assert codes["geheim"] == {"code": "geheim", "nl": "geheim", "en": "confidential"}

    code = secret[0]["buurtcode"]
    only = demo_client.get(url, params={"buurtcode": code}).json()
    assert only["total"] == 1 and only["rows"][0]["buurtcode"] == code
    assert only["next"] is None


def test_rows_filter_on_unknown_column_is_a_clear_400(demo_client: TestClient) -> None:
    response = demo_client.get("/api/v1/datasets/bevolking_per_buurt/rows?bsn=1")
    assert response.status_code == 400
    assert "onbekende kolom 'bsn'" in response.json()["detail"]


def test_paging_parameters_are_validated(demo_client: TestClient) -> None:
    assert demo_client.get("/api/v1/datasets?limit=0").status_code == 422
    assert demo_client.get("/api/v1/values?offset=-1").status_code == 422


def test_indicators_and_values_with_filters(demo_client: TestClient) -> None:
    listed = demo_client.get("/api/v1/indicators", params={"limit": 500}).json()
    ids = [i["id"] for i in listed["items"]]
    assert listed["total"] == len(ids) >= 40
    detail = demo_client.get(f"/api/v1/indicators/{ids[0]}").json()
    assert detail["title"]["nl"] and detail["title"]["en"]

    values = demo_client.get(detail["values"] + "&level=gemeente").json()
    assert values["total"] > 0
    assert {v["indicator"] for v in values["items"]} == {ids[0]}
    assert {v["area_level"] for v in values["items"]} == {"gemeente"}

    one = values["items"][0]
    exact = demo_client.get(
        "/api/v1/values",
        params={"indicator": one["indicator"], "area": one["area_code"], "period": one["period"]},
    ).json()
    assert exact["total"] == 1 and exact["items"][0] == one


def test_suppressed_values_carry_reason_and_label(demo_client: TestClient) -> None:
    body = demo_client.get(
        "/api/v1/values", params={"indicator": "stapeling_personen", "limit": 10000}
    ).json()
    hidden = [v for v in body["items"] if v["value"] is None]
    assert hidden
    for value in hidden:
        assert value["reason"] != "ok"
        assert value["reason_label"]["code"] == value["reason"]
        assert value["reason_label"]["nl"] and value["reason_label"]["en"]
    shown = [v for v in body["items"] if v["value"] is not None]
    assert all(v["reason"] == "ok" and v["reason_label"] is None for v in shown)


def test_area_with_children(demo_client: TestClient) -> None:
    gemeente = demo_client.get("/api/v1/areas/GM9901").json()
    assert gemeente["level"] == "gemeente" and gemeente["children"]
    wijk = gemeente["children"][0]
    assert wijk["level"] == "wijk"
    detail = demo_client.get(f"/api/v1/areas/{wijk['code']}").json()
    assert detail["parent_code"] == "GM9901"
    assert all(c["level"] == "buurt" for c in detail["children"])
    region = demo_client.get("/api/v1/areas/RG99").json()
    assert [c["code"] for c in region["children"]] == ["GM9901", "GM9902", "GM9903"]
    assert demo_client.get("/api/v1/areas/BU00000000").status_code == 404


def test_unknown_indicator_is_404(demo_client: TestClient) -> None:
    assert demo_client.get("/api/v1/indicators/bestaat_niet").status_code == 404
