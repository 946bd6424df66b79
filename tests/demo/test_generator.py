# SPDX-License-Identifier: EUPL-1.2
"""The generated demo region: sizes, formats and encodings, BSNs, determinism, keys."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest

from stuurdata.demo import generate_demo
from stuurdata.demo.bsn import elfproef

GEMEENTEN = {"GM9901": 22_800, "GM9902": 23_200, "GM9903": 38_000}


def _rows(path: Path, encoding: str, delimiter: str) -> list[dict[str, str]]:
    text = path.read_bytes().decode(encoding)
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def _hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((root / "data").rglob("*"))
        if p.is_file()
    }


def test_persons_per_gemeente_within_five_percent(demo_workspace: Path) -> None:
    for code, target in GEMEENTEN.items():
        rows = _rows(demo_workspace / f"data/brp/{code}_personen.csv", "cp1252", ";")
        assert abs(len(rows) - target) / target < 0.05
        assert {r["gemeentecode"] for r in rows} == {code}
        households = _rows(demo_workspace / f"data/brp/{code}_huishoudens.csv", "cp1252", ";")
        assert sum(int(h["aantal_personen"]) for h in households) == len(rows)
        assert 2.0 < len(rows) / len(households) < 2.3


def test_brp_is_windows_1252_with_accented_names(demo_workspace: Path) -> None:
    data = (demo_workspace / "data/brp/GM9903_personen.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1252")
    assert "ë" in text and "é" in text
    assert text.startswith('"bsn";"voornamen"') and "\r\n" in text


def test_every_bsn_passes_the_elfproef_and_is_unique(demo_workspace: Path) -> None:
    data = demo_workspace / "data"
    residents: set[str] = set()
    for path in sorted((data / "brp").glob("*_personen.csv")):
        bsns = [r["bsn"] for r in _rows(path, "cp1252", ";")]
        assert len(set(bsns)) == len(bsns)
        assert not residents & set(bsns)
        residents |= set(bsns)
    others = [
        r["bsn"]
        for p in sorted((data / "brp").glob("*_verhuizingen.csv"))
        for r in _rows(p, "cp1252", ";")
    ]
    for kind in ("wmo", "jeugd"):
        for path in sorted((data / "sociaal").glob(f"*_{kind}.csv")):
            rows = _rows(path, "utf-8", ";")
            assert {r["bsn"] for r in rows} <= residents
            others += [r["bsn"] for r in rows]
    for path in sorted((data / "sociaal").glob("*_bijstand.xlsx")):
        sheet = openpyxl.load_workbook(path, read_only=True)["Uitkeringen"]
        values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert values and set(values) <= residents
    assert all(elfproef(b) for b in residents | set(others))


def test_file_formats_are_as_declared(demo_workspace: Path) -> None:
    data = demo_workspace / "data"
    woz = _rows(data / "woz/GM9901_woz.csv", "utf-8", ";")
    assert woz[0]["vastgestelde_waarde"].endswith(",00")
    assert woz[0]["waardepeildatum"] == "01-01-2024"
    raw_hr = (data / "hr/GM9901_vestigingen.csv").read_bytes()
    assert raw_hr.startswith(b"\xef\xbb\xbf")
    hr = _rows(data / "hr/GM9901_vestigingen.csv", "utf-8-sig", ",")
    assert all(len(r["vestigingsnummer"]) == 12 and len(r["kvk_nummer"]) == 8 for r in hr)
    contacts = _rows(data / "klantcontact/GM9902_klantcontact.csv", "utf-8", ",")
    assert {r["kanaal"] for r in contacts} == {
        "telefoon",
        "balie",
        "e-mail",
        "webformulier",
        "chat",
    }
    sensors = pq.read_table(data / "sensoren/GM9903_sensoren.parquet")
    assert set(sensors.column("grootheid").to_pylist()) == {"pm25", "no2", "passanten", "snelheid"}
    assert sensors.schema.field("tijdstip").type.tz == "UTC"
    budget = openpyxl.load_workbook(data / "begroting/GM9901_begroting.xlsx", read_only=True)
    header = next(budget["Begroting"].iter_rows(max_row=1, values_only=True))
    assert header[:4] == ("Jaar", "Gemeentecode", "Gemeente", "Taakveld")
    bag = sorted(p.name for p in (data / "bag/GM9901").iterdir())
    assert "9901VBO01012025.zip" in bag and "Leveringsdocument-BAG-Extract.xml" in bag


def test_boundaries_and_readme_say_synthetic(demo_workspace: Path) -> None:
    data = demo_workspace / "data"
    assert "synthetisch" in (data / "README.md").read_text(encoding="utf-8").lower()
    buurten = json.loads((data / "gebieden/buurten.geojson").read_text(encoding="utf-8"))
    assert len(buurten["features"]) == 65
    assert all(f["properties"]["synthetisch"] is True for f in buurten["features"])


def test_demo_keys_are_written_once(demo_workspace: Path) -> None:
    keys = sorted((demo_workspace / ".stuurdata/secrets").glob("*.key"))
    assert [k.name for k in keys] == ["bevolkingsstatistiek.key", "monitor-sociaal-domein.key"]
    assert all(k.stat().st_mode & 0o077 == 0 for k in keys)
    assert all(len(k.read_text(encoding="ascii").strip()) == 64 for k in keys)


def test_same_seed_gives_identical_files_small_scale(tmp_path: Path) -> None:
    a = generate_demo(tmp_path / "a", seed=7, persons=3_000)
    b = generate_demo(tmp_path / "b", seed=7, persons=3_000)
    generate_demo(tmp_path / "c", seed=8, persons=3_000, bag=False)
    assert a.persons == 3_000 and a.template_installed
    assert _hashes(tmp_path / "a") == _hashes(tmp_path / "b")
    assert (
        _hashes(tmp_path / "a")["data/brp/GM9901_personen.csv"]
        != _hashes(tmp_path / "c")["data/brp/GM9901_personen.csv"]
    )
    assert not (tmp_path / "c/data/bag").exists()
    assert b.rows == a.rows


def test_regenerating_keeps_the_keys(tmp_path: Path) -> None:
    generate_demo(tmp_path, seed=1, persons=1_000, bag=False)
    key = (tmp_path / ".stuurdata/secrets/monitor-sociaal-domein.key").read_bytes()
    summary = generate_demo(tmp_path, seed=1, persons=1_000, bag=False)
    assert not summary.template_installed
    assert (tmp_path / ".stuurdata/secrets/monitor-sociaal-domein.key").read_bytes() == key


@pytest.mark.slow
def test_same_seed_gives_identical_files_demo_region(demo_workspace: Path, tmp_path: Path) -> None:
    generate_demo(tmp_path, seed=42)
    assert _hashes(tmp_path) == _hashes(demo_workspace)
