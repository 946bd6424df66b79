# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from stuurdata.catalog.search import Document, SearchIndex, SearchQuery, stem, tokens

WEIGHTS = {"title": 3.0, "keywords": 2.0, "description": 1.0}


def _doc(key: str, title: str, description: str = "", **facets: tuple[str, ...]) -> Document:
    return Document(
        key,
        {"title": title, "description": description, "keywords": ""},
        facets,
        {"title": title, "modified": key},
    )


DOCS = [
    _doc("a", "Woningen per buurt", "Aantal woningen uit de BAG.", theme=("huisvesting",), format=("CSV",)),
    _doc("b", "Bevolking per buurt", "Inwoners en huishoudens; woningen niet.", theme=("bestuur",), format=("CSV", "GeoJSON")),
    _doc("c", "Begroting per taakveld", "Lasten en baten per taakveld.", theme=("financien",), format=("CSV",)),
    _doc("d", "Sensormetingen", "Luchtkwaliteit per dag.", theme=("natuur_en_milieu",), format=("JSON",)),
]  # fmt: skip
INDEX = SearchIndex(DOCS, WEIGHTS)
FACETS = ("theme", "format")


def _keys(query: SearchQuery) -> list[str]:
    return [h.key for h in INDEX.search(query, FACETS).hits]


def test_tokens_fold_accents_drop_stopwords_and_stem() -> None:
    assert tokens("Financiën van de Woningen") == ["financi", "woning"]
    assert stem("huishoudens") == stem("huishouden")


def test_title_match_outranks_description_match() -> None:
    assert _keys(SearchQuery("woningen")) == ["a", "b"]


def test_plural_and_singular_find_each_other() -> None:
    assert _keys(SearchQuery("woning")) == ["a", "b"]
    assert _keys(SearchQuery("huishouden")) == ["b"]


def test_prefix_of_four_letters_matches_longer_words() -> None:
    assert _keys(SearchQuery("begro")) == ["c"]
    assert _keys(SearchQuery("sens")) == ["d"]


def test_every_word_must_match() -> None:
    assert _keys(SearchQuery("woningen taakveld")) == []
    assert _keys(SearchQuery("lasten taakveld")) == ["c"]


def test_nothing_found_for_unknown_words() -> None:
    result = INDEX.search(SearchQuery("parkeervergunning"), FACETS)
    assert result.count == 0 and result.hits == ()
    assert result.facets == {"theme": {}, "format": {}}


def test_filters_must_all_hold_and_facets_count_the_hits() -> None:
    result = INDEX.search(SearchQuery(filters=(("format", "CSV"),)), FACETS)
    assert result.count == 3
    assert result.facets["theme"] == {"bestuur": 1, "financien": 1, "huisvesting": 1}
    assert result.facets["format"] == {"CSV": 3, "GeoJSON": 1}
    both = SearchQuery(filters=(("format", "CSV"), ("theme", "bestuur")))
    assert _keys(both) == ["b"]


def test_paging_and_sorting() -> None:
    everything = SearchQuery(sort="title", rows=2)
    assert _keys(everything) == ["c", "b"]
    assert _keys(SearchQuery(sort="title", rows=2, start=2)) == ["d", "a"]
    assert _keys(SearchQuery(sort="modified")) == ["d", "c", "b", "a"]
    assert INDEX.search(everything, FACETS).count == 4


def test_empty_index_searches() -> None:
    assert SearchIndex([], WEIGHTS).search(SearchQuery("x"), FACETS).count == 0
