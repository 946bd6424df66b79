# SPDX-License-Identifier: EUPL-1.2
"""A corpus of malformed inputs: each is rejected whole, with the precise rule, column and row.

Every case also checks that the error is Dutch, shows no BSN and that nothing was written.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from stuurdata.errors import SourceError
from stuurdata.sources.ingest import ingest_source
from stuurdata.sources.validate import RuleContext
from stuurdata.workspace.config import Purpose, Source
from tests.sources.conftest import valid_bsns

BSNS = valid_bsns(5, start=123_400_000)
HEADER = [
    "bsn",
    "naam",
    "buurtcode",
    "postcode",
    "geboortedatum",
    "bedrag",
    "aantal",
    "actief",
    "soort",
    "code",
    "id",
]


def good_rows() -> list[dict[str, str]]:
    return [
        {
            "bsn": BSNS[i],
            "naam": name,
            "buurtcode": "BU04020101",
            "postcode": "1211 AB",
            "geboortedatum": "01-02-1980",
            "bedrag": "12,50",
            "aantal": str(i + 1),
            "actief": "ja",
            "soort": "A",
            "code": "AB12",
            "id": str(i + 1),
        }
        for i, name in enumerate(["José", "Piet", "Anneke"])
    ]


COLUMNS: list[dict[str, Any]] = [
    {"name": "bsn", "pseudonymise": True, "rules": {"elfproef": True}},
    {"name": "naam"},
    {"name": "buurtcode", "rules": {"buurtcode": True}},
    {"name": "postcode", "rules": {"postcode": True}},
    {
        "name": "geboortedatum",
        "type": "date",
        "format": "%d-%m-%Y",
        "rules": {"date_range": {"min": "1900-01-01", "max": "today"}},
    },
    {"name": "bedrag", "type": "decimal"},
    {"name": "aantal", "type": "integer", "rules": {"range": {"min": 0, "max": 100}}},
    {"name": "actief", "type": "boolean"},
    {"name": "soort", "rules": {"one_of": ["A", "B", "C"]}},
    {"name": "code", "rules": {"pattern": "[A-Z]{2}[0-9]{2}"}},
    {"name": "id", "type": "integer", "rules": {"unique": True}},
]


def csv_bytes(
    rows: list[dict[str, str]],
    header: list[str] = HEADER,
    delimiter: str = ";",
    encoding: str = "utf-8",
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(h, "") for h in header])
    return out.getvalue().encode(encoding)


def with_change(**changes: str) -> bytes:
    """Good rows with row 2 changed."""
    rows = good_rows()
    rows[1].update(changes)
    return csv_bytes(rows)


def xlsx_bytes(rows: list[dict[str, str]], sheet: str = "Blad1") -> bytes:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    ws.append(HEADER)
    for row in rows:
        ws.append([row[h] for h in HEADER])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def parquet_bytes(table: pa.Table) -> bytes:
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()


def rows_table(rows: list[dict[str, str]]) -> pa.Table:
    return pa.table({h: [r[h] for r in rows] for h in HEADER})


def gpkg_writer(path: Path) -> None:
    import pyogrio
    import shapely

    table = pa.table(
        {"code": ["BU04020101"], "geometry": shapely.to_wkb(shapely.points([[140000.0, 470000.0]]))}
    )
    pyogrio.write_arrow(
        table,
        path,
        layer="buurten",
        driver="GPKG",
        geometry_name="geometry",
        geometry_type="Point",
        crs="EPSG:28992",
    )


@dataclass(frozen=True)
class Case:
    id: str
    content: bytes | Callable[[Path], None] | None
    rule: str
    column: str | None = None
    row: int | None = None
    filename: str = "data.csv"
    source: dict[str, Any] = field(default_factory=dict)


PERSONAL: dict[str, Any] = {
    "classification": "persoonsgegevens",
    "purpose": "wmo",
    "options": {"delimiter": ";", "decimal": ","},
}
_cp1252 = csv_bytes(good_rows(), encoding="cp1252")
_row2 = with_change().split(b"\n")
_header_only = csv_bytes([])
_zip = xlsx_bytes(good_rows())
_parquet = parquet_bytes(rows_table(good_rows()))
_other_delimiter = csv_bytes(good_rows(), delimiter=",")

CASES = [
    Case(
        "wrong_encoding_forced_utf8",
        _cp1252,
        "encoding",
        row=1,
        source={"options": {"delimiter": ";", "decimal": ",", "encoding": "utf-8"}},
    ),
    Case(
        "unsupported_encoding_option",
        with_change(),
        "encoding",
        source={"options": {"encoding": "ebcdic"}},
    ),
    Case("wrong_delimiter_declared", _other_delimiter, "delimiter", None, 0),
    Case("wrong_delimiter_in_file", with_change().replace(b";", b"|"), "delimiter", None, 0),
    Case("missing_column", csv_bytes(good_rows(), header=HEADER[:-1]), "missing_column", "id", 0),
    Case(
        "extra_column",
        csv_bytes(good_rows(), header=[*HEADER, "extra"]),
        "extra_column",
        "extra",
        0,
    ),
    Case(
        "duplicate_header",
        csv_bytes(good_rows(), header=[*HEADER, "naam"]),
        "duplicate_column",
        "naam",
        0,
    ),
    Case("integer_not_a_number", with_change(aantal="twaalf"), "type", "aantal", 2),
    Case("integer_with_decimals", with_change(aantal="1,5"), "type", "aantal", 2),
    Case("date_impossible", with_change(geboortedatum="31-02-1980"), "type", "geboortedatum", 2),
    Case("date_wrong_format", with_change(geboortedatum="1980-02-01x"), "type", "geboortedatum", 2),
    Case("decimal_thousands_separator", with_change(bedrag="1.234,50"), "type", "bedrag", 2),
    Case("boolean_unknown", with_change(actief="misschien"), "type", "actief", 2),
    Case("bsn_elfproef", with_change(bsn="123456789"), "elfproef", "bsn", 2),
    Case("bsn_too_short", with_change(bsn="12345678"), "elfproef", "bsn", 2),
    Case("bsn_all_zeros", with_change(bsn="000000000"), "elfproef", "bsn", 2),
    Case("bsn_letters", with_change(bsn="12345678A"), "elfproef", "bsn", 2),
    Case("buurtcode_unknown", with_change(buurtcode="BU99999999"), "buurtcode", "buurtcode", 2),
    Case("postcode_leading_zero", with_change(postcode="0123AB"), "postcode", "postcode", 2),
    Case("postcode_sa", with_change(postcode="1234 SA"), "postcode", "postcode", 2),
    Case(
        "date_in_future", with_change(geboortedatum="01-01-2999"), "date_range", "geboortedatum", 2
    ),
    Case(
        "date_before_min", with_change(geboortedatum="01-01-1850"), "date_range", "geboortedatum", 2
    ),
    Case("duplicate_key", with_change(bsn=BSNS[0]), "key", "bsn", 2, source={"key": ["bsn"]}),
    Case(
        "duplicate_composite_key",
        with_change(bsn=BSNS[0], soort="A"),
        "key",
        "bsn, soort",
        2,
        source={"key": ["bsn", "soort"]},
    ),
    Case("duplicate_unique", with_change(id="1"), "unique", "id", 2),
    Case("not_one_of", with_change(soort="Z"), "one_of", "soort", 2),
    Case("pattern_mismatch", with_change(code="abc"), "pattern", "code", 2),
    Case("required_empty", with_change(naam=""), "required", "naam", 2),
    Case("required_blank", with_change(naam="   "), "required", "naam", 2),
    Case("range_too_high", with_change(aantal="500"), "range", "aantal", 2),
    Case(
        "ragged_row",
        b"\n".join([*_row2[:2], _row2[2] + b";extra", *_row2[3:]]),
        "ragged_row",
        None,
        2,
    ),
    Case(
        "unterminated_quote",
        b"\n".join([*_row2[:2], b'"' + _row2[2], *_row2[3:]]),
        "unterminated_quote",
        None,
        2,
    ),
    Case("nul_byte", with_change().replace(b"Piet", b"Pi\x00t"), "binary", None, 2),
    Case("binary_file", _zip, "binary", row=0),
    Case("empty_file", b"", "empty_file"),
    Case("bom_only", b"\xef\xbb\xbf", "empty_file"),
    Case("header_only", _header_only, "no_rows", None, 0),
    Case(
        "xlsx_truncated",
        _zip[: len(_zip) // 2],
        "corrupt_file",
        filename="data.xlsx",
        source={"connector": "xlsx", "path": "data.xlsx"},
    ),
    Case(
        "xlsx_missing_sheet",
        _zip,
        "sheet",
        filename="data.xlsx",
        source={"connector": "xlsx", "path": "data.xlsx", "options": {"sheet": "Personen"}},
    ),
    Case(
        "xlsx_bad_bsn",
        xlsx_bytes([good_rows()[0], {**good_rows()[1], "bsn": "111111111"}]),
        "elfproef",
        "bsn",
        2,
        filename="data.xlsx",
        source={"connector": "xlsx", "path": "data.xlsx", "options": {"decimal": ","}},
    ),
    Case(
        "parquet_truncated",
        _parquet[: len(_parquet) // 2],
        "corrupt_file",
        filename="data.parquet",
        source={"connector": "parquet", "path": "data.parquet"},
    ),
    Case(
        "parquet_bad_integer",
        parquet_bytes(rows_table([good_rows()[0], {**good_rows()[1], "aantal": "x"}])),
        "type",
        "aantal",
        2,
        filename="data.parquet",
        source={"connector": "parquet", "path": "data.parquet", "options": {"decimal": ","}},
    ),
    Case(
        "geojson_invalid",
        b'{"type": "FeatureCollection", "features": [',
        "geojson",
        row=1,
        filename="data.geojson",
        source={"connector": "geojson", "path": "data.geojson"},
    ),
    Case(
        "geojson_not_feature_collection",
        json.dumps({"type": "Feature", "properties": {}, "geometry": None}).encode(),
        "geojson",
        filename="data.geojson",
        source={"connector": "geojson", "path": "data.geojson"},
    ),
    Case(
        "geopackage_missing_layer",
        gpkg_writer,
        "layer",
        filename="data.gpkg",
        source={"connector": "geopackage", "path": "data.gpkg", "options": {"layer": "wijken"}},
    ),
    Case(
        "geopackage_garbage",
        b"SQLite format 3\x00" + b"\x13" * 500,
        "corrupt_file",
        filename="data.gpkg",
        source={"connector": "geopackage", "path": "data.gpkg"},
    ),
    Case("unknown_connector", with_change(), "connector", source={"connector": "dbase"}),
    Case("missing_file", None, "missing_file"),
    Case("glob_matching_nothing", with_change(), "no_files", source={"path": "leveringen/*.csv"}),
    Case("personal_without_purpose", with_change(), "purpose", source={"purpose": None}),
    Case(
        "bsn_not_pseudonymised",
        with_change(),
        "pseudonymise",
        "bsn",
        source={"columns": [{**COLUMNS[0], "pseudonymise": False}, *COLUMNS[1:]]},
    ),
    Case(
        "invalid_pattern_rule",
        with_change(),
        "pattern",
        "code",
        source={
            "columns": [*COLUMNS[:9], {"name": "code", "rules": {"pattern": "[A-"}}, COLUMNS[10]]
        },
    ),
]

ENGLISH = re.compile(
    r"\b(error|invalid|expect\w*|column|the|not found|parse|failed|value|line)\b", re.I
)


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_malformed_input_is_rejected(
    case: Case,
    tmp_path: Path,
    make_source: Callable[..., Source],
    context: RuleContext,
    purposes: dict[str, Purpose],
) -> None:
    target = tmp_path / case.filename
    if isinstance(case.content, bytes):
        target.write_bytes(case.content)
    elif case.content is not None:
        case.content(target)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    fields = {**PERSONAL, "columns": COLUMNS, **case.source}
    source = make_source(**fields)

    with pytest.raises(SourceError) as caught:
        ingest_source(source, tmp_path, context, purposes)

    error = caught.value
    text = str(error)
    matching = [
        p
        for p in error.problems
        if p.rule == case.rule and p.column == case.column and p.row == case.row
    ]
    assert matching, f"no problem ({case.rule}, {case.column}, {case.row}) in:\n{text}"
    assert "afgewezen" in text
    for problem in error.problems:
        assert not ENGLISH.search(problem.message), f"not Dutch: {problem.message}"
    for bsn in [*BSNS, "123456789", "12345678", "111111111"]:
        assert bsn not in text
    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert after == before, "ingest wrote something"
