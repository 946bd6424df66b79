# SPDX-License-Identifier: EUPL-1.2
"""The bag connector on the real BAG 2.0 extract of gemeente Doesburg (0221, 2020-09-15)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pluggy
import pyarrow as pa
import pytest
import shapely

from stuurdata.sources import bag, hookspecs
from stuurdata.sources.bag.connector import BagConnector
from stuurdata.sources.connector import ReadResult
from stuurdata.workspace.config import Source

DATA = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "data"
    / "bag"
    / "doesburg_0221_lvc_2020-09-15"
)
PND_ZIP = DATA / "0221PND15092020.zip"
STAND = dt.date(2020, 9, 15)


@pytest.fixture(scope="module", autouse=True)
def _shared_data() -> None:
    assert PND_ZIP.is_file(), (
        f"testdata ontbreekt: {DATA} (zie /work/shared/data/SOURCES.md, sectie 4)"
    )


def read(path: Path | str, **options: Any) -> ReadResult:
    source = Source(
        name="bag_test",
        title="BAG test",
        owner="test",
        classification="openbaar",
        connector="bag",
        path=str(path),
        options=options,
    )
    return BagConnector().read(source, Path("/"))


@pytest.fixture(scope="module")
def panden_historie() -> ReadResult:
    return read(PND_ZIP, object="pand", actual_only=False)


@pytest.fixture(scope="module")
def panden() -> ReadResult:
    return read(PND_ZIP, object="pand", peildatum=STAND.isoformat())


def test_registered_as_plugin() -> None:
    pm = pluggy.PluginManager("stuurdata")
    pm.add_hookspecs(hookspecs)
    pm.register(bag)
    assert pm.hook.stuurdata_connectors() == [[BagConnector]]
    assert BagConnector.name == "bag"


def test_plugin_manager_knows_bag() -> None:
    from stuurdata.sources.plugins import get_connector

    assert isinstance(get_connector("bag"), BagConnector)


def test_pand_zip_full_history(panden_historie: ReadResult) -> None:
    table = panden_historie.table
    assert table.num_rows == 13_098
    assert panden_historie.extra["records_read"] == "13098"
    assert panden_historie.extra["parts"] == "2"
    assert panden_historie.files == (PND_ZIP,)
    assert table.column_names[:2] == ["identificatie", "oorspronkelijk_bouwjaar"]
    assert table.schema.field("geometry").metadata == {b"encoding": b"WKB", b"crs": b"EPSG:28992"}
    assert table.schema.field("begin_geldigheid").type == pa.date32()
    assert table.schema.field("tijdstip_registratie").type == pa.timestamp("ms")
    ended = table.filter(table["eind_registratie"].is_valid())
    assert ended.num_rows == 3_768 + 1_533


def test_pand_current_only(panden: ReadResult, panden_historie: ReadResult) -> None:
    table = panden.table
    assert table.num_rows == 7_797
    assert panden.extra["records_kept"] == "7797"
    assert panden.extra["records_history"] == str(13_098 - 7_797)
    ids = table["identificatie"].to_pylist()
    assert len(set(ids)) == len(ids), "one current voorkomen per pand"
    assert set(ids) == set(panden_historie.table["identificatie"].to_pylist())
    assert table["eind_registratie"].null_count == table.num_rows
    # default peildatum (today) gives the same set: no voorkomen of 2020 ends in the future
    assert read(PND_ZIP, object="pand").table.num_rows == 7_797


def test_pand_spot_values(panden: ReadResult) -> None:
    rows = panden.table.filter(
        pa.compute.equal(panden.table["identificatie"], "0221100000311482")
    ).to_pylist()
    assert len(rows) == 1
    pand = rows[0]
    assert pand["oorspronkelijk_bouwjaar"] == 1984
    assert pand["status"] == "Pand in gebruik"
    assert pand["documentdatum"] == dt.date(2000, 6, 14)
    assert pand["begin_geldigheid"] == dt.date(2000, 6, 14)
    assert pand["tijdstip_registratie_lv"] == dt.datetime(2010, 12, 15, 11, 31, 34, 648000)
    assert pand["geconstateerd"] is False
    bouwjaren = panden.table["oorspronkelijk_bouwjaar"].to_pylist()
    assert min(bouwjaren) >= 1000 and 9999 in bouwjaren  # 9999: bouwjaar onbekend


def test_pand_geometry_valid_in_rd(panden_historie: ReadResult) -> None:
    geoms = shapely.from_wkb(panden_historie.table["geometry"].to_numpy(zero_copy_only=False))
    assert shapely.is_valid(geoms).all()
    assert set(shapely.get_type_id(geoms)) == {3}  # Polygon
    assert not shapely.has_z(geoms).any()
    minx, miny, maxx, maxy = shapely.total_bounds(geoms)
    assert 204_000 < minx < maxx < 210_000  # Doesburg in RD New
    assert 444_000 < miny < maxy < 451_000
    assert (
        sum(
            len(shapely.get_interior_ring(g, 0).coords) > 0
            for g in geoms
            if shapely.get_num_interior_rings(g)
        )
        > 0
    )


def test_zipped_and_unzipped_give_same_table(panden_historie: ReadResult, tmp_path: Path) -> None:
    with zipfile.ZipFile(PND_ZIP) as archive:
        archive.extractall(tmp_path)
    unzipped = read(tmp_path, object="pand", actual_only=False)
    assert unzipped.table.equals(panden_historie.table)
    glob = read(tmp_path / "0221PND*-00000[12].xml", object="pand", actual_only=False)
    assert glob.table.equals(panden_historie.table)
    assert glob.row_numbers is None  # two parts: line numbers are per part


def test_verblijfsobject() -> None:
    result = read(DATA, object="verblijfsobject", actual_only=False)
    table = result.table
    assert table.num_rows == 5
    assert read(DATA, object="verblijfsobject", peildatum="2020-09-15").table.num_rows == 2
    vbo = {r["identificatie"]: r for r in table.to_pylist() if r["eind_registratie"] is None}
    one = vbo["0221010000330999"]
    assert one["gebruiksdoel"] == "overige gebruiksfunctie"
    assert one["oppervlakte"] == 18
    assert one["hoofdadres"] == "0221200000330229"
    assert one["nevenadressen"] == "0221200000330998;0221200000330999"
    assert one["pand_ids"] == "0221100000311191"
    assert (one["x"], one["y"]) == (206289.487, 447359.374)
    point = shapely.from_wkb(one["geometry"])
    assert (point.geom_type, point.x, point.y) == ("Point", 206289.487, 447359.374)
    assert result.row_numbers is not None and len(result.row_numbers) == 5  # XML line per row
    assert result.row_numbers[0].as_py() > 1


def test_nummeraanduiding() -> None:
    table = read(DATA, object="nummeraanduiding", actual_only=False).table
    assert table.num_rows == 15
    assert table["postcode"].null_count == 4
    first = table.slice(0, 1).to_pylist()[0]
    assert first["identificatie"] == "0221200000330151"
    assert (first["huisnummer"], first["postcode"]) == (2, "6982CZ")
    assert first["type_adresseerbaar_object"] == "Ligplaats"
    assert first["openbare_ruimte_id"] == "0221300000311239"
    assert table["woonplaats_id"].drop_null().to_pylist() == ["1050"]
    assert table["huisletter"].null_count == 5


def test_openbareruimte_and_woonplaats() -> None:
    opr = read(DATA, object="openbareruimte", actual_only=False).table
    assert opr.num_rows == 201
    first = opr.slice(0, 1).to_pylist()[0]
    assert (first["naam"], first["type"], first["woonplaats_id"]) == ("Rietmaat", "Weg", "2142")
    assert "Sbn Doormansingel" in opr["verkorte_naam"].to_pylist()
    wpl = read(DATA, object="woonplaats").table
    assert wpl.num_rows == 1
    row = wpl.to_pylist()[0]
    assert (row["identificatie"], row["naam"]) == ("2142", "Doesburg")
    area = shapely.from_wkb(row["geometry"])
    assert area.is_valid and 10_000_000 < area.area < 20_000_000  # Doesburg is about 13 km2


@pytest.mark.parametrize("name", ["ligplaats", "standplaats"])
def test_ligplaats_standplaats(name: str) -> None:
    table = read(DATA, object=name).table
    assert table.num_rows == 2
    for row in table.to_pylist():
        polygon = shapely.from_wkb(row["geometry"])
        assert polygon.is_valid and polygon.geom_type == "Polygon"
        assert polygon.contains(shapely.Point(row["x"], row["y"]))
        assert row["hoofdadres"].startswith("02212")


def test_folder_with_zip_and_loose_part_is_refused() -> None:
    """The sample folder holds both the PND zip and a trimmed copy of its first part."""
    from stuurdata.errors import SourceError

    with pytest.raises(SourceError) as info:
        read(DATA, object="pand")
    assert [p.rule for p in info.value.problems] == ["dubbel_deel"]
    assert "0221PND15092020-000001.xml" in info.value.problems[0].message
