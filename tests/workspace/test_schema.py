# SPDX-License-Identifier: EUPL-1.2
"""The shipped JSON Schemas are golden files: regenerate them when the models change."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from stuurdata.workspace.schema import SCHEMAS, render, shipped
from tests.workspace.conftest import CONFIG, DATASET, SOURCE


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_shipped_schema_matches_models(name: str) -> None:
    assert shipped(name) == render(name), (
        f"schema {name} is out of date: run python -m stuurdata.workspace.schema"
    )


@pytest.mark.parametrize(
    ("name", "text"), [("stuurdata", CONFIG), ("source", SOURCE), ("dataset", DATASET)]
)
def test_examples_validate_against_the_schema(name: str, text: str) -> None:
    jsonschema.validate(yaml.safe_load(text), json.loads(shipped(name)))


def test_settings_are_documented() -> None:
    """Every field of every workspace file carries help text (datasette's test_docs idea)."""
    missing = []
    for name in SCHEMAS:
        schema = json.loads(shipped(name))
        for model_name, definition in [(name, schema), *schema.get("$defs", {}).items()]:
            for field, spec in definition.get("properties", {}).items():
                if "description" not in spec and field not in {"name", "title", "code"}:
                    missing.append(f"{model_name}.{field}")
    assert missing == [], f"undocumented settings: {missing}"
