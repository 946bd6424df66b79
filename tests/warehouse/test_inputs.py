# SPDX-License-Identifier: EUPL-1.2
"""Checking sources without building: the same ingest as a build, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from stuurdata.errors import SourceError, WorkspaceError
from stuurdata.warehouse import check_sources
from stuurdata.workspace import Workspace

from .conftest import BAD_WONINGEN


def test_check_sources_reports_counts_and_writes_nothing(ws: Workspace) -> None:
    runs = {r.name: r for r in check_sources(ws)}
    assert set(runs) == {"personen", "woningen"}
    assert runs["woningen"].rows_rejected == BAD_WONINGEN
    assert runs["woningen"].rows_in == runs["woningen"].rows_loaded + BAD_WONINGEN
    assert not (ws.root / ".stuurdata").exists()


def test_check_sources_can_select_sources(ws: Workspace) -> None:
    assert [r.name for r in check_sources(ws, only=["woningen"])] == ["woningen"]
    with pytest.raises(WorkspaceError) as info:
        check_sources(ws, only=["woningen", "bestaat_niet"])
    assert "bestaat_niet" in str(info.value)


def test_problems_of_every_source_are_raised_together(workspace_root: Path) -> None:
    personen = workspace_root / "data/personen.csv"
    personen.write_text(personen.read_text().replace(",V\n", ",Q\n"))
    (workspace_root / "data/woningen.csv").write_text("woning_id;verkeerd\n1;2\n")
    with pytest.raises(SourceError) as info:
        check_sources(Workspace.load(workspace_root))
    assert "personen" in str(info.value) and "woningen" in str(info.value)
    files = {p.file for p in info.value.problems}
    assert len(files) >= 2, files
