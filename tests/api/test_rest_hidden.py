# SPDX-License-Identifier: EUPL-1.2
"""Without login the non-public demo dataset does not exist: 404 exactly like an unknown name."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from stuurdata.catalog.metadata import DOWNLOAD_FORMATS
from tests.api.demo_app import HIDDEN, UNKNOWN, built_demo, demo_client

__all__ = ["built_demo", "demo_client"]
pytestmark = pytest.mark.slow

PATHS = [
    "/api/v1/datasets/{name}",
    "/api/v1/datasets/{name}/rows",
    "/api/v1/datasets/{name}/rows?persoon_id=x",
    *[f"/datasets/{{name}}/download.{f.ext}" for f in DOWNLOAD_FORMATS],
]


@pytest.mark.parametrize("path", PATHS)
def test_hidden_dataset_answers_like_an_unknown_one(demo_client: TestClient, path: str) -> None:
    hidden = demo_client.get(path.format(name=HIDDEN))
    unknown = demo_client.get(path.format(name=UNKNOWN))
    assert hidden.status_code == unknown.status_code == 404
    # error pages may echo the requested path: compare with the name blanked out
    assert hidden.text.replace(HIDDEN, "NAAM") == unknown.text.replace(UNKNOWN, "NAAM")
    assert hidden.headers.get("content-type") == unknown.headers.get("content-type")


def test_hidden_dataset_is_in_no_listing(demo_client: TestClient) -> None:
    for url in ("/api/v1/datasets?limit=1000", "/api/v1/indicators?limit=1000"):
        assert HIDDEN not in demo_client.get(url).text
