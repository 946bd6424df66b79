# SPDX-License-Identifier: EUPL-1.2
"""The output scanner: the built demo has no BSN or pseudonym in any public output, and a BSN or
pseudonym planted in a published table, a CSV download or a Parquet download is caught."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from stuurdata.cli.scan import scan_workspace
from stuurdata.demo.bsn import elfproef
from stuurdata.governance.scan import find_bsns, find_pseudonyms, passes_elfproef
from stuurdata.governance.scan_outputs import Fetched, decode, scan_version
from stuurdata.portal import create_app
from stuurdata.warehouse import PublishedVersion, open_current
from tests.api.demo_app import built_demo  # noqa: F401  (fixture)

PLANTED_BSN = "111222333"  # passes the elfproef


def test_elfproef_agrees_with_the_demo_generator() -> None:
    assert passes_elfproef(PLANTED_BSN)
    for number in ("123456782", "999999990", "111222334", "12345678", "abcdefghi"):
        assert passes_elfproef(number) == elfproef(number)


@given(st.integers(min_value=10_000_000, max_value=99_999_999))
def test_every_valid_bsn_is_found_in_csv_and_json(prefix: int) -> None:
    digits = str(prefix)
    check = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
    bsn = digits + str(check) if check < 10 else None
    if bsn is None:
        return
    assert find_bsns(f"buurtcode,bsn\nBU99010101,{bsn}\n") == [bsn]
    assert find_bsns(f'{{"bsn": {bsn}}}') == [bsn]
    assert find_bsns(f"<td>{bsn}</td>") == [bsn]


def test_fractions_amounts_and_hashes_are_not_bsns() -> None:
    assert find_bsns("area_m2: 6355032.038073833") == []
    assert find_bsns("bedrag 111222333.50 en 1111222333") == []
    assert find_bsns("sha256 bb667734387e574dbb50118142b1cfc7c6a493862d5ba1cd403ffff") == []
    assert find_bsns("BSN:111222333;") == [PLANTED_BSN]


def test_pseudonyms_are_matched_exactly() -> None:
    known = frozenset({"a" * 64})
    assert find_pseudonyms(f'"id": "{"A" * 64}"', known) == ["a" * 64]
    assert find_pseudonyms("a" * 65, known) == []
    assert find_pseudonyms("b" * 64, known) == []


def test_decode_reads_parquet_values() -> None:
    buffer = io.BytesIO()
    pq.write_table(pa.table({"nummer": pa.array([int(PLANTED_BSN)], pa.int64())}), buffer)
    texts = dict(decode(buffer.getvalue()))
    assert PLANTED_BSN in texts["kolom nummer"]


@pytest.fixture(scope="module")
def demo_version(built_demo: Path) -> PublishedVersion:  # noqa: F811
    version = open_current(built_demo)
    assert version is not None
    return version


@pytest.fixture(scope="module")
def demo_client(built_demo: Path) -> Iterator[TestClient]:  # noqa: F811
    with TestClient(create_app(built_demo), follow_redirects=False) as client:
        yield client


def _getter(client: TestClient, plant: dict[str, bytes]) -> object:
    def get(url: str) -> Fetched:
        response = client.get(url)
        body = plant.get(url, response.content)
        return Fetched(response.status_code, response.headers.get("content-type", ""), body)

    return get


@pytest.mark.slow
def test_demo_build_publishes_no_bsn_and_no_pseudonym(built_demo: Path) -> None:  # noqa: F811
    report = scan_workspace(built_demo)
    assert report.findings == []
    assert report.pseudonyms > 50_000  # every person's pseudonym per purpose was looked for
    outputs = set(report.outputs)
    for expected in (
        "tabel published.voorzieningen_sociaal_domein",
        "GET /datasets/bevolking_per_buurt/download.parquet",
        "GET /datasets/bevolking_per_buurt/download.xlsx",
        "GET /api/3/action/package_search?rows=1000",
        "GET /catalog.ttl",
        "GET /ogc/collections/bevolking_per_buurt/items?limit=10000",
        "GET /api/v1/datasets/bevolking_per_buurt/rows?limit=10000",
        "GET /gebieden/GM9901",
    ):
        assert expected in outputs


@pytest.mark.slow
def test_planted_bsn_in_a_published_table_is_caught(
    demo_version: PublishedVersion, tmp_path: Path
) -> None:
    copy = tmp_path / "planted.duckdb"
    shutil.copy(demo_version.database, copy)
    con = duckdb.connect(str(copy))
    con.execute("CREATE TABLE published.lek AS SELECT 'BSN ' || ? AS opmerking", [PLANTED_BSN])
    con.close()
    report = scan_version(PublishedVersion(demo_version.version_id, demo_version.manifest, copy))
    assert [(f.output, f.kind, f.where) for f in report.findings] == [
        ("tabel published.lek", "bsn", "kolom opmerking")
    ]
    assert PLANTED_BSN not in str(report.findings[0])  # the report masks what it found


@pytest.mark.slow
def test_planted_bsn_and_pseudonym_in_downloads_are_caught(
    demo_version: PublishedVersion, demo_client: TestClient
) -> None:
    con = demo_version.connect()
    (pseudonym,) = con.execute("SELECT bsn FROM raw.wmo LIMIT 1").fetchone() or ("",)
    con.close()
    csv_url = "/datasets/woz_per_buurt/download.csv"
    parquet_url = "/datasets/woz_per_buurt/download.parquet"
    csv = demo_client.get(csv_url).content + f"BU99010101,{PLANTED_BSN}\n".encode()
    buffer = io.BytesIO()
    pq.write_table(pa.table({"id": [pseudonym]}), buffer)
    get = _getter(demo_client, {csv_url: csv, parquet_url: buffer.getvalue()})
    report = scan_version(demo_version, get, only=[csv_url, parquet_url])  # type: ignore[arg-type]
    assert f"GET {csv_url}" in report.outputs
    found = {(f.output, f.kind) for f in report.findings}
    assert found == {(f"GET {csv_url}", "bsn"), (f"GET {parquet_url}", "pseudoniem")}
