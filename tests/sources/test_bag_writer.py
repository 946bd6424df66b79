# SPDX-License-Identifier: EUPL-1.2
"""write_bag_extract writes what the bag connector reads back, identically."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
import shapely
from lxml import etree

from stuurdata.sources.bag.connector import BagConnector
from stuurdata.sources.bag.objecttypes import OBJECT_TYPES
from stuurdata.sources.bag.writer import write_bag_extract
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
STAND = dt.date(2024, 1, 1)


@pytest.fixture(scope="module", autouse=True)
def _shared_data() -> None:
    assert DATA.is_dir(), f"testdata ontbreekt: {DATA} (zie /work/shared/data/SOURCES.md, sectie 4)"


def read(path: Path, **options: Any) -> ReadResult:
    source = Source(
        name="bag_test",
        title="BAG test",
        owner="test",
        classification="openbaar",
        connector="bag",
        path=str(path),
        options={"actual_only": False, **options},
    )
    return BagConnector().read(source, Path("/"))


def test_round_trip_of_the_real_doesburg_extract(tmp_path: Path) -> None:
    tables = {
        name: read(DATA / "0221PND15092020.zip" if name == "pand" else DATA, object=name).table
        for name in OBJECT_TYPES
    }
    written = write_bag_extract(
        tmp_path,
        "GM0221",
        dt.date(2020, 9, 15),
        {k: t.to_pylist() for k, t in tables.items()},
        outer_zip=True,
    )
    assert [p.name for p in written] == ["BAGGEM0221L-15092020.zip"]
    for name, table in tables.items():
        back = read(written[0], object=name)
        assert back.table.equals(table), name
    assert back.extra["parts"] == "1"
    with (
        zipfile.ZipFile(written[0]) as outer,
        outer.open("0221PND15092020.zip") as inner_file,
        zipfile.ZipFile(inner_file) as inner,
    ):
        assert inner.namelist() == ["0221PND15092020-000001.xml", "0221PND15092020-000002.xml"]


def _vbos(count: int) -> Iterator[dict[str, Any]]:
    for i in range(1, count + 1):
        yield {
            "identificatie": f"0999010000{i:06d}",
            "gebruiksdoel": ["woonfunctie", "kantoorfunctie"] if i % 2 else "woonfunctie",
            "oppervlakte": 50 + i,
            "hoofdadres": f"0999200000{i:06d}",
            "pand_ids": [f"0999100000{i:06d}"],
            "x": 150_000.5 + i,
            "y": 400_000.25,
            "begin_geldigheid": dt.date(2010, 1, 1),
        }


def test_synthetic_records_with_defaults(tmp_path: Path) -> None:
    wpl = shapely.MultiPolygon(
        [shapely.box(0, 300_000, 10, 300_010), shapely.box(20, 300_000, 30, 300_010)]
    )
    pand = shapely.Polygon(
        [(0, 0), (10, 0), (10, 10), (0, 10)], holes=[[(2, 2), (4, 2), (4, 4), (2, 4)]]
    )
    objects: dict[str, Any] = {
        "verblijfsobject": _vbos(5),  # a generator: consumed once
        "pand": [
            {"identificatie": "0999100000000001", "oorspronkelijk_bouwjaar": 1930, "geometry": pand}
        ],
        "openbareruimte": [
            {"identificatie": "0999300000000001", "naam": "Kerk & <Markt>", "woonplaats_id": "9001"}
        ],
        "woonplaats": [{"identificatie": "9001", "naam": "Zandwijk", "geometry": wpl.wkb}],
        "nummeraanduiding": [
            {
                "identificatie": "0999200000000001",
                "huisnummer": 12,
                "huisletter": "a",
                "huisnummertoevoeging": "bis",
                "postcode": "9999ZZ",
                "openbare_ruimte_id": "0999300000000001",
                "woonplaats_id": "9001",
                "eind_geldigheid": dt.date(2020, 1, 1),
                "eind_registratie": dt.datetime(2020, 1, 2, 10, 0, 0, 123000),
            }
        ],
        "ligplaats": [],
    }
    written = write_bag_extract(
        tmp_path, "0999", STAND, objects, part_size=2, gemeentenaam="Zandwijk"
    )
    assert sorted(p.name for p in written) == [
        "0999LIG01012024.zip",
        "0999NUM01012024.zip",
        "0999OPR01012024.zip",
        "0999PND01012024.zip",
        "0999VBO01012024.zip",
        "0999WPL01012024.zip",
        "Leveringsdocument-BAG-Extract.xml",
    ]
    vbo = read(tmp_path, object="verblijfsobject")
    assert vbo.extra["parts"] == "3"  # 5 objects, 2 per part
    rows = vbo.table.to_pylist()
    assert [r["gebruiksdoel"] for r in rows[:2]] == ["woonfunctie;kantoorfunctie", "woonfunctie"]
    assert rows[0]["pand_ids"] == "0999100000000001"
    assert (rows[0]["x"], rows[0]["y"]) == (150_001.5, 400_000.25)
    assert rows[0]["status"] == "Verblijfsobject in gebruik"
    assert rows[0]["tijdstip_registratie"] == dt.datetime(2010, 1, 1, 9)
    assert rows[0]["documentdatum"] == dt.date(2010, 1, 1)
    assert rows[0]["voorkomen_id"] == 1
    assert shapely.from_wkb(rows[0]["geometry"]).equals(shapely.Point(150_001.5, 400_000.25))

    back_pand = shapely.from_wkb(read(tmp_path, object="pand").table["geometry"][0].as_py())
    assert back_pand.equals(pand) and len(back_pand.interiors) == 1
    back_wpl = read(tmp_path, object="woonplaats").table.to_pylist()[0]
    assert back_wpl["naam"] == "Zandwijk" and shapely.from_wkb(back_wpl["geometry"]).equals(wpl)
    assert read(tmp_path, object="openbareruimte").table["naam"].to_pylist() == ["Kerk & <Markt>"]
    num = read(tmp_path, object="nummeraanduiding").table.to_pylist()[0]
    assert (num["huisletter"], num["huisnummertoevoeging"], num["woonplaats_id"]) == (
        "a",
        "bis",
        "9001",
    )
    assert num["eind_registratie"] == dt.datetime(2020, 1, 2, 10, 0, 0, 123000)
    assert num["tijdstip_eind_registratie_lv"] == num["eind_registratie"]
    assert read(tmp_path, object="nummeraanduiding", actual_only=True).table.num_rows == 0
    assert read(tmp_path, object="ligplaats").table.num_rows == 0

    document = etree.parse(str(tmp_path / "Leveringsdocument-BAG-Extract.xml")).getroot()
    texts = {etree.QName(e).localname: e.text for e in document.iter() if isinstance(e.tag, str)}
    assert texts["GemeenteIdentificatie"] == "0999"
    assert texts["GemeenteNaam"] == "Zandwijk"
    assert texts["StandTechnischeDatum"] == "2024-01-01"


def test_written_parts_look_like_kadaster_parts(tmp_path: Path) -> None:
    [vbo_zip, _] = write_bag_extract(tmp_path, "0999", STAND, {"verblijfsobject": _vbos(1)})
    with zipfile.ZipFile(vbo_zip) as archive:
        xml = archive.read("0999VBO01012024-000001.xml")
    ours = etree.fromstring(xml)
    real = etree.parse(str(DATA / "0221VBO15092020-000001.xml")).getroot()
    assert ours.tag == real.tag
    assert ours.nsmap == real.nsmap

    def paths(root: etree._Element) -> set[str]:
        """Every element as the path of its tags, e.g. {ns}bagStand/{ns}standBestand/..."""
        return {
            "/".join(str(a.tag) for a in reversed([e, *e.iterancestors()]))
            for e in root.iter()
            if isinstance(e.tag, str)
        }

    assert paths(ours) <= paths(real)
    assert len(paths(ours)) > 30


@pytest.mark.parametrize(
    ("gemeentecode", "objects", "message"),
    [
        ("221", {"pand": []}, "gemeentecode"),
        ("0999", {"kerk": []}, "onbekende BAG-objecttypen"),
        ("0999", {"pand": [{"oorspronkelijk_bouwjaar": 1900}]}, "zonder identificatie"),
        ("0999", {"pand": [{"identificatie": "0999100000000001"}]}, "geometry ontbreekt"),
    ],
)
def test_writer_refuses_bad_input(
    tmp_path: Path, gemeentecode: str, objects: Any, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        write_bag_extract(tmp_path, gemeentecode, STAND, objects)


def test_writer_streams_many_objects(tmp_path: Path) -> None:
    count = 12_000
    [vbo_zip, _] = write_bag_extract(tmp_path, "0999", STAND, {"verblijfsobject": _vbos(count)})
    result = read(vbo_zip, object="verblijfsobject")
    assert result.extra["parts"] == "2"  # 10,000 objects per part, like Kadaster
    table = result.table
    assert table.num_rows == count
    assert table["oppervlakte"].type == pa.int32()
    assert table["identificatie"][-1].as_py() == f"0999010000{count:06d}"


def test_verblijfsobject_with_polygon_gets_centroid(tmp_path: Path) -> None:
    vlak = shapely.box(150_000, 400_000, 150_010, 400_020)
    record = {
        "identificatie": "0999010000000001",
        "geometry": vlak,
        "hoofdadres": "0999200000000001",
    }
    write_bag_extract(tmp_path, "0999", STAND, {"verblijfsobject": [record]})
    row = read(tmp_path, object="verblijfsobject").table.to_pylist()[0]
    assert shapely.from_wkb(row["geometry"]).equals(vlak)
    assert (row["x"], row["y"]) == (150_005.0, 400_010.0)
