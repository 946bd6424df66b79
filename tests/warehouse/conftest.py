# SPDX-License-Identifier: EUPL-1.2
"""A small, complete workspace written by the tests themselves: one gemeente with two wijken of
two buurten each (squares near Hillegom, WGS84), two CSV sources, staging and marts models and a
dataset. ``persons`` scales the personen source, e.g. to make a build take a second or two."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pytest
import yaml

from stuurdata.warehouse.engine import EngineAdapter, VersionWriter, create_engine
from stuurdata.workspace import Workspace
from stuurdata.workspace.config import EngineConfig, SecretRef

GEMEENTE = "GM0534"
WIJKEN = {"WK053401": ["BU05340101", "BU05340102"], "WK053402": ["BU05340201", "BU05340202"]}
BUURTEN = [b for bs in WIJKEN.values() for b in bs]
BAD_WONINGEN = 2
"""Rows of woningen.csv that break a rule (on_error: reject_rows)."""

_LON, _LAT, _STEP = 4.55, 52.28, 0.01


def _square(col: int, row: int, width: int = 1, height: int = 1) -> dict[str, object]:
    x0, y0 = _LON + col * _STEP, _LAT + row * _STEP
    x1, y1 = x0 + width * _STEP, y0 + height * _STEP
    ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    return {"type": "Polygon", "coordinates": [ring]}


def _collection(features: list[tuple[dict[str, object], dict[str, object]]]) -> str:
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": props, "geometry": geom}
                for props, geom in features
            ],
        }
    )


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_boundaries(root: Path) -> None:
    gemeente = {"gemeentecode": GEMEENTE, "gemeentenaam": "Hillegom", "jaar": 2024}
    wijken, buurten = [], []
    for w, (wijk, codes) in enumerate(WIJKEN.items()):
        wijken.append(
            (
                {
                    "wijkcode": wijk,
                    "wijknaam": f"Wijk {w + 1}",
                    "gemeentecode": GEMEENTE,
                    "jaar": 2024,
                },
                _square(0, w, width=2),
            )
        )
        for b, buurt in enumerate(codes):
            props = {
                "buurtcode": buurt,
                "buurtnaam": f"Buurt {w + 1}.{b + 1}",
                "wijkcode": wijk,
                "gemeentecode": GEMEENTE,
                "jaar": 2024,
                "water": "NEE",
            }
            buurten.append((props, _square(b, w)))
    _write(
        root / "data/grenzen/gemeenten_2024.geojson", _collection([(gemeente, _square(0, 0, 2, 2))])
    )
    _write(root / "data/grenzen/wijken_2024.geojson", _collection(wijken))
    _write(root / "data/grenzen/buurten_2024.geojson", _collection(buurten))


def write_data(root: Path, persons: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    lines = ["persoon_id,buurtcode,geboortedatum,geslacht"]
    lines += [
        f"{i},{rng.choice(BUURTEN)},{rng.randint(1930, 2023)}-{rng.randint(1, 12):02d}-"
        f"{rng.randint(1, 28):02d},{rng.choice('MV')}"
        for i in range(1, persons + 1)
    ]
    _write(root / "data/personen.csv", "\n".join(lines) + "\n")
    woningen = ["woning_id,buurtcode,bouwjaar"]
    woningen += [f"{i},{BUURTEN[i % 4]},{1900 + i % 120}" for i in range(1, 41)]
    woningen += [f"{100 + i},{BUURTEN[0]},1200" for i in range(BAD_WONINGEN)]  # bouwjaar too old
    _write(root / "data/woningen.csv", "\n".join(woningen) + "\n")


def write_definitions(root: Path) -> None:
    config = {
        "name": "testregio",
        "boundary_year": 2024,
        "tenants": [{"code": GEMEENTE, "name": "Hillegom"}],
        "areas": {
            "gemeenten": "data/grenzen/gemeenten_2024.geojson",
            "wijken": "data/grenzen/wijken_2024.geojson",
            "buurten": "data/grenzen/buurten_2024.geojson",
        },
        "engine": {"kind": "duckdb", "keep_versions": 2, "threads": 2},
    }
    personen = {
        "name": "personen",
        "title": "Personen (synthetisch)",
        "owner": "team data",
        "classification": "intern",
        "connector": "csv",
        "path": "data/personen.csv",
        "key": ["persoon_id"],
        "columns": [
            {"name": "persoon_id", "type": "integer"},
            {"name": "buurtcode", "rules": {"buurtcode": True}},
            {"name": "geboortedatum", "type": "date"},
            {"name": "geslacht", "rules": {"one_of": ["M", "V"]}},
        ],
    }
    woningen = {
        "name": "woningen",
        "title": "Woningen (synthetisch)",
        "owner": "team data",
        "classification": "openbaar",
        "connector": "csv",
        "path": "data/woningen.csv",
        "on_error": "reject_rows",
        "columns": [
            {"name": "woning_id", "type": "integer"},
            {"name": "buurtcode", "rules": {"buurtcode": True}},
            {"name": "bouwjaar", "type": "integer", "rules": {"range": {"min": 1500, "max": 2030}}},
        ],
    }
    dataset = {
        "name": "bevolking_per_buurt",
        "title": "Bevolking per buurt",
        "description": "Aantal inwoners en woningen per buurt.",
        "owner": "team data",
        "classification": "openbaar",
        "model": "marts.bevolking_per_buurt",
    }
    _write(root / "stuurdata.yaml", yaml.safe_dump(config, sort_keys=False))
    _write(root / "sources/personen.yaml", yaml.safe_dump(personen, sort_keys=False))
    _write(root / "sources/woningen.yaml", yaml.safe_dump(woningen, sort_keys=False))
    _write(root / "datasets/bevolking_per_buurt.yaml", yaml.safe_dump(dataset, sort_keys=False))
    models = {
        "staging/stg_personen.sql": (
            "SELECT persoon_id, buurtcode, geslacht,\n"
            "       date_diff('year', geboortedatum, DATE '2024-01-01') AS leeftijd\n"
            "FROM raw.personen"
        ),
        "staging/stg_woningen.sql": "SELECT woning_id, buurtcode, bouwjaar FROM raw.woningen",
        "marts/woningen_per_buurt.sql": (
            "SELECT buurtcode, count(*) AS woningen FROM staging.stg_woningen GROUP BY buurtcode"
        ),
        "marts/bevolking_per_buurt.sql": (
            "WITH inwoners AS (\n"
            "  SELECT buurtcode, count(*) AS inwoners, avg(leeftijd) AS gemiddelde_leeftijd\n"
            "  FROM staging.stg_personen GROUP BY buurtcode\n"
            ")\n"
            "SELECT b.code AS buurtcode, b.name AS buurtnaam,\n"
            "       coalesce(i.inwoners, 0) AS inwoners, i.gemiddelde_leeftijd,\n"
            "       coalesce(w.woningen, 0) AS woningen\n"
            "FROM areas.buurten AS b\n"
            "LEFT JOIN inwoners AS i ON i.buurtcode = b.code\n"
            "LEFT JOIN marts.woningen_per_buurt AS w ON w.buurtcode = b.code"
        ),
    }
    for name, sql in models.items():
        _write(root / "models" / name, sql + "\n")


def make_workspace(root: Path, persons: int = 200) -> Path:
    """Write the test workspace into ``root`` and return it."""
    write_boundaries(root)
    write_data(root, persons)
    write_definitions(root)
    return root


@pytest.fixture
def workspace_root(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "ws")


@pytest.fixture
def workspace_factory() -> Callable[..., Path]:
    """``make_workspace(root, persons=...)`` for tests that need a bigger workspace."""
    return make_workspace


@pytest.fixture
def ws(workspace_root: Path) -> Workspace:
    return Workspace.load(workspace_root)


DSN_VARIABLE = "STUURDATA_TEST_WAREHOUSE_DSN"


def postgres_engine(
    request: pytest.FixtureRequest, root: Path, monkeypatch: pytest.MonkeyPatch
) -> EngineAdapter:
    """A PostgreSQL engine on a fresh database of the session's real server."""
    server = request.getfixturevalue("postgres")
    database = "wh_" + hashlib.sha1(request.node.nodeid.encode()).hexdigest()[:12]
    monkeypatch.setenv(DSN_VARIABLE, server.new_database(database))
    config = EngineConfig(kind="postgres", dsn=SecretRef(env=DSN_VARIABLE))
    return create_engine(config, root)


def record_arrow_loads(
    monkeypatch: pytest.MonkeyPatch, writer_class: type[VersionWriter]
) -> list[str]:
    """The ``schema.table`` names ``writer_class.load_arrow`` is called with from now on (the
    calls still load)."""
    loaded: list[str] = []
    load_arrow = writer_class.load_arrow

    def recording(writer: VersionWriter, schema: str, table: str, data: pa.Table) -> int:
        loaded.append(f"{schema}.{table}")
        return load_arrow(writer, schema, table, data)

    monkeypatch.setattr(writer_class, "load_arrow", recording)
    return loaded
