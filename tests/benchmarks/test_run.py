# SPDX-License-Identifier: EUPL-1.2
"""The benchmark machinery must not rot: a tiny scale end to end, and the pieces it relies on."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from pathlib import Path

import duckdb
import pytest
from benchmarks.baseline_duckdb import _benchmark_key, _select, script
from benchmarks.comparison import exclusions
from benchmarks.run import main

import stuurdata.demo
from stuurdata.workspace import Workspace

TEMPLATE = Path(stuurdata.demo.__file__).resolve().parent / "workspace_template"


def test_exclusions_follow_dependencies() -> None:
    ws = Workspace.load(TEMPLATE)
    left_out = {(e.kind, e.name) for e in exclusions(ws)}
    assert ("source", "bag_panden") in left_out
    assert ("source", "bijstand") in left_out  # xlsx
    assert ("source", "brp_personen") not in left_out
    # transitively: marts.woz_per_buurt reads staging.stg_verblijfsobjecten, which reads BAG
    assert ("model", "staging.stg_verblijfsobjecten") in left_out
    assert ("model", "marts.woz_per_buurt") in left_out
    assert ("dataset", "woz_per_buurt") in left_out
    assert ("model", "marts.bevolking_per_buurt") not in left_out
    whole_kinds = {kind for kind, name in left_out if name.startswith("(all ")}
    assert "indicator" in whole_kinds
    assert not whole_kinds & {"source", "model", "dataset"}


def test_baseline_script_reads_like_the_definitions() -> None:
    ws = Workspace.load(TEMPLATE)
    for item in exclusions(ws):
        if item.kind == "source":
            del ws.sources[item.name]
        elif item.kind == "model":
            del ws.models[item.name]
    sql = script(ws)
    personen = sql[sql.index('CREATE TABLE raw."brp_personen"') :].split(";\n")[0]
    assert "encoding = 'latin-1'" in personen
    assert "unhex(sha256(unhex('" in personen and 'CAST("bsn" AS VARCHAR)' in personen
    assert "strptime(\"geboortedatum\", '%Y%m%d')" in personen
    woz = sql[sql.index('CREATE TABLE raw."woz"') :].split(";\n")[0]
    assert "decimal_separator = ','" in woz
    assert "CREATE TABLE staging.stg_personen AS" in sql
    assert sql.index("staging.stg_personen AS") < sql.index("marts.bevolking_per_buurt AS")


def test_baseline_pseudonym_is_the_same_hmac() -> None:
    ws = Workspace.load(TEMPLATE)
    source = ws.sources["brp_personen"]
    column = next(c for c in source.columns if c.pseudonymise)
    expr = _select(column, source, parquet=True).rsplit(" AS ", 1)[0]
    with duckdb.connect() as con:
        found = con.execute(f'SELECT {expr} FROM (SELECT 111222333 AS "bsn")').fetchone()
    key = _benchmark_key(source)
    assert found == (hmac.new(key, b"111222333", hashlib.sha256).hexdigest(),)


@pytest.mark.slow
def test_tiny_scale_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["--scales", "p5000", "--work", str(tmp_path), "--no-connectors", "--check"])
    out = capsys.readouterr().out
    assert re.search(r"(PASS|FAIL) \[p5000\] stuurdata/baseline = \d+\.\d\dx", out), out
    assert "p5000" in out and "ratio" in out
    assert "Left out of the comparison" in out and "bag_panden" in out
    assert "WARNING" not in out, out  # both sides loaded the same number of rows
    assert status in (0, 1)
    [results] = tmp_path.glob("results-*.json")
    payload = json.loads(results.read_text())
    [scale] = payload["scales"]
    assert scale["ratio"] > 0
    assert scale["stuurdata_runs"][0]["result"]["rows_loaded"] > 5000
    assert scale["stuurdata_runs"][0]["peak_mib"] > 10
    assert Path(scale["baseline_script"]).is_file()
