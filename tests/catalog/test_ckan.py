# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import pytest

from stuurdata.catalog.ckan import QueryError, search_query


def test_plain_text_and_match_all() -> None:
    assert search_query("woningen buurt").text == "woningen buurt"
    assert search_query("*:*").text == ""
    assert search_query("").filters == ()


def test_field_terms_become_filters() -> None:
    query = search_query(
        "woningen tags:buurt", 'organization:gm9901 +res_format:"CSV" AND groups:bestuur'
    )
    assert query.text == "woningen"
    assert query.filters == (
        ("keyword", "buurt"),
        ("organisation", "gm9901"),
        ("format", "CSV"),
        ("theme", "bestuur"),
    )
    assert search_query("name:bouwjaren").filters == (("name", "bouwjaren"),)


def test_paging_and_sort_are_carried() -> None:
    query = search_query(rows=5, start=10, sort="metadata_modified desc")
    assert (query.rows, query.start, query.sort) == (5, 10, "modified")
    assert search_query(sort="title_string asc").sort == "title"


@pytest.mark.parametrize(
    ("fq", "sort"),
    [("owner:x", ""), ("-tags:buurt", ""), ("losse tekst", ""), ("", "views_recent desc")],
)
def test_unsupported_queries_are_refused(fq: str, sort: str) -> None:
    with pytest.raises(QueryError):
        search_query(fq=fq, sort=sort)
