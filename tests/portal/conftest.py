# SPDX-License-Identifier: EUPL-1.2
"""A tiny workspace built by the real warehouse for the portal tests.

Two gemeenten in a region (squares near Hillegom, WGS84), one wijk each with two buurten, a
public and an internal source, and two datasets: ``woningen_per_buurt`` (openbaar) and
``geheime_telling`` (intern), which must never show in the portal.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from stuurdata.portal import create_app
from stuurdata.warehouse import build, open_current
from stuurdata.workspace import Workspace

PUBLIC_DATASET = "woningen_per_buurt"
HIDDEN_DATASET = "geheime_telling"
GEMEENTEN = {"GM9901": "Bollenwaard", "GM9902": "Duinhoven"}
WIJKEN = {"WK990101": "GM9901", "WK990201": "GM9902"}
BUURTEN = {
    "BU99010101": "WK990101",
    "BU99010102": "WK990101",
    "BU99020101": "WK990201",
    "BU99020102": "WK990201",
}
_LON, _LAT, _STEP = 4.55, 52.28, 0.01


def _square(col: int, row: int, width: int = 1) -> dict[str, object]:
    x0, y0 = _LON + col * _STEP, _LAT + row * _STEP
    x1, y1 = x0 + width * _STEP, y0 + _STEP
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _features(rows: list[tuple[dict[str, object], dict[str, object]]]) -> str:
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": p, "geometry": g} for p, g in rows],
        }
    )


def write_tiny_workspace(root: Path) -> Path:
    """Write the definitions and data of the tiny workspace into ``root``; no build."""
    gemeenten = [
        ({"gemeentecode": code, "gemeentenaam": name, "jaar": 2024}, _square(0, row, 2))
        for row, (code, name) in enumerate(GEMEENTEN.items())
    ]
    wijken = [
        (
            {"wijkcode": code, "wijknaam": f"Centrum {GEMEENTEN[gm]}", "gemeentecode": gm},
            _square(0, row, 2),
        )
        for row, (code, gm) in enumerate(WIJKEN.items())
    ]
    buurten = []
    for index, (code, wijk) in enumerate(BUURTEN.items()):
        props = {
            "buurtcode": code,
            "buurtnaam": f"Buurt {code[-4:]}",
            "wijkcode": wijk,
            "gemeentecode": WIJKEN[wijk],
            "water": "NEE",
        }
        buurten.append((props, _square(index % 2, index // 2)))
    _write(root / "data/grenzen/gemeenten.geojson", _features(gemeenten))
    _write(root / "data/grenzen/wijken.geojson", _features(wijken))
    _write(root / "data/grenzen/buurten.geojson", _features(buurten))
    codes = list(BUURTEN)
    woningen = ["woning_id,buurtcode,bouwjaar"]
    woningen += [f"{i},{codes[i % 4]},{1900 + i}" for i in range(1, 21)]
    _write(root / "data/woningen.csv", "\n".join(woningen) + "\n")
    meldingen = ["melding_id,buurtcode"] + [f"{i},{codes[i % 3]}" for i in range(1, 10)]
    _write(root / "data/meldingen.csv", "\n".join(meldingen) + "\n")

    config = {
        "name": "Testregio Bollenstreek",
        "description": "Een kleine werkruimte voor de portaaltests.",
        "synthetic": True,
        "boundary_year": 2024,
        "tenants": [{"code": code, "name": name} for code, name in GEMEENTEN.items()],
        "region": {
            "code": "RG99",
            "name": "Bollenstreek",
            "members": list(GEMEENTEN),
            "cost_key": {"GM9901": 1.0, "GM9902": 3.0},
        },
        "areas": {
            "gemeenten": "data/grenzen/gemeenten.geojson",
            "wijken": "data/grenzen/wijken.geojson",
            "buurten": "data/grenzen/buurten.geojson",
        },
        "engine": {"kind": "duckdb", "threads": 1},
    }
    source = {
        "owner": "team data",
        "connector": "csv",
        "columns": [],
    }
    woningen_source = source | {
        "name": "woningen",
        "title": "Woningen",
        "classification": "openbaar",
        "path": "data/woningen.csv",
        "columns": [
            {"name": "woning_id", "type": "integer"},
            {"name": "buurtcode", "rules": {"buurtcode": True}},
            {"name": "bouwjaar", "type": "integer"},
        ],
    }
    meldingen_source = source | {
        "name": "meldingen",
        "title": "Meldingen",
        "classification": "intern",
        "path": "data/meldingen.csv",
        "columns": [
            {"name": "melding_id", "type": "integer"},
            {"name": "buurtcode", "rules": {"buurtcode": True}},
        ],
    }
    datasets = {
        PUBLIC_DATASET: {
            "title": "Woningen per buurt",
            "description": "Aantal woningen per buurt uit de woningbron.",
            "classification": "openbaar",
            "model": f"marts.{PUBLIC_DATASET}",
        },
        HIDDEN_DATASET: {
            "title": "Geheime telling",
            "description": "Interne telling die niet in het portaal mag staan.",
            "classification": "intern",
            "model": f"marts.{HIDDEN_DATASET}",
        },
    }
    _write(root / "stuurdata.yaml", yaml.safe_dump(config, sort_keys=False))
    for definition in (woningen_source, meldingen_source):
        _write(root / f"sources/{definition['name']}.yaml", yaml.safe_dump(definition))
    for name, definition in datasets.items():
        body = {"name": name, "owner": "team data"} | definition
        _write(root / f"datasets/{name}.yaml", yaml.safe_dump(body, sort_keys=False))
    _write(
        root / f"models/marts/{PUBLIC_DATASET}.sql",
        "SELECT b.code AS buurtcode, count(w.woning_id) AS woningen\n"
        "FROM areas.buurten AS b LEFT JOIN raw.woningen AS w ON w.buurtcode = b.code\n"
        "GROUP BY b.code\n",
    )
    _write(
        root / f"models/marts/{HIDDEN_DATASET}.sql",
        "SELECT buurtcode, count(*) AS meldingen FROM raw.meldingen GROUP BY buurtcode\n",
    )
    return root


@pytest.fixture(scope="session")
def tiny_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny workspace, built once by the real warehouse."""
    root = write_tiny_workspace(tmp_path_factory.mktemp("portal") / "ws")
    build(Workspace.load(root))
    return root


@pytest.fixture(scope="session")
def client(tiny_workspace: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tiny_workspace)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def demo(demo_workspace: Path) -> Iterator[tuple[Workspace, TestClient]]:
    """The built demo region and a client of its portal."""
    ws = Workspace.load(demo_workspace)
    if open_current(demo_workspace, ws.config.engine.path) is None:
        build(ws)  # the session's demo warehouse is shared: build only once
    with TestClient(create_app(demo_workspace)) as test_client:
        yield ws, test_client


def published_rows(ws: Workspace, sql: str, params: list[object]) -> list[tuple[object, ...]]:
    """Rows of ``sql`` on the served version of ``ws``."""
    version = open_current(ws.root, ws.config.engine.path)
    assert version is not None
    with version.connect() as con:
        return con.execute(sql, params).fetchall()
