# SPDX-License-Identifier: EUPL-1.2
"""The read-only SQL endpoint over a real HTTP server on the built demo workspace."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from stuurdata.api.sql import SqlLimits
from stuurdata.portal import create_app
from tests.api.demo_server import demo_built, serve

__all__ = ["demo_built"]

TABLE = "bestaat niet of is niet openbaar"
NOT_ALLOWED = "niet toegestaan"
TIMEOUT = "langer dan"


@pytest.fixture(scope="module")
def sql_app(demo_built: Path) -> FastAPI:
    app = create_app(demo_built)
    app.state.sql_limits = SqlLimits(seconds=1.0, row_cap=100)
    return app


@pytest.fixture(scope="module")
def http(sql_app: FastAPI) -> Iterator[httpx.Client]:
    for url in serve(sql_app):
        with httpx.Client(base_url=url, timeout=30) as client:
            yield client


def _get(http: httpx.Client, q: str) -> httpx.Response:
    return http.get("/api/v1/sql", params={"q": q})


def test_legitimate_query_returns_rows(http: httpx.Client) -> None:
    response = _get(
        http,
        "SELECT area_level, count(*) AS n FROM published.indicators GROUP BY area_level "
        "ORDER BY area_level",
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert [c["name"] for c in body["columns"]] == ["area_level", "n"]
    assert [r[0] for r in body["rows"]] == ["buurt", "gemeente", "regio", "wijk"]
    assert all(r[1] > 0 for r in body["rows"])
    assert body["truncated"] is False and body["row_cap"] == 100


@pytest.mark.parametrize(
    "q",
    [
        "SELECT i.indicator, b.name, i.value FROM published.indicators i "
        "JOIN areas.buurten b ON b.code = i.area_code WHERE i.reason = 'ok' AND (i.value > 0 OR NOT "
        "i.rounded) LIMIT 5",
        "WITH t AS (SELECT * FROM published.indicators WHERE area_level = 'wijk') "
        "SELECT indicator, round(avg(value), 2) FROM t GROUP BY ALL ORDER BY 1 LIMIT 3",
        "SELECT code FROM areas.gemeenten UNION SELECT code FROM areas.wijken ORDER BY 1",
        "select * from PUBLISHED.INDICATORS where value > (select avg(value) from published.indicators) limit 2",
        'SELECT "indicator" FROM "published"."indicators" LIMIT 1',
        "FROM published.indicators SELECT indicator, value LIMIT 1",
        "SELECT indicator, row_number() OVER (PARTITION BY indicator ORDER BY value DESC) AS r "
        "FROM published.indicators QUALIFY r = 1 LIMIT 3",
        "SELECT CASE WHEN value > 10 THEN 'hoog' ELSE 'laag' END, coalesce(value, 0)::INTEGER "
        "FROM published.indicators -- commentaar\nLIMIT 2",
    ],
)
def test_legitimate_queries(http: httpx.Client, q: str) -> None:
    response = _get(http, q)
    assert response.status_code == 200, response.text
    assert response.json()["rows"]


def test_row_cap_is_applied_and_noted(http: httpx.Client) -> None:
    body = _get(http, "SELECT * FROM published.indicators ORDER BY value DESC NULLS LAST").json()
    assert body["row_count"] == 100 and body["truncated"] is True
    assert "afgekapt op 100 rijen" in body["note"]
    values = [r[4] for r in body["rows"]]
    assert values == sorted(values, reverse=True)  # the order survives the row-cap wrapper


def test_post_json_and_form(http: httpx.Client) -> None:
    q = "SELECT count(*) FROM published.indicators"
    as_json = http.post("/api/v1/sql", json={"q": q})
    as_form = http.post("/api/v1/sql", data={"q": q})
    assert as_json.status_code == as_form.status_code == 200
    assert as_json.json()["rows"] == as_form.json()["rows"]
    assert (
        http.post(
            "/api/v1/sql", content=b"{nee", headers={"content-type": "application/json"}
        ).status_code
        == 400
    )


def test_tables_lists_only_public_tables(http: httpx.Client) -> None:
    body = http.get("/api/v1/sql/tables").json()
    names = {t["name"] for t in body["tables"]}
    assert "published.indicators" in names and "areas.buurten" in names
    assert all(n.split(".")[0] in ("published", "areas") for n in names)
    buurten = next(t for t in body["tables"] if t["name"] == "areas.buurten")
    assert "geometry_wkb" not in {c["name"] for c in buurten["columns"]}


# (query, status, part of the message)
INJECTIONS: list[tuple[str, int, str]] = [
    # stacked statements and writes
    ("SELECT 1; DROP TABLE published.indicators", 400, "Precies één query"),
    ("SELECT * FROM published.indicators; DELETE FROM published.indicators", 400, "Precies één"),
    ("SELECT 1;/* */ATTACH '/tmp/x.duckdb' AS x", 400, "Precies één"),
    ("DROP TABLE published.indicators", 400, "DROP"),
    ("DELETE FROM published.indicators", 400, "DELETE"),
    ("UPDATE published.indicators SET value = 0", 400, "UPDATE"),
    ("INSERT INTO published.indicators VALUES (1)", 400, "INSERT"),
    ("CREATE TABLE x AS SELECT 1", 400, "CREATE"),
    ("CREATE MACRO m() AS 1", 400, NOT_ALLOWED),
    # the engine's own commands
    ("PRAGMA database_list", 400, "PRAGMA"),
    ("ATTACH '/tmp/steal.duckdb' AS steal", 400, NOT_ALLOWED),
    ("COPY published.indicators TO '/tmp/out.csv'", 400, "COPY"),
    (
        "COPY (SELECT * FROM published.indicators) TO '/tmp/out.parquet' (FORMAT parquet)",
        400,
        "COPY",
    ),
    ("EXPORT DATABASE '/tmp/dump'", 400, "geen geldige SQL"),
    ("INSTALL httpfs", 400, NOT_ALLOWED),
    ("LOAD httpfs", 400, NOT_ALLOWED),
    ("SET enable_external_access = true", 400, "SET"),
    ("SET memory_limit = '100GB'", 400, "SET"),
    ("DESCRIBE raw.brp_personen", 400, NOT_ALLOWED),
    ("SHOW TABLES", 400, NOT_ALLOWED),
    ("SUMMARIZE raw.brp_personen", 400, NOT_ALLOWED),
    ("CALL pragma_version()", 400, "CALL"),
    # tables outside the allow-list, plainly and disguised
    ("SELECT * FROM raw.brp_personen", 404, TABLE),
    ('SELECT * FROM "raw"."brp_personen"', 404, TABLE),
    ("SELECT * FROM RAW.BRP_PERSONEN", 404, TABLE),
    ("SELECT * FROM rAw.Brp_Personen", 404, TABLE),
    ("SELECT * FROM staging.stg_personen", 404, TABLE),
    ("SELECT * FROM marts.bevolking_per_buurt", 404, TABLE),
    ("SELECT * FROM cube.indicators", 404, TABLE),
    ("SELECT * FROM meta.manifest", 404, TABLE),
    ("SELECT * FROM published.bestaat_niet", 404, TABLE),
    ("SELECT * FROM brp_personen", 404, TABLE),
    ("SELECT * FROM stuurdata_published_version.raw.brp_personen", 404, TABLE),
    ("SELECT * FROM memory.main.x", 404, TABLE),
    (
        "SELECT indicator FROM published.indicators UNION SELECT bsn_pseudoniem FROM raw.brp_personen",
        404,
        TABLE,
    ),
    (
        "SELECT indicator FROM published.indicators UNION ALL SELECT * FROM cube.indicators",
        404,
        TABLE,
    ),
    (
        "SELECT * FROM published.indicators WHERE area_code IN (SELECT buurtcode FROM raw.brp_personen)",
        404,
        TABLE,
    ),
    ("SELECT (SELECT count(*) FROM raw.brp_personen)", 404, TABLE),
    ("SELECT * FROM published.indicators i JOIN marts.ind_personen p ON true", 404, TABLE),
    ("WITH brp_personen AS (SELECT 1) SELECT * FROM raw.brp_personen", 404, TABLE),
    ("WITH x AS (SELECT * FROM raw.brp_personen) SELECT * FROM x", 404, TABLE),
    (
        "WITH indicators AS (SELECT * FROM staging.stg_personen) SELECT * FROM indicators",
        404,
        TABLE,
    ),
    ("SELECT * FROM (SELECT * FROM (SELECT * FROM raw.woz)) t", 404, TABLE),
    ("SELECT * FROM published.indicators, LATERAL (SELECT * FROM raw.woz) w", 400, NOT_ALLOWED),
    ("SELECT * FROM 'data/brp_personen.csv'", 404, TABLE),
    ("SELECT * FROM '/etc/passwd'", 404, TABLE),
    # system catalogs
    ("SELECT * FROM information_schema.tables", 404, TABLE),
    ("SELECT * FROM information_schema.columns", 404, TABLE),
    ("SELECT * FROM duckdb_tables()", 400, "duckdb_tables"),
    ("SELECT * FROM duckdb_settings()", 400, "duckdb_settings"),
    ("SELECT * FROM duckdb_databases()", 400, "duckdb_databases"),
    ("SELECT * FROM pg_catalog.pg_tables", 404, TABLE),
    ("SELECT * FROM sqlite_master", 404, TABLE),
    ("SELECT * FROM pragma_table_info('raw.brp_personen')", 400, "pragma_table_info"),
    # table functions and functions that touch files or the environment
    ("SELECT * FROM read_csv('/etc/passwd')", 400, "read_csv"),
    ("SELECT * FROM read_csv_auto('data/brp.csv')", 400, NOT_ALLOWED),
    ("SELECT * FROM read_parquet('x.parquet')", 400, NOT_ALLOWED),
    ("SELECT * FROM read_json('x.json')", 400, NOT_ALLOWED),
    ("SELECT * FROM glob('/etc/*')", 400, "glob"),
    ("SELECT * FROM range(1000000000)", 400, NOT_ALLOWED),
    ("SELECT * FROM generate_series(1, 100000000000)", 400, NOT_ALLOWED),
    ("SELECT read_text('/etc/passwd')", 400, "read_text"),
    ("SELECT * FROM read_blob('/etc/passwd')", 400, "read_blob"),
    ("SELECT getenv('HOME')", 400, "getenv"),
    ("SELECT current_setting('home_directory')", 400, "current_setting"),
    ("SELECT current_database()", 400, NOT_ALLOWED),
    ("SELECT version()", 400, NOT_ALLOWED),
    ("SELECT \"GETENV\"('HOME')", 400, NOT_ALLOWED),
    ("SELECT GeTeNv('HOME')", 400, "GeTeNv"),
    ("SELECT sleep_ms(100000)", 400, NOT_ALLOWED),
    ("SELECT query('SELECT * FROM raw.brp_personen')", 400, NOT_ALLOWED),
    ("SELECT * FROM query_table('raw.brp_personen')", 400, NOT_ALLOWED),
    ("SELECT list_transform([1], x -> x)", 400, NOT_ALLOWED),
    ("SELECT * FROM published.indicators USING SAMPLE 10%", 400, NOT_ALLOWED),
    # broken and oversized input
    ("", 400, "Geef een query op"),
    ("SELEC * FROM published.indicators", 400, "geen geldige SQL"),
    ("SELECT * FROM published.indicators WHERE", 400, "geen geldige SQL"),
    ("SELECT '" + "x" * 25_000 + "'", 400, "te lang"),
    ("SELECT " + "(" * 500 + "1" + ")" * 500, 400, "te diep genest"),
    ("SELECT " + " + ".join(["1"] * 3000), 400, "te diep genest"),
]


@pytest.mark.parametrize(
    ("q", "status", "message"), INJECTIONS, ids=[q[:60] for q, _, _ in INJECTIONS]
)
def test_refuses_injection_attempts(http: httpx.Client, q: str, status: int, message: str) -> None:
    response = _get(http, q)
    assert response.status_code == status, response.text
    assert message.lower() in response.json()["detail"].lower()


def test_unknown_and_non_public_tables_get_the_same_answer(http: httpx.Client) -> None:
    secret = _get(http, "SELECT * FROM raw.brp_personen").json()["detail"]
    unknown = _get(http, "SELECT * FROM raw.bestaat_niet_xyz").json()["detail"]
    assert secret.replace("brp_personen", "X") == unknown.replace("bestaat_niet_xyz", "X")


def test_engine_errors_do_not_suggest_hidden_tables(http: httpx.Client) -> None:
    response = _get(http, "WITH a AS (SELECT 1) SELECT * FROM published.indicators, brp_personen")
    assert response.status_code == 404
    for q in ("SELECT nope FROM published.indicators", "SELECT 'x'::INTEGER"):
        answer = _get(http, q)
        assert answer.status_code == 400
        assert "raw." not in answer.text and "stuurdata_published_version" not in answer.text


@pytest.mark.parametrize(
    "q",
    [
        "SELECT count(*) FROM published.indicators a, published.indicators b, published.indicators c",
        "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT max(n) FROM t",
        "SELECT count(DISTINCT a.value * b.value) FROM published.indicators a "
        "CROSS JOIN published.indicators b CROSS JOIN areas.buurten",
    ],
)
def test_runaway_queries_hit_the_time_limit(http: httpx.Client, q: str) -> None:
    response = _get(http, q)
    assert response.status_code == 422, response.text
    assert TIMEOUT in response.json()["detail"]
    assert response.elapsed.total_seconds() < 10
    # the endpoint keeps answering afterwards
    assert _get(http, "SELECT 1 AS een").json()["rows"] == [[1]]
