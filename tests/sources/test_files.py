# SPDX-License-Identifier: EUPL-1.2
"""The file connectors on real file formats the tests write, and on the shared CBS files."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pyogrio
import pytest
import shapely

from stuurdata.errors import SourceError
from stuurdata.sources.files import CsvConnector, stuurdata_connectors
from stuurdata.sources.files.delimited import sniff_delimiter
from stuurdata.sources.files.paths import FILE_OFFSETS
from stuurdata.sources.plugins import get_connector
from stuurdata.workspace.config import Source

Make = Callable[..., Source]


def test_plugin_provides_the_file_connectors() -> None:
    names = {cls.name for cls in stuurdata_connectors()}
    assert names == {"csv", "xlsx", "parquet", "geojson", "geopackage"}
    assert isinstance(get_connector("csv"), CsvConnector)


@pytest.mark.parametrize(
    ("header", "expected"),
    [("a;b;c", ";"), ("a,b,c", ","), ("a\tb", "\t"), ('"x;y",b,c', ","), ("alleen", ",")],
)
def test_sniff_delimiter(header: str, expected: str) -> None:
    assert sniff_delimiter(header) == expected


def test_csv_cp1252_with_decimal_comma(tmp_path: Path, make_source: Make) -> None:
    text = "Naam;Bedrag\nCafé;€ 1\nRené;12,50\n"
    (tmp_path / "data.csv").write_bytes(text.encode("cp1252"))
    read = get_connector("csv").read(make_source(), tmp_path)
    assert read.table.column_names == ["Naam", "Bedrag"]
    assert read.table.column("Naam").to_pylist() == ["Café", "René"]
    assert read.table.column("Bedrag").to_pylist() == ["€ 1", "12,50"]
    assert read.extra["encoding"] == "cp1252"
    assert read.files == (tmp_path / "data.csv",)


def test_csv_utf8_late_non_ascii_falls_back_to_cp1252(tmp_path: Path, make_source: Make) -> None:
    # The first MiB is plain ASCII, the Windows-1252 'é' comes later.
    rows = "".join(f"{i};x\n" for i in range(200_000))
    (tmp_path / "data.csv").write_bytes(("a;b\n" + rows + "1;é\n").encode("cp1252"))
    read = get_connector("csv").read(make_source(), tmp_path)
    assert read.table.column("b").to_pylist()[-1] == "é"


def test_csv_utf8_bom_and_strings_kept_as_text(tmp_path: Path, make_source: Make) -> None:
    (tmp_path / "data.csv").write_bytes("\ufeffcode,aantal\n0012,007\n".encode())
    source = make_source(columns=[{"name": "code"}, {"name": "aantal", "type": "integer"}])
    read = get_connector("csv").read(source, tmp_path)
    assert read.table.column_names == ["code", "aantal"]
    assert read.table.column("code").to_pylist() == ["0012"]
    assert read.table.column("aantal").to_pylist() == ["007"]
    assert read.extra == {"encoding": "utf-8", "delimiter": ","}


def test_csv_quoted_delimiters_and_declared_delimiter(tmp_path: Path, make_source: Make) -> None:
    (tmp_path / "data.csv").write_text('a|b\n"x|y"|"he said ""hi"""\n', encoding="utf-8")
    read = get_connector("csv").read(make_source(options={"delimiter": "|"}), tmp_path)
    assert read.table.to_pylist() == [{"a": "x|y", "b": 'he said "hi"'}]


def test_csv_allow_empty(tmp_path: Path, make_source: Make) -> None:
    (tmp_path / "data.csv").write_text("a;b\n", encoding="utf-8")
    read = get_connector("csv").read(make_source(options={"allow_empty": True}), tmp_path)
    assert read.table.num_rows == 0
    assert read.table.column_names == ["a", "b"]


def test_csv_glob_combines_files_with_offsets(tmp_path: Path, make_source: Make) -> None:
    folder = tmp_path / "leveringen"
    folder.mkdir()
    (folder / "2023.csv").write_text("a;b\n1;2\n3;4\n", encoding="utf-8")
    (folder / "2024.csv").write_text("a;b\n5;6\n", encoding="utf-8")
    read = get_connector("csv").read(make_source(path="leveringen/*.csv"), tmp_path)
    assert read.table.column("a").to_pylist() == [1, 3, 5]
    assert read.row_numbers is not None
    assert read.row_numbers.to_pylist() == [1, 2, 1]
    assert read.extra[FILE_OFFSETS] == "0,2"
    assert [f.name for f in read.files] == ["2023.csv", "2024.csv"]


