# SPDX-License-Identifier: EUPL-1.2
"""Path traversal: static files, downloads and dataset names never leave their place."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

PATHS = [
    "/static/../../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
    "/static/..%2f..%2f..%2fapp.py",
    "/static/%2e%2e%2fapp.py",
    "/static//etc/passwd",
    "/datasets/..%2f..%2fstuurdata.yaml/download.csv",
    "/datasets/woningen_per_buurt/download.csv%00.txt",
    "/datasets/%2e%2e/download.csv",
    "/api/v1/datasets/..%2fmarts.geheime_telling",
    "/datasets/..%2F.stuurdata%2Fsecrets%2Fzorgmonitor.key/download.csv",
]


@pytest.mark.parametrize("path", PATHS)
def test_traversal_finds_nothing(gov_client: TestClient, path: str) -> None:
    response = gov_client.get(path)
    assert response.status_code in (400, 404), (path, response.status_code)
    for secret in ("root:x:", "[project]", "create_app", "abababab", "Woningen per buurt"):
        assert secret not in response.text


def test_static_files_are_still_served(gov_client: TestClient) -> None:
    assert gov_client.get("/static/portal.css").status_code == 200
