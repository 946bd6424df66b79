# SPDX-License-Identifier: EUPL-1.2
"""DuckDB SQL for the server engines: layer renaming, the Spark rules, the CTE split and the
errors. Whether Spark then computes what DuckDB does is tested against a real Spark session in
test_spark_engine.py; here the SQL itself, and the split against DuckDB."""

from __future__ import annotations

import duckdb
import pytest

from stuurdata.errors import BuildError
from stuurdata.warehouse.transpile import split_shared_ctes, transpile


def _spark(sql: str) -> str:
    return transpile(sql, "spark")


def test_layers_are_renamed_and_other_tables_left_alone() -> None:
    sql = "WITH x AS (SELECT * FROM raw.t) SELECT * FROM x JOIN marts.m ON TRUE JOIN c.s.t ON TRUE"
    out = transpile(sql, "spark", lambda layer: f"v1_{layer}" if layer != "marts" else None)
    assert "`v1_raw`.t" in out
    assert "marts.m" in out  # schema_of gave None
    assert "c.s.t" in out  # a catalog-qualified name is not a layer
    assert "FROM x" in out


def test_spark_divides_as_double_with_ieee_results_for_zero() -> None:
    out = _spark("SELECT a / b FROM t")
    assert out == (
        "SELECT CASE WHEN b = 0 THEN CAST(a AS DOUBLE) * CAST('Infinity' AS DOUBLE) "
        "ELSE CAST(a AS DOUBLE) / b END FROM t"
    )


def test_spark_division_by_a_nonzero_constant_or_nullif_needs_no_case() -> None:
    assert _spark("SELECT a / 4, a / NULLIF(b, 0) FROM t") == (
        "SELECT (CAST(a AS DOUBLE) / 4), (CAST(a AS DOUBLE) / NULLIF(b, 0)) FROM t"
    )


def test_nested_divisions_are_all_rewritten() -> None:
    out = _spark("SELECT (a / b) / c FROM t")
    assert out.count("CASE WHEN") == 3  # the inner one appears in both branches of the outer
    assert " / b " not in out.replace("CAST(a AS DOUBLE) / b END", "")  # no raw division left


def test_spark_counts_date_part_boundaries_like_duckdb() -> None:
    assert _spark("SELECT date_diff('year', a, b) FROM t") == (
        "SELECT DATEDIFF(YEAR, DATE_TRUNC('YEAR', a), DATE_TRUNC('YEAR', b)) FROM t"
    )
    # weeks are whole 7-day spans in DuckDB too: left as they are
    assert _spark("SELECT date_diff('week', a, b) FROM t") == "SELECT DATEDIFF(WEEK, a, b) FROM t"


def test_duckdb_date_sub_is_spark_datediff_in_whole_parts() -> None:
    assert _spark("SELECT date_sub('month', a, b) FROM t") == "SELECT DATEDIFF(MONTH, a, b) FROM t"


def test_timestamp_types_keep_their_time_zone_meaning() -> None:
    assert _spark("SELECT CAST(a AS TIMESTAMPTZ), CAST(a AS TIMESTAMP) FROM t") == (
        "SELECT CAST(a AS TIMESTAMP_LTZ), CAST(a AS TIMESTAMP_NTZ) FROM t"
    )


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        (
            "SELECT round(avg(x), 2) FROM t",
            "SELECT ((CAST(ROUND((AVG(x)) * 1E2) AS DOUBLE) / 1E2)) FROM t",
        ),
        (
            "SELECT round(avg(x) FILTER (WHERE y), 1) FROM t",
            "SELECT ((CAST(ROUND((AVG(x) FILTER(WHERE y)) * 1E1) AS DOUBLE) / 1E1)) FROM t",
        ),
        (
            "SELECT round(avg(x), -1) FROM t",
            "SELECT (ROUND((CAST((AVG(x)) AS DOUBLE) / 1E1)) * 1E1) FROM t",
        ),
        # DuckDB's exact rounding of decimals (and of unknown types) is Spark's: left alone
        ("SELECT round(x, 2) FROM t", "SELECT ROUND(x, 2) FROM t"),
        ("SELECT round(avg(x)) FROM t", "SELECT ROUND(AVG(x)) FROM t"),
    ],
)
def test_doubles_are_rounded_the_duckdb_way(sql: str, expected: str) -> None:
    assert _spark(sql) == expected


def test_spark_rules_leave_other_dialects_alone() -> None:
    sql = "SELECT a / b, date_sub('month', a, b), CAST(a AS TIMESTAMPTZ) FROM t"
    assert "CASE" not in transpile(sql, "postgres")
    assert "TIMESTAMP_LTZ" not in transpile(sql, "postgres")


def test_errors_are_one_line_with_the_place() -> None:
    with pytest.raises(BuildError) as caught:
        transpile("SELECT a\nFROM t t2 t3", "spark")
    message = str(caught.value)
    assert message.startswith("SQL is niet te lezen voor spark: ")
    assert "bij 't3' (regel 2, kolom 12)" in message
    assert "\n" not in message and "\x1b" not in message


STATEMENT = """
WITH base AS (SELECT k, sum(v) AS v FROM data GROUP BY k),
once AS (SELECT k FROM base WHERE v > 1),
twice AS (SELECT base.k, base.v FROM base JOIN once USING (k))
SELECT a.k, a.v, b.v AS w FROM twice AS a JOIN twice AS b ON a.k = b.k
UNION ALL SELECT k, v, NULL FROM base
ORDER BY 1, 3 NULLS FIRST
"""


def test_shared_ctes_split_into_views_give_the_same_result() -> None:
    views, rest = split_shared_ctes(STATEMENT, "__t")
    assert [name for name, _ in views] == ["__t_base", "__t_once", "__t_twice"]
    assert "WITH" not in rest.upper()
    assert "__t_base AS base" in views[2][1]  # columns qualified with the CTE name still work

    con = duckdb.connect()
    con.execute("CREATE TABLE data AS SELECT * FROM (VALUES (1, 1), (1, 2), (2, 1)) AS d(k, v)")
    expected = con.execute(STATEMENT).fetchall()
    for name, query in views:
        con.execute(f"CREATE TEMPORARY VIEW {name} AS {query}")
    assert con.execute(rest).fetchall() == expected


def test_statements_without_shared_ctes_stay_whole() -> None:
    sql = "WITH a AS (SELECT 1 AS x), b AS (SELECT x FROM a) SELECT * FROM b"
    assert split_shared_ctes(sql, "__t") == ([], sql)
    assert split_shared_ctes("SELECT 1", "__t") == ([], "SELECT 1")
    assert split_shared_ctes("SELEKT", "__t") == ([], "SELEKT")  # transpile() reports it
