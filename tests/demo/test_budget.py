# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from pathlib import Path

import pytest

from stuurdata.demo.budget import Iv3Error, read_taakvelden


def test_taakvelden_from_the_iv3_file(iv3_file: Path) -> None:
    taakvelden = dict(read_taakvelden(iv3_file))
    assert taakvelden["0.1"] == "Bestuur"
    assert "6.1" in taakvelden and "8.3" in taakvelden
    assert not any(code.endswith(".") for code in taakvelden)  # only leaves, no hoofdtaakvelden
    assert "Tot_TV" not in taakvelden


def test_missing_iv3_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(Iv3Error, match="Iv3-definitiebestand niet gevonden"):
        read_taakvelden(tmp_path / "nope.json")
