# SPDX-License-Identifier: EUPL-1.2
"""Ingest end to end: pseudonyms instead of BSNs, counts, hashes, reject_rows."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from stuurdata.errors import SecretError, SourceError
from stuurdata.sources.ingest import ingest_source
from stuurdata.sources.pseudonymise import load_key, pseudonymise_column
from stuurdata.sources.validate import RuleContext
from stuurdata.workspace.config import Purpose, Source
from tests.sources.conftest import KEY_ENV, valid_bsns

Make = Callable[..., Source]
BSNS = valid_bsns(4, start=200_000_000)
COLUMNS: list[dict[str, Any]] = [
    {"name": "bsn", "source_name": "BSN", "pseudonymise": True, "rules": {"elfproef": True}},
    {"name": "buurtcode", "rules": {"buurtcode": True}},
    {"name": "leeftijd", "type": "integer", "rules": {"range": {"min": 0, "max": 120}}},
]


def write_persons(folder: Path, rows: list[tuple[str, str, str]]) -> Path:
    path = folder / "personen.csv"
    lines = ["BSN;buurtcode;leeftijd", *(";".join(r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def persons_source(make_source: Make, **fields: Any) -> Source:
    values: dict[str, Any] = {
        "path": "personen.csv",
        "classification": "persoonsgegevens",
        "purpose": "wmo",
        "key": ["bsn"],
        "columns": COLUMNS,
    }
    values.update(fields)
    return make_source(**values)


def all_text(table: pa.Table) -> str:
    return " ".join(str(v) for column in table.columns for v in column.to_pylist())


def test_ingest_pseudonymises_and_counts(
    tmp_path: Path, make_source: Make, context: RuleContext, purposes: dict[str, Purpose]
) -> None:
    path = write_persons(tmp_path, [(BSNS[0], "BU04020101", "34"), (BSNS[1], "BU05340001", "7")])
    result = ingest_source(persons_source(make_source), tmp_path, context, purposes)

    assert result.table.column_names == ["bsn", "buurtcode", "leeftijd"]
    assert result.table.schema.field("leeftijd").type == pa.int64()
    key = load_key(purposes["wmo"], tmp_path)
    expected = pseudonymise_column(pa.array(BSNS[:2]), key).to_pylist()
    assert result.table.column("bsn").to_pylist() == expected
    assert not any(bsn in all_text(result.table) for bsn in BSNS)
    assert (result.rows_in, result.rows_loaded, result.rows_rejected) == (2, 2, 0)
    assert result.pseudonymised_columns == ("bsn",)
    [input_file] = result.files
    assert input_file.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert input_file.size == path.stat().st_size
    assert result.seconds > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["personen.csv"]


def test_purposes_give_different_pseudonyms(
    tmp_path: Path, make_source: Make, context: RuleContext, purposes: dict[str, Purpose]
) -> None:
    write_persons(tmp_path, [(BSNS[0], "BU04020101", "34")])
    wmo = ingest_source(persons_source(make_source), tmp_path, context, purposes)
    again = ingest_source(persons_source(make_source), tmp_path, context, purposes)
    jeugd = ingest_source(persons_source(make_source, purpose="jeugd"), tmp_path, context, purposes)
    assert wmo.table.column("bsn").equals(again.table.column("bsn"))
    assert wmo.table.column("bsn")[0] != jeugd.table.column("bsn")[0]


def test_reject_rows_counts_and_keeps_good_rows(
    tmp_path: Path, make_source: Make, context: RuleContext, purposes: dict[str, Purpose]
) -> None:
    write_persons(
        tmp_path,
        [
            (BSNS[0], "BU04020101", "34"),
            ("123456789", "BU04020101", "50"),  # elfproef
            (BSNS[2], "BU99999999", "50"),  # unknown buurt
            (BSNS[3], "BU04020101", "200"),  # range
            (BSNS[1], "BU04020102", "1"),
        ],
    )
    source = persons_source(make_source, on_error="reject_rows")
    result = ingest_source(source, tmp_path, context, purposes)
    assert (result.rows_in, result.rows_loaded, result.rows_rejected) == (5, 2, 3)
    assert result.rows_in == result.rows_loaded + result.rows_rejected
    assert [(p.row, p.rule) for p in result.problems] == [
        (2, "elfproef"),
        (3, "buurtcode"),
        (4, "range"),
    ]
    assert result.table.column("buurtcode").to_pylist() == ["BU04020101", "BU04020102"]
    assert "123456789" not in " ".join(str(p) for p in result.problems)


def test_reject_file_is_the_default(
    tmp_path: Path, make_source: Make, context: RuleContext, purposes: dict[str, Purpose]
) -> None:
    write_persons(tmp_path, [(BSNS[0], "BU04020101", "34"), (BSNS[0], "BU04020101", "35")])
    with pytest.raises(SourceError) as caught:
        ingest_source(persons_source(make_source), tmp_path, context, purposes)
    assert [(p.rule, p.row) for p in caught.value.problems] == [("key", 1), ("key", 2)]
    assert "niets geschreven" in str(caught.value)


def test_file_problems_reject_even_with_reject_rows(
    tmp_path: Path, make_source: Make, context: RuleContext, purposes: dict[str, Purpose]
) -> None:
    (tmp_path / "personen.csv").write_text("BSN;buurtcode\n", encoding="utf-8")
    source = persons_source(make_source, on_error="reject_rows", options={"allow_empty": True})
    with pytest.raises(SourceError) as caught:
        ingest_source(source, tmp_path, context, purposes)
    assert [(p.rule, p.column) for p in caught.value.problems] == [("missing_column", "leeftijd")]


def test_missing_key_is_a_secret_error(
    tmp_path: Path,
    make_source: Make,
    context: RuleContext,
    purposes: dict[str, Purpose],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_persons(tmp_path, [(BSNS[0], "BU04020101", "34")])
    monkeypatch.delenv(KEY_ENV)
    with pytest.raises(SecretError, match=KEY_ENV):
        ingest_source(persons_source(make_source), tmp_path, context, purposes)


def test_personal_source_must_declare_columns(
    tmp_path: Path, make_source: Make, context: RuleContext, purposes: dict[str, Purpose]
) -> None:
    write_persons(tmp_path, [(BSNS[0], "BU04020101", "34")])
    with pytest.raises(SourceError) as caught:
        ingest_source(persons_source(make_source, columns=[], key=[]), tmp_path, context, purposes)
    assert caught.value.problems[0].rule == "columns"


def test_open_source_without_columns_keeps_what_was_read(
    shared_data: Path, make_source: Make, context: RuleContext
) -> None:
    source = make_source(classification="openbaar", path="statline/woz_per_pc4.csv")
    result = ingest_source(source, shared_data, context, {})
    assert result.table.column_names == ["pc4", "WOZ"]
    assert result.rows_loaded == 4030


def test_shared_kerncijfers_with_declared_columns(
    shared_data: Path, make_source: Make, context: RuleContext
) -> None:
    source = make_source(
        classification="openbaar",
        path="kerncijfers/kwb_2024_85984NED_4gm_gemeenten_wijken.csv",
        options={"allow_extra_columns": True},
        key=["code"],
        columns=[
            {"name": "code", "rules": {"pattern": "(GM[0-9]{4}|WK[0-9]{6})"}},
            {
                "name": "inwoners",
                "source_name": "AantalInwoners_5",
                "type": "integer",
                "rules": {"range": {"min": 0}},
            },
            {"name": "woningvoorraad", "source_name": "Woningvoorraad_35", "type": "integer"},
        ],
    )
    result = ingest_source(source, shared_data, context, {})
    assert result.rows_loaded == 33
    rows = {r["code"]: r for r in result.table.to_pylist()}
    assert rows["GM0534"]["inwoners"] == 22822
    assert result.table.schema.field("inwoners").type == pa.int64()


def test_allowed_empty_file_gives_an_empty_typed_table(
    tmp_path: Path, make_source: Make, context: RuleContext, purposes: dict[str, Purpose]
) -> None:
    (tmp_path / "personen.csv").write_bytes(b"")
    source = persons_source(make_source, options={"allow_empty": True})
    result = ingest_source(source, tmp_path, context, purposes)
    assert result.table.column_names == ["bsn", "buurtcode", "leeftijd"]
    assert (result.rows_in, result.rows_loaded, result.rows_rejected) == (0, 0, 0)
