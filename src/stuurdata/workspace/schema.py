# SPDX-License-Identifier: EUPL-1.2
"""JSON Schema of the workspace files, generated from the pydantic models and shipped."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from pydantic import BaseModel

from stuurdata.dashboards.config import Dashboard
from stuurdata.workspace.config import Dataset, Source, WorkspaceConfig
from stuurdata.workspace.indicator import Indicator
from stuurdata.workspace.registers import Algorithm, Dpia, Sensor

SCHEMAS: dict[str, type[BaseModel]] = {
    "stuurdata": WorkspaceConfig,
    "source": Source,
    "dataset": Dataset,
    "indicator": Indicator,
    "dashboard": Dashboard,
    "algoritme": Algorithm,
    "sensor": Sensor,
    "dpia": Dpia,
}
"""Schema name -> model: ``stuurdata.yaml``, ``sources/*.yaml``, ``datasets/*.yaml``,
``indicators/*.yaml``, ``dashboards/*.yaml``, ``registers/{algoritmes,sensoren,dpias}/*.yaml``."""


def generate(name: str) -> dict[str, Any]:
    schema = SCHEMAS[name].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://stuurdata.nl/schema/{name}.schema.json"
    return schema


def render(name: str) -> str:
    return json.dumps(generate(name), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def shipped(name: str) -> str:
    """The schema file shipped in the package (kept equal to :func:`render` by a test)."""
    files = resources.files("stuurdata.workspace") / "schemas" / f"{name}.schema.json"
    return files.read_text(encoding="utf-8")


def write_shipped() -> None:
    """Regenerate the shipped schema files (``python -m stuurdata.workspace.schema``)."""
    from pathlib import Path

    folder = Path(__file__).with_name("schemas")
    for name in SCHEMAS:
        (folder / f"{name}.schema.json").write_text(render(name), encoding="utf-8")


if __name__ == "__main__":
    write_shipped()
