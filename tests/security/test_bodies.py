# SPDX-License-Identifier: EUPL-1.2
"""Oversized bodies are refused with 413 before the application reads them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from stuurdata.governance.auth import MAX_BODY


@pytest.mark.parametrize("path", ["/inloggen", "/api/3/action/package_search", "/api/v1/sql"])
def test_a_declared_oversized_body_is_refused(gov_client: TestClient, path: str) -> None:
    response = gov_client.post(
        path, content=b"q=" + b"a" * (MAX_BODY + 1), headers={"content-type": "text/plain"}
    )
    assert response.status_code == 413


def test_a_chunked_oversized_body_is_refused(gov_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(MAX_BODY // 65536 + 2):
            yield b"a" * 65536

    response = gov_client.post(
        "/api/3/action/package_search", content=chunks(), headers={"content-type": "text/plain"}
    )
    assert response.status_code == 413


def test_a_bad_content_length_is_refused(gov_client: TestClient) -> None:
    response = gov_client.post(
        "/api/3/action/package_list", content=b"{}", headers={"content-length": "-1"}
    )
    assert response.status_code in (400, 413)


def test_a_body_under_the_limit_passes(gov_client: TestClient) -> None:
    response = gov_client.post("/api/3/action/package_list", json={"limit": 5})
    assert response.status_code == 200
