# SPDX-License-Identifier: EUPL-1.2
"""Bad BAG input is rejected with SourceError and precise Problems (file, line, element, rule)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest

from stuurdata.errors import Problem, SourceError
from stuurdata.sources.bag.connector import BagConnector
from stuurdata.sources.bag.writer import write_bag_extract
from stuurdata.workspace.config import Source

DATA = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "data"
    / "bag"
    / "doesburg_0221_lvc_2020-09-15"
)
NUM = DATA / "0221NUM15092020-000001.xml"
VBO = DATA / "0221VBO15092020-000001.xml"


@pytest.fixture(scope="module", autouse=True)
def _shared_data() -> None:
    assert NUM.is_file(), f"testdata ontbreekt: {DATA} (zie /work/shared/data/SOURCES.md, sectie 4)"


def problems(path: Path | str, **options: Any) -> list[Problem]:
    source = Source(
        name="bag_test",
        title="BAG test",
        owner="test",
        classification="openbaar",
        connector="bag",
        path=str(path),
        options=options,
    )
    with pytest.raises(SourceError) as info:
        BagConnector().read(source, Path("/"))
    assert "bag_test" in str(info.value)
    return list(info.value.problems)


def edited(tmp_path: Path, original: Path, old: str, new: str, count: int = 1) -> tuple[Path, int]:
    """A copy of ``original`` with ``old`` replaced; returns it and the line of the first edit."""
    text = original.read_text("utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    target = tmp_path / original.name
    target.write_text(text.replace(old, new, count), "utf-8")
    return target, line


def test_truncated_zip(tmp_path: Path) -> None:
    data = (DATA / "0221PND15092020.zip").read_bytes()
    broken = tmp_path / "0221PND15092020.zip"
    broken.write_bytes(data[: len(data) // 2])
    [problem] = problems(broken, object="pand")
    assert (problem.rule, problem.file) == ("zip", "0221PND15092020.zip")
    assert "beschadigd" in problem.message


def test_corrupt_member_in_zip(tmp_path: Path) -> None:
    """Central directory intact, compressed data damaged: found while streaming the part."""
    data = bytearray((DATA / "0221PND15092020.zip").read_bytes())
    for i in range(5_000, 5_200):
        data[i] ^= 0xFF
    broken = tmp_path / "0221PND15092020.zip"
    broken.write_bytes(bytes(data))
    found = problems(broken, object="pand", actual_only=False)
    assert found[0].rule in ("zip", "xml")
    assert found[0].file.startswith("0221PND15092020.zip!0221PND15092020-000001.xml")


def test_malformed_xml(tmp_path: Path) -> None:
    text = VBO.read_text("utf-8")
    cut = tmp_path / VBO.name
    cut.write_text(text[: len(text) // 2], "utf-8")
    [problem] = problems(cut, object="verblijfsobject")
    assert problem.rule == "xml"
    assert problem.file == VBO.name
    assert problem.row is not None and problem.row > 100


def test_other_object_type_than_asked() -> None:
    [problem] = problems(VBO, object="pand")
    assert problem.rule == "objecttype"
    assert (problem.column, problem.expected, problem.found) == (
        "Verblijfsobject",
        "Pand",
        "Verblijfsobject",
    )
    assert problem.row == 35  # line of the first <Objecten:Verblijfsobject>
    assert "verblijfsobject" in problem.message and "pand" in problem.message


def test_zip_of_other_object_type_finds_nothing() -> None:
    [problem] = problems(DATA / "0221PND15092020.zip", object="woonplaats")
    assert problem.rule == "objecttype"
    assert "0221PND15092020-000001.xml" in (problem.found or "")


def test_missing_identificatie(tmp_path: Path) -> None:
    old = '<Objecten:identificatie domein="NL.IMBAG.Nummeraanduiding">0221200000330151</Objecten:identificatie>'
    path, line = edited(tmp_path, NUM, old, "")
    [problem] = problems(path, object="nummeraanduiding")
    assert (problem.rule, problem.column, problem.row) == ("verplicht", "identificatie", line - 1)
    assert problem.file == NUM.name


def test_identificatie_not_16_digits(tmp_path: Path) -> None:
    path, line = edited(tmp_path, NUM, ">0221200000330151<", ">02212000003301<")
    [problem] = problems(path, object="nummeraanduiding")
    assert (problem.rule, problem.column, problem.found) == (
        "identificatie",
        "identificatie",
        "02212000003301",
    )
    assert problem.row == line - 1  # the line of <Objecten:Nummeraanduiding>
    assert "16 cijfers" in (problem.expected or "")


def test_bouwjaar_out_of_range(tmp_path: Path) -> None:
    pand = DATA / "0221PND15092020-000001.xml"
    text = pand.read_text("utf-8")
    first = text.index("<Objecten:oorspronkelijkBouwjaar>")
    old = text[first : text.index("</Objecten:oorspronkelijkBouwjaar>", first)]
    path, _ = edited(tmp_path, pand, old, "<Objecten:oorspronkelijkBouwjaar>3024")
    [problem] = problems(path, object="pand")
    assert (problem.rule, problem.column, problem.found) == (
        "bereik",
        "oorspronkelijkBouwjaar",
        "3024",
    )
    assert "9999" in (problem.expected or "")


def test_bad_values_are_all_reported(tmp_path: Path) -> None:
    text = NUM.read_text("utf-8")
    text = text.replace("<Objecten:huisnummer>2<", "<Objecten:huisnummer>twee<", 1)
    text = text.replace("<Objecten:postcode>6982CZ<", "<Objecten:postcode>0982 CZ<", 1)
    text = text.replace(
        "<Historie:beginGeldigheid>2009-01-20<", "<Historie:beginGeldigheid>20-01-2009<", 1
    )
    path = tmp_path / NUM.name
    path.write_text(text, "utf-8")
    found = {p.rule: p for p in problems(path, object="nummeraanduiding")}
    assert set(found) == {"geheel_getal", "postcode", "datum"}
    assert found["geheel_getal"].column == "huisnummer" and found["geheel_getal"].found == "twee"
    assert found["datum"].column == "beginGeldigheid" and found["datum"].expected == "JJJJ-MM-DD"
    assert all(p.row and p.file == NUM.name for p in found.values())


def test_bag_1_extract(tmp_path: Path) -> None:
    bag1 = tmp_path / "9999PND08102018-000001.xml"
    bag1.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xb:BAG-Extract-Deelbestand-LVC xmlns:xb="http://www.kadaster.nl/schemas/bag-verstrekkingen/'
        'extract-deelbestand-lvc/v20090901" xmlns:bag_LVC="http://www.kadaster.nl/schemas/imbag/lvc/v20090901">\n'
        "<xb:antwoord><xb:producten><bag_LVC:Pand><bag_LVC:identificatie>0221100000312938"
        "</bag_LVC:identificatie></bag_LVC:Pand></xb:producten></xb:antwoord>\n"
        "</xb:BAG-Extract-Deelbestand-LVC>\n",
        "utf-8",
    )
    [problem] = problems(bag1, object="pand")
    assert problem.rule == "bag_versie"
    assert "BAG 1.0" in problem.message and "BAG 2.0" in problem.message


def test_unknown_extract_version(tmp_path: Path) -> None:
    path, _ = edited(
        tmp_path, NUM, "extract-deelbestand-lvc/v20200601", "extract-deelbestand-lvc/v20990101", 2
    )
    [problem] = problems(path, object="nummeraanduiding")
    assert problem.rule == "bag_versie"
    assert (problem.found or "").endswith("v20990101")


def test_not_a_deelbestand() -> None:
    [problem] = problems(DATA / "Leveringsdocument-BAG-Extract.xml", object="pand")
    assert problem.rule == "bag_versie" and "BAG-Extract-Levering" in (problem.found or "")


@pytest.mark.parametrize(
    "options",
    [
        {"object": "kerk"},
        {},
        {"object": "pand", "actueel": True},
        {"object": "pand", "peildatum": "gisteren"},
    ],
)
def test_bad_options(options: dict[str, Any]) -> None:
    found = problems(DATA, **options)
    assert found and all(p.rule == "optie" and p.file == "bag_test" for p in found)


def test_missing_path(tmp_path: Path) -> None:
    [problem] = problems(tmp_path / "nergens", object="pand")
    assert problem.rule == "bestand"


def test_problem_in_nested_zip_names_the_inner_part(tmp_path: Path) -> None:
    panden = [
        {
            "identificatie": "0999100000000001",
            "oorspronkelijk_bouwjaar": 1930,
            "geometry": _square(),
        },
        {
            "identificatie": "0999100000000002",
            "oorspronkelijk_bouwjaar": 200,
            "geometry": _square(),
        },
    ]
    [outer] = write_bag_extract(
        tmp_path, "0999", dt.date(2024, 1, 1), {"pand": panden}, outer_zip=True
    )
    [problem] = problems(outer, object="pand")
    assert problem.file == "BAGGEM0999L-01012024.zip!0999PND01012024.zip!0999PND01012024-000001.xml"
    assert (problem.rule, problem.found) == ("bereik", "200")
    with zipfile.ZipFile(outer) as archive:
        assert sorted(archive.namelist()) == [
            "0999PND01012024.zip",
            "Leveringsdocument-BAG-Extract.xml",
        ]


def _square() -> bytes:
    import shapely

    return shapely.box(150_000, 400_000, 150_010, 400_010).wkb