def test_csv_files_with_different_columns_are_refused(tmp_path: Path, make_source: Make) -> None:
    (tmp_path / "a.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("a;c\n1;2\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        get_connector("csv").read(make_source(path="*.csv"), tmp_path)
    assert caught.value.problems[0].rule == "columns_differ"
    assert caught.value.problems[0].file == "b.csv"


def test_csv_without_declared_columns_infers_types(tmp_path: Path, make_source: Make) -> None:
    (tmp_path / "data.csv").write_text("x;y\n1;2,5\n", encoding="utf-8")
    read = get_connector("csv").read(make_source(options={"decimal": ","}), tmp_path)
    assert read.table.schema.field("x").type == pa.int64()
    assert read.table.column("y").to_pylist() == [2.5]


def test_xlsx_cells_become_text(tmp_path: Path, make_source: Make) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "Voorblad"
    first.append(["niets"])
    sheet = workbook.create_sheet("Cliënten")
    sheet.append(["Code", "Aantal", "Datum", "Bedrag", "Actief", None])
    sheet.append(["BU04020101", 12, dt.datetime(2024, 3, 1), 12.5, True])
    sheet.append([None, None, None, None, None])
    sheet.append(["BU04020102", 3.0, dt.date(2024, 1, 31), 1, False])
    workbook.save(tmp_path / "data.xlsx")
    source = make_source(connector="xlsx", path="data.xlsx", options={"sheet": "Cliënten"})
    read = get_connector("xlsx").read(source, tmp_path)
    assert read.table.column_names == ["Code", "Aantal", "Datum", "Bedrag", "Actief"]
    assert read.table.to_pylist() == [
        {
            "Code": "BU04020101",
            "Aantal": "12",
            "Datum": "2024-03-01",
            "Bedrag": "12.5",
            "Actief": "true",
        },
        {
            "Code": "BU04020102",
            "Aantal": "3",
            "Datum": "2024-01-31",
            "Bedrag": "1",
            "Actief": "false",
        },
    ]
    assert read.row_numbers is not None
    assert read.row_numbers.to_pylist() == [1, 3]


def test_parquet_keeps_types(tmp_path: Path, make_source: Make) -> None:
    table = pa.table({"code": ["GM0402"], "inwoners": pa.array([94435], pa.int32())})
    pq.write_table(table, tmp_path / "data.parquet")
    read = get_connector("parquet").read(
        make_source(connector="parquet", path="data.parquet"), tmp_path
    )
    assert read.table.equals(table)


def _points() -> pa.Table:
    return pa.table(
        {
            "buurtcode": ["BU04020101", "BU04020102"],
            "geometry": shapely.to_wkb(shapely.points([[5.17, 52.22], [5.18, 52.23]])),
        }
    )


def test_geopackage_geometry_as_wkb(tmp_path: Path, make_source: Make) -> None:
    pyogrio.write_arrow(
        _points().rename_columns(["buurtcode", "geom"]),
        tmp_path / "data.gpkg",
        layer="buurten",
        driver="GPKG",
        geometry_name="geom",
        geometry_type="Point",
        crs="EPSG:4326",
    )
    source = make_source(connector="geopackage", path="data.gpkg", options={"layer": "buurten"})
    read = get_connector("geopackage").read(source, tmp_path)
    assert read.table.column_names == ["buurtcode", "geometry"]
    assert read.table.schema.field("geometry").type == pa.binary()
    assert read.table.schema.field("geometry").metadata is None
    point = shapely.from_wkb(read.table.column("geometry").to_pylist()[1])
    assert (point.x, point.y) == (5.18, 52.23)
    assert read.extra["crs"] == "EPSG:4326"


def test_geojson_feature_collection(tmp_path: Path, make_source: Make) -> None:
    document = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"wijkcode": "WK040201", "inwoners": 10225},
                "geometry": {"type": "Point", "coordinates": [5.17, 52.22]},
            },
        ],
    }
    (tmp_path / "data.geojson").write_text(json.dumps(document), encoding="utf-8")
    source = make_source(connector="geojson", path="data.geojson")
    read = get_connector("geojson").read(source, tmp_path)
    assert read.table.column_names == ["wijkcode", "inwoners", "geometry"]
    assert shapely.from_wkb(read.table.column("geometry")[0].as_py()).x == 5.17


def test_shared_woz_per_pc4(shared_data: Path, make_source: Make) -> None:
    source = make_source(path=str(shared_data / "statline" / "woz_per_pc4.csv"))
    read = get_connector("csv").read(source, shared_data)
    assert read.table.column_names == ["pc4", "WOZ"]  # BOM stripped
    assert read.table.num_rows == 4030
    assert read.extra == {"encoding": "utf-8", "delimiter": ","}
    assert read.table.column("pc4")[0].as_py() == 1011


def test_shared_kerncijfers(shared_data: Path, make_source: Make) -> None:
    path = shared_data / "kerncijfers" / "kwb_2024_85984NED_4gm_gemeenten_wijken.csv"
    source = make_source(path=str(path), columns=[{"name": "code"}])
    read = get_connector("csv").read(source, shared_data)
    assert read.table.num_rows == 33
    assert read.table.num_columns == 9
    assert "GM0402" in read.table.column("code").to_pylist()


def test_shared_boundaries_geojson(shared_data: Path, make_source: Make) -> None:
    source = make_source(connector="geojson", path="boundaries/subsets/wijken_2024_GM0534.geojson")
    read = get_connector("geojson").read(source, shared_data)
    assert read.table.num_rows == 5
    assert "wijkcode" in read.table.column_names
    assert read.table.schema.field("geometry").type == pa.binary()
