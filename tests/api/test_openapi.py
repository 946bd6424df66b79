# SPDX-License-Identifier: EUPL-1.2
"""One OpenAPI document for all APIs, committed as docs/openapi.json and checked against the app.

When an API changes, regenerate the document (from the repository root):

    python -m stuurdata.api.openapi
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from stuurdata.api.openapi import render
from stuurdata.portal import create_app
from tests.api.demo_app import built_demo

__all__ = ["built_demo"]

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_committed_document_equals_the_generated_one() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == render(), (
        "docs/openapi.json is verouderd: voer 'python -m stuurdata.api.openapi' uit"
    )


def test_document_describes_the_rest_api_and_downloads() -> None:
    paths = json.loads(COMMITTED.read_text(encoding="utf-8"))["paths"]
    for path in (
        "/api/v1/datasets",
        "/api/v1/datasets/{name}",
        "/api/v1/datasets/{name}/rows",
        "/api/v1/areas/{code}",
        "/api/v1/indicators",
        "/api/v1/indicators/{indicator_id}",
        "/api/v1/values",
        "/datasets/{name}/download.{ext}",
    ):
        assert "get" in paths[path], path
    rows = paths["/api/v1/datasets/{name}/rows"]["get"]["responses"]["200"]
    assert rows["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/RowsPage"
    }


def _operations() -> list[tuple[str, str]]:
    paths = json.loads(COMMITTED.read_text(encoding="utf-8"))["paths"]
    return sorted((path, method) for path, ops in paths.items() for method in ops)


@pytest.fixture(scope="module")
def api_schema(built_demo: Path) -> Any:
    schema = schemathesis.openapi.from_path(COMMITTED)
    schema.app = create_app(built_demo)
    return schema


@pytest.mark.slow
@pytest.mark.parametrize(("path", "method"), _operations())
def test_api_answers_without_server_errors_and_within_its_schema(
    api_schema: Any, path: str, method: str
) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def check(case: Any) -> None:
        case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])

    check()
