# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the source tests: shared data, a rule context, a purpose with a key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stuurdata.sources.validate import RuleContext
from stuurdata.workspace.config import Purpose, Source

KEY_ENV = "STUURDATA_TEST_KEY_WMO"
OTHER_KEY_ENV = "STUURDATA_TEST_KEY_JEUGD"
BUURTEN = frozenset({"BU04020101", "BU04020102", "BU05340001"})


def valid_bsns(count: int, start: int = 100_000_000) -> list[str]:
    """The first ``count`` numbers from ``start`` that pass the BSN elfproef."""
    found: list[str] = []
    number = start
    while len(found) < count:
        digits = [int(c) for c in f"{number:09d}"]
        total = sum(w * d for w, d in zip(range(9, 1, -1), digits[:8], strict=True)) - digits[8]
        if total % 11 == 0:
            found.append(f"{number:09d}")
        number += 1
    return found


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
    if not path.is_dir():
        pytest.fail(f"shared test data missing: {path}")
    return path.resolve()


@pytest.fixture
def context() -> RuleContext:
    return RuleContext(
        known_codes={
            "gemeente": frozenset({"GM0402", "GM0534"}),
            "wijk": frozenset({"WK040201", "WK053400"}),
            "buurt": BUURTEN,
        },
        boundary_year=2024,
        today=dt.date(2025, 6, 1),
    )


@pytest.fixture
def purposes(monkeypatch: pytest.MonkeyPatch) -> dict[str, Purpose]:
    monkeypatch.setenv(KEY_ENV, "test-key-wmo-0123456789abcdef")
    monkeypatch.setenv(OTHER_KEY_ENV, "test-key-jeugd-0123456789abcdef")
    return {
        "wmo": Purpose(id="wmo", title="Wmo", legal_basis="Wmo 2015", key={"env": KEY_ENV}),
        "jeugd": Purpose(
            id="jeugd", title="Jeugd", legal_basis="Jeugdwet", key={"env": OTHER_KEY_ENV}
        ),
    }


@pytest.fixture
def make_source() -> Callable[..., Source]:
    def make(**fields: Any) -> Source:
        values: dict[str, Any] = {
            "name": "bron",
            "title": "Testbron",
            "owner": "team data",
            "classification": "intern",
            "connector": "csv",
            "path": "data.csv",
        }
        values.update(fields)
        return Source.model_validate(values)

    return make
