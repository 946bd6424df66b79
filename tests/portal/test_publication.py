# SPDX-License-Identifier: EUPL-1.2
"""What may be shown without login: only openbaar datasets, a manifest without their traces."""

from __future__ import annotations

import datetime as dt

from stuurdata.portal.publication import public_datasets, public_manifest, shown_path
from stuurdata.warehouse.manifest import DatasetRun, FileHash, Manifest, ModelRun, SourceRun
from stuurdata.workspace.config import Classification, Dataset


def manifest() -> Manifest:
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    return Manifest(
        version_id="v1",
        workspace_name="ws",
        started_at=now,
        finished_at=now,
        code_version="0",
        engine="duckdb",
        boundary_year=2024,
        sources=[
            SourceRun(
                name="clienten",
                title="Cliënten",
                classification="persoonsgegevens",
                files=[
                    FileHash(path="/srv/leveringen/clienten.csv", sha256="a" * 64, size=1),
                    FileHash(path="data/extra.csv", sha256="b" * 64, size=1),
                ],
                rows_in=3,
                rows_loaded=2,
                rows_rejected=1,
                seconds=0.1,
                problems=["rij 3: Jan Jansen, Dorpsstraat 1"],
            )
        ],
        models=[
            ModelRun(name="staging.stg_clienten", path="s", rows=2, seconds=0, depends_on=[]),
            ModelRun(
                name="marts.zorg_per_buurt",
                path="models/marts/zorg_per_buurt.sql",
                rows=2,
                seconds=0,
                depends_on=["staging.stg_clienten"],
            ),
            ModelRun(
                name="marts.open",
                path="m",
                rows=2,
                seconds=0,
                depends_on=["marts.zorg_per_buurt"],
            ),
        ],
        datasets=[
            DatasetRun(
                name="zorg_per_buurt",
                title="Zorg",
                model="marts.zorg_per_buurt",
                classification="intern",
                rows=2,
                columns=["buurtcode"],
            ),
            DatasetRun(
                name="open",
                title="Open",
                model="marts.open",
                classification="openbaar",
                rows=2,
                columns=["buurtcode", "aantal"],
            ),
            DatasetRun(
                name="zonder",
                title="Zonder classificatie",
                model="marts.open",
                classification=None,
                rows=2,
                columns=[],
            ),
        ],
        areas={"buurten": 2},
        seconds=1.0,
    )


def definition(name: str, classification: Classification | None) -> Dataset:
    return Dataset(
        name=name,
        title=name,
        description=f"over {name}",
        owner="team",
        classification=classification,
        model="marts.open",
        column_classifications={"aantal": Classification.INTERN},
    )


def test_only_openbaar_datasets() -> None:
    shown = public_datasets(manifest(), {})
    assert [d.name for d in shown] == ["open"]


def test_definition_now_stricter_hides_dataset() -> None:
    shown = public_datasets(manifest(), {"open": definition("open", Classification.INTERN)})
    assert shown == []


def test_definition_adds_description_and_column_classes() -> None:
    (shown,) = public_datasets(manifest(), {"open": definition("open", Classification.OPENBAAR)})
    assert shown.description == "over open"
    assert [(c.name, c.classification) for c in shown.columns] == [
        ("buurtcode", "openbaar"),
        ("aantal", "intern"),
    ]


def test_public_manifest_drops_hidden_datasets_problems_and_absolute_paths() -> None:
    m = manifest()
    data = public_manifest(m, public_datasets(m, {}))
    assert "zorg_per_buurt" not in str(data)
    assert "Jansen" not in str(data)
    assert [d["name"] for d in data["datasets"]] == ["open"]
    assert [f["path"] for f in data["sources"][0]["files"]] == ["clienten.csv", "data/extra.csv"]
    assert data["sources"][0]["rows_rejected"] == 1
    models = {model["name"]: model["depends_on"] for model in data["models"]}
    assert models == {"staging.stg_clienten": [], "marts.open": []}


def test_shown_path() -> None:
    assert shown_path("data/x.csv") == "data/x.csv"
    assert shown_path("/abs/dir/x.csv") == "x.csv"
    assert shown_path("C:\\leveringen\\x.csv") == "x.csv"
