# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

CONFIG = """\
name: Testwerkruimte
boundary_year: 2024
tenants:
  - {code: GM0534, name: Hillegom}
  - {code: GM0553, name: Lisse}
  - {code: GM1525, name: Teylingen}
region:
  code: RG01
  name: Duin- en Bollenstreek
  members: [GM0534, GM0553, GM1525]
  cost_key: {GM0534: 1, GM0553: 1.17, GM1525: 1.94}
areas:
  gemeenten: grenzen/gemeenten.geojson
  wijken: grenzen/wijken.geojson
  buurten: grenzen/buurten.geojson
purposes:
  - id: monitor-sociaal-domein
    title: Monitor Sociaal Domein
    legal_basis: Wmo 2015 art. 5.1.1
    key: {env: STUURDATA_KEY_MSD}
"""

SOURCE = """\
name: personen
title: Personen
owner: team data
classification: persoonsgegevens
connector: csv
path: data/personen.csv
purpose: monitor-sociaal-domein
key: [bsn]
columns:
  - name: bsn
    pseudonymise: true
    rules: {elfproef: true}
  - name: buurtcode
    rules: {buurtcode: true}
"""

STAGING = "SELECT bsn, buurtcode FROM raw.personen\n"
MART = "SELECT buurtcode, count(*) AS inwoners FROM staging.stg_personen GROUP BY buurtcode\n"
DATASET = """\
name: inwoners_per_buurt
title: Inwoners per buurt
description: Aantal inwoners per buurt.
owner: team data
classification: openbaar
model: marts.inwoners_per_buurt
theme: Bestuur
frequency: jaarlijks
woo_category: infocat001
disclosure:
  area: buurtcode
  columns:
    inwoners: cbs-aantallen
"""

WriteWorkspace = Callable[..., Path]


@pytest.fixture
def write_workspace(tmp_path: Path) -> WriteWorkspace:
    """Write a small workspace; keyword arguments replace or add files (None removes one)."""

    def write(**overrides: str | None) -> Path:
        files: dict[str, str | None] = {
            "stuurdata.yaml": CONFIG,
            "sources/personen.yaml": SOURCE,
            "models/staging/stg_personen.sql": STAGING,
            "models/marts/inwoners_per_buurt.sql": MART,
            "datasets/inwoners_per_buurt.yaml": DATASET,
            "grenzen/gemeenten.geojson": "{}",
            "grenzen/wijken.geojson": "{}",
            "grenzen/buurten.geojson": "{}",
        }
        for key, value in overrides.items():
            files[key.replace("__", "/").replace("_DOT_", ".")] = value
        for name, text in files.items():
            if text is None:
                continue
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return tmp_path

    return write
