# SPDX-License-Identifier: EUPL-1.2
"""The demo region through the real platform: load, check, build, and no BSN in marts."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from stuurdata.warehouse import build, open_current
from stuurdata.workspace import Workspace

MARTS = (
    "bevolking_per_buurt",
    "woningen_per_buurt",
    "woz_per_buurt",
    "vestigingen_per_buurt",
    "voorzieningen_sociaal_domein",
    "klantcontact_per_kanaal",
    "sensor_daggemiddelden",
    "begroting_per_taakveld",
    "verhuizingen_per_buurt",
)


@pytest.fixture(scope="module")
def built(demo_workspace: Path) -> Path:
    ws = Workspace.load(demo_workspace)
    assert ws.check() == []
    manifest = build(ws)
    assert manifest.status == "complete"
    assert all(s.rows_rejected == 0 for s in manifest.sources), [
        (s.name, s.rows_rejected) for s in manifest.sources
    ]
    return demo_workspace


@pytest.mark.slow
def test_marts_are_populated(built: Path) -> None:
    version = open_current(built)
    assert version is not None
    con = version.connect()
    for mart in MARTS:
        assert con.execute(f"SELECT count(*) FROM marts.{mart}").fetchone()[0] > 0, mart
    inwoners = con.execute("SELECT sum(inwoners) FROM marts.bevolking_per_buurt").fetchone()[0]
    assert inwoners == 84_000
    buurten = con.execute(
        "SELECT count(*) FROM marts.bevolking_per_buurt WHERE inwoners > 0"
    ).fetchone()
    assert buurten[0] == 65
    zorg = con.execute(
        "SELECT sum(personen_met_bijstand), sum(personen_met_wmo), sum(jongeren_met_jeugdhulp) "
        "FROM marts.voorzieningen_sociaal_domein"
    ).fetchone()
    assert all(v > 0 for v in zorg)
    woz = con.execute("SELECT count(*) FROM marts.woz_per_buurt WHERE woz_objecten > 0").fetchone()
    assert woz[0] == 65


@pytest.mark.slow
def test_no_bsn_or_pseudonym_in_marts(built: Path) -> None:
    text = (built / "data/brp/GM9901_personen.csv").read_bytes().decode("cp1252")
    bsns = {r["bsn"] for r in csv.DictReader(io.StringIO(text), delimiter=";")}
    version = open_current(built)
    assert version is not None
    con = version.connect()
    pseudonyms = {
        r[0] for r in con.execute("SELECT persoon_id FROM staging.stg_personen").fetchall()
    }
    assert bsns and pseudonyms and not bsns & pseudonyms
    forbidden = bsns | pseudonyms
    hexlike = re.compile(r"^[0-9a-f]{64}$|^\d{9}$")
    for mart in MARTS:
        table = con.sql(f"SELECT * FROM marts.{mart}").to_arrow_table()
        for name in table.column_names:
            values = {str(v) for v in table.column(name).to_pylist() if v is not None}
            assert not values & forbidden, (mart, name)
            assert not any(hexlike.match(v) for v in values), (mart, name)
