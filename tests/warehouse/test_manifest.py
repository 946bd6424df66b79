# SPDX-License-Identifier: EUPL-1.2
"""The manifest model: rows add up, paths are workspace-relative, the code version is known."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

import stuurdata
from stuurdata.sources.result import InputFile
from stuurdata.warehouse.manifest import FileHash, SourceRun, code_version


def _run(rows_in: int, loaded: int, rejected: int) -> SourceRun:
    return SourceRun(
        name="personen",
        title="Personen",
        classification="intern",
        files=[],
        rows_in=rows_in,
        rows_loaded=loaded,
        rows_rejected=rejected,
        seconds=0.1,
    )


def test_rows_in_must_equal_loaded_plus_rejected() -> None:
    assert _run(10, 8, 2).rows_in == 10
    with pytest.raises(ValidationError, match="rijen in"):
        _run(10, 8, 1)


def test_file_hash_path_is_relative_to_the_workspace(tmp_path: Path) -> None:
    inside = InputFile(tmp_path / "data" / "a.csv", "ab" * 32, 3)
    outside = InputFile(Path("/elders/b.csv"), "cd" * 32, 4)
    assert FileHash.of(inside, tmp_path).path == "data/a.csv"
    assert FileHash.of(outside, tmp_path).path == "/elders/b.csv"


def test_code_version_starts_with_the_package_version() -> None:
    version = code_version()
    assert version.startswith(stuurdata.__version__)
    # run from a git checkout, the commit is part of it
    if (Path(stuurdata.__file__).resolve().parents[2] / ".git").exists():
        assert "+g" in version
