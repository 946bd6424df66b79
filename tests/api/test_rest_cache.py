# SPDX-License-Identifier: EUPL-1.2
"""The REST ``/values`` page cache: per version, the same answers as without it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from stuurdata.portal import create_app
from tests.api.demo_app import built_demo, demo_client

__all__ = ["built_demo", "demo_client"]
pytestmark = pytest.mark.slow


def test_cached_pages_equal_uncached_pages(demo_client: TestClient, built_demo: Path) -> None:
    ids = [i["id"] for i in demo_client.get("/api/v1/indicators").json()["items"]][:3]
    queries: list[dict[str, str | int]] = [{"limit": 50}, {"limit": 7, "offset": 20}]
    for indicator in ids:
        queries += [
            {"indicator": indicator, "level": "buurt"},
            {"indicator": indicator, "level": "wijk", "limit": 3, "offset": 2},
            {"indicator": indicator, "offset": 10**9},
        ]
    queries.append({"indicator": "bestaat_niet"})
    uncached_app = create_app(built_demo)
    uncached_app.state.values_pages_cached = 0
    with TestClient(uncached_app) as uncached:
        for params in queries:
            first = demo_client.get("/api/v1/values", params=params)
            again = demo_client.get("/api/v1/values", params=params)  # from the cache
            plain = uncached.get("/api/v1/values", params=params)
            assert first.status_code == again.status_code == plain.status_code == 200
            assert first.json() == again.json() == plain.json(), params
            assert first.headers["content-type"] == "application/json"
    served = demo_client.app.state.store.served()  # type: ignore[attr-defined]
    assert served.peek("values_page", (ids[0], None, "buurt", None, 100, 0)) is not None


def test_value_pages_match_the_openapi_schema(demo_client: TestClient) -> None:
    schema = demo_client.get("/api/v1/openapi.json").json()
    ok = schema["paths"]["/api/v1/values"]["get"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ValuesPage"
    }
    body = demo_client.get("/api/v1/values", params={"limit": 2}).json()
    assert set(body) == {"total", "limit", "offset", "next", "version_id", "items"}
    assert body["next"] and "offset=2" in body["next"]
