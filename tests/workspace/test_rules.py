# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import pytest

from stuurdata.workspace import Workspace
from tests.workspace.conftest import CONFIG, DATASET, SOURCE, WriteWorkspace


def rules_broken(root: object) -> set[str]:
    assert hasattr(root, "joinpath")
    return {p.rule for p in Workspace.load(root).check()}  # type: ignore[arg-type]


def test_dataset_without_classification(write_workspace: WriteWorkspace) -> None:
    root = write_workspace(
        datasets__inwoners_per_buurt_DOT_yaml=DATASET.replace("classification: openbaar\n", "")
    )
    (problem,) = Workspace.load(root).check()
    assert problem.rule == "classificatie"
    assert problem.file == "datasets/inwoners_per_buurt.yaml"
    assert problem.row == 1


def test_unknown_model_reference(write_workspace: WriteWorkspace) -> None:
    root = write_workspace(models__marts__inwoners_per_buurt_DOT_sql="SELECT * FROM staging.nope")
    problems = Workspace.load(root).check()
    assert [p.found for p in problems if p.rule == "onbekende-verwijzing"] == ["staging.nope"]


def test_cycle_between_models(write_workspace: WriteWorkspace) -> None:
    root = write_workspace(
        models__staging__a_DOT_sql="SELECT * FROM staging.b",
        models__staging__b_DOT_sql="SELECT * FROM staging.a",
    )
    problems = Workspace.load(root).check()
    (cycle,) = [p for p in problems if p.rule == "kring"]
    assert "staging.a" in cycle.message
    assert "staging.b" in cycle.message


def test_staging_may_not_read_marts(write_workspace: WriteWorkspace) -> None:
    root = write_workspace(
        models__staging__stg_x_DOT_sql="SELECT * FROM marts.inwoners_per_buurt",
    )
    assert "laagvolgorde" in rules_broken(root)


def test_open_dataset_comes_from_marts(write_workspace: WriteWorkspace) -> None:
    dataset = DATASET.replace("model: marts.inwoners_per_buurt", "model: staging.stg_personen")
    root = write_workspace(datasets__inwoners_per_buurt_DOT_yaml=dataset)
    assert rules_broken(root) == {"openbaar-uit-marts"}


def test_personal_data_needs_a_registered_purpose(write_workspace: WriteWorkspace) -> None:
    no_purpose = SOURCE.replace("purpose: monitor-sociaal-domein\n", "")
    assert rules_broken(write_workspace(sources__personen_DOT_yaml=no_purpose)) == {"doelbinding"}
    unknown = SOURCE.replace("purpose: monitor-sociaal-domein", "purpose: marketing")
    problems = Workspace.load(write_workspace(sources__personen_DOT_yaml=unknown)).check()
    (problem,) = problems
    assert problem.found == "marketing"
    assert problem.row == 7


def test_key_columns_are_declared(write_workspace: WriteWorkspace) -> None:
    source = SOURCE.replace("key: [bsn]", "key: [bsn, peildatum]")
    problems = Workspace.load(write_workspace(sources__personen_DOT_yaml=source)).check()
    assert [p.found for p in problems] == ["peildatum"]


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        (
            ("members: [GM0534, GM0553, GM1525]", "members: [GM0534, GM0553, GM9999]"),
            "onbekende-verwijzing",
        ),
        (("GM1525: 1.94}", "GM9999: 1.94}"), "kostenverdeelsleutel"),
        (("- {code: GM0553, name: Lisse}", "- {code: GM0534, name: Lisse}"), "uniek"),
        (("gemeenten: grenzen/gemeenten.geojson", "gemeenten: grenzen/nope.geojson"), "bestand"),
    ],
)
def test_config_rules(write_workspace: WriteWorkspace, change: tuple[str, str], rule: str) -> None:
    config = CONFIG.replace(*change)
    assert config != CONFIG
    assert rule in rules_broken(write_workspace(stuurdata_DOT_yaml=config))
