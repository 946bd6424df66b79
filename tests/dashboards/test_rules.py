# SPDX-License-Identifier: EUPL-1.2
"""Semantic rules of ``dashboards/*.yaml``: each problem names the file, the line and the fix."""

from __future__ import annotations

from pathlib import Path

import yaml

from stuurdata.errors import Problem
from stuurdata.workspace import Workspace

BOARD_FILE = "dashboards/proef.yaml"


def _write(root: Path, panels: list[dict[str, object]], **extra: object) -> Path:
    board: dict[str, object] = {
        "id": "proef",
        "title": {"nl": "Proef", "en": "Trial"},
        "description": {"nl": "Een proef.", "en": "A trial."},
        "owner": "team data",
        **extra,
        "panels": panels,
    }
    path = root / BOARD_FILE
    path.write_text(yaml.safe_dump(board, sort_keys=False), encoding="utf-8")
    return path


def _panel(**changes: object) -> dict[str, object]:
    panel: dict[str, object] = {
        "id": "p",
        "kind": "table",
        "title": {"nl": "P", "en": "P"},
        "indicators": ["bevolking_inwoners"],
    }
    panel.update(changes)
    return panel


def _problems(root: Path) -> list[Problem]:
    return [p for p in Workspace.load(root).check() if p.file.startswith("dashboards/")]


def _line(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_demo_dashboards_have_no_problems(definitions: Path) -> None:
    assert _problems(definitions) == []


def test_unknown_indicator(definitions: Path) -> None:
    path = _write(definitions, [_panel(indicators=["bevolking_inwoners", "onbekend_ding"])])
    [problem] = _problems(definitions)
    assert problem.file == BOARD_FILE and problem.rule == "onbekende-verwijzing"
    assert "onbekend_ding" in problem.message and problem.found == "onbekend_ding"
    assert problem.row == _line(path, "  - onbekend_ding")


def test_indicator_that_is_not_openbaar(definitions: Path) -> None:
    indicator = definitions / "indicators" / "bevolking_inwoners.yaml"
    text = indicator.read_text(encoding="utf-8").replace(
        "classification: openbaar", "classification: intern"
    )
    indicator.write_text(text, encoding="utf-8")
    _write(definitions, [_panel()])
    problems = [p for p in _problems(definitions) if p.file == BOARD_FILE]
    assert [p.rule for p in problems] == ["classificatie"]
    assert problems[0].found == "intern"


def test_level_the_indicator_is_not_published_for(definitions: Path) -> None:
    path = _write(definitions, [_panel(indicators=["klantcontacten"], level="buurt")])
    [problem] = _problems(definitions)
    assert problem.rule == "gebiedsniveau" and problem.found == "buurt"
    assert problem.expected == "gemeente, regio"
    assert problem.row == _line(path, "  level: buurt")


def test_filter_level_the_indicator_is_not_published_for(definitions: Path) -> None:
    path = _write(
        definitions,
        [_panel(kind="keyfigure", indicators=["klantcontacten"])],
        filters={"area_levels": ["gemeente", "wijk"]},
    )
    [problem] = _problems(definitions)
    assert problem.rule == "gebiedsniveau" and problem.found == "wijk"
    assert problem.row == _line(path, "  - wijk")


def test_period_that_does_not_fit_the_indicator(definitions: Path) -> None:
    # bevolking_inwoners has a peildatum (YYYY-MM-DD); klantcontacten a year; the land area is
    # 'vast' (the boundary year)
    path = _write(
        definitions,
        [
            _panel(id="a", period="2024"),
            _panel(id="b", indicators=["klantcontacten"], level="gemeente", period="2024-01-01"),
            _panel(id="c", indicators=["oppervlakte_land_ha"], period="1999"),
            _panel(id="d", indicators=["bijstand_per_1000_inwoners"], period="2024-01-01"),
        ],
    )
    problems = _problems(definitions)
    assert [(p.rule, p.found) for p in problems] == [
        ("periode", "2024"),
        ("periode", "2024-01-01"),
        ("periode", "1999"),
    ]
    assert "JJJJ-MM-DD" in (problems[0].expected or "")
    assert problems[0].row == _line(path, "  period: '2024'")


def test_unknown_default_area(definitions: Path) -> None:
    _write(definitions, [_panel()], filters={"default_area": "GM0001"})
    [problem] = _problems(definitions)
    assert problem.rule == "onbekende-verwijzing" and problem.found == "GM0001"
    assert "GM9901" in (problem.expected or "")
