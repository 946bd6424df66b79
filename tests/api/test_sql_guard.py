# SPDX-License-Identifier: EUPL-1.2
"""The SQL allow-list on its own: any text is either a checked query or a clear refusal."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stuurdata.api.sql import SqlRefusedError, check_query

ALLOWED = ("published.indicators", "areas.buurten")
WORDS = st.sampled_from(
    [
        "SELECT", "*", "FROM", "published.indicators", "raw.brp_personen", "WHERE", "value",
        ">", "1", "(", ")", ";", "UNION", "WITH", "x", "AS", "read_csv('/etc/passwd')", "'a'",
        "getenv('HOME')", "JOIN", "ON", "--", "/*", "*/", '"raw"', ".", ",", "LIMIT", "COPY",
        "TO", "PRAGMA", "ATTACH", "areas.buurten", "count(*)", "GROUP BY", "ORDER BY", "AND",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=14).map(" ".join) | st.text(max_size=80))
def test_any_text_is_checked_or_refused(text: str) -> None:
    try:
        checked = check_query(text, ALLOWED, 10)
    except SqlRefusedError as error:
        assert error.status in (400, 404) and error.message
        return
    assert checked.tables <= set(ALLOWED)
    assert checked.sql.endswith("LIMIT 11")


def test_checked_sql_is_the_rendered_tree() -> None:
    checked = check_query("select value from PUBLISHED.indicators /* x */", ALLOWED, 5)
    assert checked.tables == {"published.indicators"}
    assert checked.sql.startswith("SELECT * FROM (SELECT value FROM PUBLISHED.indicators")


@pytest.mark.parametrize(
    "text",
    [
        "WITH a AS (SELECT 1) SELECT * FROM a",
        "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT * FROM t",
        "SELECT * FROM (VALUES (1, 'a')) v(x, y)",
    ],
)
def test_ctes_and_values_need_no_table(text: str) -> None:
    assert check_query(text, ALLOWED, 5).tables == frozenset()
