# SPDX-License-Identifier: EUPL-1.2
"""Indicator definitions are validated like the other workspace files: schema, then rules."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from stuurdata.errors import WorkspaceError
from stuurdata.workspace import Workspace
from stuurdata.workspace.schema import render, shipped
from tests.indicators.conftest import TEMPLATE


@pytest.fixture()
def ws_root(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(TEMPLATE, root)
    for level in ("gemeenten", "wijken", "buurten"):  # the area files only need to exist
        path = root / "data" / "gebieden" / f"{level}.geojson"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    return root


def _edit(root: Path, indicator: str, **changes: object) -> None:
    path = root / "indicators" / f"{indicator}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_the_standard_library_loads_and_passes_every_rule(ws_root: Path) -> None:
    ws = Workspace.load(ws_root)
    assert len(ws.indicators) >= 40
    assert ws.check() == []


def test_the_indicator_schema_is_shipped() -> None:
    assert shipped("indicator") == render("indicator")


def test_schema_problems_name_file_and_field(ws_root: Path) -> None:
    _edit(ws_root, "wmo_clienten", kind="gemiddeld", denominator="count(*)")
    with pytest.raises(WorkspaceError) as info:
        Workspace.load(ws_root)
    assert any(p.file == "indicators/wmo_clienten.yaml" for p in info.value.problems)


@pytest.mark.parametrize(
    ("changes", "rule", "found"),
    [
        ({"source": "marts.bestaat_niet"}, "onbekende-verwijzing", "marts.bestaat_niet"),
        ({"disclosure_policy": "streng"}, "onbekende-verwijzing", "streng"),
        ({"numerator": "leeftijd"}, "sql", "leeftijd"),
        ({"numerator": "count(*) FILTER (WHERE x IN (SELECT 1 FROM raw.brp))"}, "sql", None),
        ({"filter": "count(*) > 1"}, "sql", "count(*) > 1"),
        ({"source_datasets": ["geen_dataset"]}, "onbekende-verwijzing", "geen_dataset"),
    ],
)
def test_semantic_rules_catch_bad_definitions(
    ws_root: Path, changes: dict[str, object], rule: str, found: str | None
) -> None:
    _edit(ws_root, "wmo_clienten", **changes)
    problems = Workspace.load(ws_root).check()
    assert [p.rule for p in problems] == [rule], problems
    assert problems[0].file == "indicators/wmo_clienten.yaml"
    if found is not None:
        assert problems[0].found == found


def test_levels_below_the_source_level_are_refused(ws_root: Path) -> None:
    _edit(ws_root, "klantcontacten", area_levels=["buurt", "gemeente"])
    problems = Workspace.load(ws_root).check()
    assert [p.rule for p in problems] == ["gebiedsniveau"]


def test_derived_indicators_refer_to_additive_indicators(ws_root: Path) -> None:
    _edit(ws_root, "bevolkingsdichtheid", denominator={"indicator": "aandeel_0_14"})
    _edit(ws_root, "vestigingen_per_1000_inwoners", numerator={"indicator": "onbekend"})
    rules = sorted(p.rule for p in Workspace.load(ws_root).check())
    assert rules == ["onbekende-verwijzing", "optelbaar"]
