# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from stuurdata.catalog import check_metadata
from stuurdata.errors import WorkspaceError
from stuurdata.workspace import Workspace
from tests.catalog.workspace import write_catalog_workspace

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "demo-regio"


def _with_dataset(root: Path, name: str, **changes: object) -> Workspace:
    write_catalog_workspace(root)
    path = root / f"datasets/{name}.yaml"
    body = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            body.pop(key, None)
        else:
            body[key] = value
    path.write_text(yaml.safe_dump(body, sort_keys=False), encoding="utf-8")
    return Workspace.load(root)


def _rules(ws: Workspace) -> list[tuple[str, str | None]]:
    return [(p.rule, p.column) for p in check_metadata(ws)]


def test_demo_region_metadata_is_complete() -> None:
    ws = Workspace.load(EXAMPLE)
    assert check_metadata(ws) == []


def test_catalog_workspace_metadata_is_complete(tmp_path: Path) -> None:
    assert check_metadata(Workspace.load(write_catalog_workspace(tmp_path))) == []


def test_unknown_theme_and_frequency_are_named_with_file_and_line(tmp_path: Path) -> None:
    ws = _with_dataset(tmp_path, "bouwjaren", theme="bevolking", frequency="soms")
    problems = check_metadata(ws)
    assert [(p.rule, p.column, p.found) for p in problems] == [
        ("dcat-waardelijst", "theme", "bevolking"),
        ("dcat-waardelijst", "frequency", "soms"),
    ]
    assert problems[0].file == "datasets/bouwjaren.yaml"
    lines = (tmp_path / "datasets/bouwjaren.yaml").read_text(encoding="utf-8").splitlines()
    assert problems[0].row is not None and lines[problems[0].row - 1].startswith("theme:")
    assert "Huisvesting" in (problems[0].expected or "")


def test_public_dataset_needs_theme_woo_category_and_open_licence(tmp_path: Path) -> None:
    ws = _with_dataset(
        tmp_path, "bouwjaren", theme=None, woo_category=None, license="alle rechten voorbehouden"
    )
    assert _rules(ws) == [
        ("dcat-verplicht", "theme"),
        ("dcat-licentie", "license"),
        ("woo-categorie", "woo_category"),
    ]


def test_non_public_dataset_needs_a_woo_exception(tmp_path: Path) -> None:
    ws = _with_dataset(tmp_path, "geheime_telling", woo_exception=None)
    assert _rules(ws) == [("woo-uitzondering", "woo_exception")]


def test_public_dataset_has_no_woo_exception_and_public_access(tmp_path: Path) -> None:
    ws = _with_dataset(
        tmp_path,
        "bouwjaren",
        woo_exception={"ground": "5.1.2.e", "reason": "Dit is een reden van genoeg tekens."},
        access_rights="niet_publiek",
    )
    assert _rules(ws) == [
        ("woo-uitzondering", "woo_exception"),
        ("openbaarheidsniveau", "access_rights"),
    ]


def test_publisher_and_spatial_must_be_of_this_workspace(tmp_path: Path) -> None:
    ws = _with_dataset(tmp_path, "bouwjaren", publisher="GM0363", spatial=["GM0363"])
    assert _rules(ws) == [
        ("onbekende-organisatie", "publisher"),
        ("onbekende-gemeente", "spatial"),
    ]


def test_dataset_without_classification_is_reported(tmp_path: Path) -> None:
    ws = _with_dataset(tmp_path, "bouwjaren", classification=None)
    assert ("classificatie", "classification") in _rules(ws)


@pytest.mark.parametrize(
    "change",
    [
        {"woo_category": "infocat018"},
        {"woo_exception": {"ground": "5.1.3", "reason": "Een reden die lang genoeg is."}},
        {"woo_exception": {"ground": "5.1.2.e", "reason": "te kort"}},
        {"spatial": ["Hillegom"]},
        {"status": "weg"},
        {"contact_point": {"name": "x", "email": "geen-adres"}},
        {"temporal": {"start": "2024-12-31", "end": "2024-01-01"}},
    ],
)
def test_schema_refuses_malformed_catalog_fields(tmp_path: Path, change: dict[str, object]) -> None:
    with pytest.raises(WorkspaceError) as caught:
        _with_dataset(tmp_path, "geheime_telling", **change)
    assert any(p.file == "datasets/geheime_telling.yaml" for p in caught.value.problems)
