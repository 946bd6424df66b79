# SPDX-License-Identifier: EUPL-1.2
"""The national page benchmark's workspace without the BAG stays a valid workspace."""

from __future__ import annotations

from pathlib import Path

from benchmarks.without_bag import drop_bag

from stuurdata.demo import generate_demo
from stuurdata.workspace import Workspace


def test_drop_bag_leaves_a_consistent_workspace(tmp_path: Path) -> None:
    generate_demo(tmp_path, seed=7, persons=3000, bag=False)
    gone = drop_bag(tmp_path)
    assert "bag_panden" in gone["sources"]
    assert "staging.stg_verblijfsobjecten" in gone["models"]
    assert "woningvoorraad" in gone["indicators"]
    assert "vestigingen_per_1000_inwoners" in gone["indicators"]  # derived from a dropped one
    ws = Workspace.load(tmp_path)
    assert ws.check() == []
    assert not any(s.connector == "bag" for s in ws.sources.values())
    assert "bevolking_inwoners" in ws.indicators
    assert all(panel.indicators for d in ws.dashboards.values() for panel in d.panels)
