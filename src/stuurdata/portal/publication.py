# SPDX-License-Identifier: EUPL-1.2
"""What the portal may show without login: openbaar datasets and a redacted manifest.

There is no login yet, so only datasets classified ``openbaar`` (in the published manifest and,
when the definition still exists, in the workspace) are shown. The public manifest keeps the
input hashes and row counts but drops every trace of non-openbaar datasets, the rejected-row
samples (they may quote input values) and absolute paths of files outside the workspace.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from stuurdata.warehouse.manifest import Manifest
from stuurdata.workspace.config import Classification, Dataset

PUBLIC = Classification.OPENBAAR.value


@dataclass(frozen=True)
class PublicColumn:
    name: str
    classification: str


@dataclass(frozen=True)
class PublicDataset:
    """One openbaar dataset of the published version, with its definition's metadata."""

    name: str
    title: str
    description: str
    model: str
    classification: str
    rows: int
    columns: tuple[PublicColumn, ...]
    owner: str
    license: str
    theme: str | None
    keywords: tuple[str, ...]


def public_datasets(manifest: Manifest, definitions: dict[str, Dataset]) -> list[PublicDataset]:
    """The manifest's datasets that are openbaar both as built and as defined now, by name."""
    found: list[PublicDataset] = []
    for run in manifest.datasets:
        definition = definitions.get(run.name)
        if run.classification != PUBLIC:
            continue
        if definition is not None and definition.classification != Classification.OPENBAAR:
            continue
        column_classes = definition.column_classifications if definition else {}
        columns = tuple(
            PublicColumn(name, str(column_classes.get(name, run.classification)))
            for name in run.columns
        )
        found.append(
            PublicDataset(
                name=run.name,
                title=run.title,
                description=definition.description if definition else "",
                model=run.model,
                classification=run.classification,
                rows=run.rows,
                columns=columns,
                owner=definition.owner if definition else "",
                license=definition.license if definition else "",
                theme=definition.theme if definition else None,
                keywords=tuple(definition.keywords) if definition else (),
            )
        )
    return sorted(found, key=lambda d: d.name)


def shown_path(path: str) -> str:
    """A workspace-relative path as is; only the file name of a path outside the workspace."""
    if PurePosixPath(path).is_absolute() or PureWindowsPath(path).is_absolute():
        return PurePosixPath(path.replace("\\", "/")).name
    return path


def public_manifest(manifest: Manifest, shown: list[PublicDataset]) -> dict[str, Any]:
    """The manifest as JSON-ready data, without anything of the datasets not shown."""
    shown_names = {d.name for d in shown}
    shown_models = {d.model for d in shown}
    hidden_models = {
        run.model
        for run in manifest.datasets
        if run.name not in shown_names and run.model not in shown_models
    }
    data = manifest.model_dump(mode="json")
    data["datasets"] = [d for d in data["datasets"] if d["name"] in shown_names]
    models = []
    for model in data["models"]:
        if model["name"] in hidden_models:
            continue
        model["depends_on"] = [dep for dep in model["depends_on"] if dep not in hidden_models]
        models.append(model)
    data["models"] = models
    for source in data["sources"]:
        source.pop("problems", None)
        for file in source["files"]:
            file["path"] = shown_path(file["path"])
    return data
