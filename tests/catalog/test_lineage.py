# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from stuurdata.catalog import completeness, lineage, source_quality
from stuurdata.warehouse import PublishedVersion


def test_lineage_walks_models_back_to_sources_and_areas(published: PublishedVersion) -> None:
    graph = lineage(published.manifest, "woningen_per_buurt")
    assert graph is not None
    ids = [n.id for n in graph.nodes]
    assert ids == [
        "source:woningen",
        "areas:buurten",
        "model:marts.woningen_per_buurt",
        "dataset:woningen_per_buurt",
    ]
    assert ("source:woningen", "model:marts.woningen_per_buurt") in graph.edges
    assert ("model:marts.woningen_per_buurt", "dataset:woningen_per_buurt") in graph.edges
    assert graph.sources() == ["woningen"]
    assert graph.nodes[-1].rows == 4


def test_lineage_of_unknown_dataset_is_none(published: PublishedVersion) -> None:
    assert lineage(published.manifest, "bestaat_niet") is None


def test_quality_counts_rows_of_the_sources(published: PublishedVersion) -> None:
    graph = lineage(published.manifest, "bouwjaren")
    assert graph is not None
    quality = source_quality(published.manifest, graph)
    assert [(q.name, q.rows_in, q.rows_loaded, q.rows_rejected) for q in quality] == [
        ("woningen", 20, 20, 0)
    ]
    assert quality[0].rejected_share == 0.0


def test_completeness_per_column(published: PublishedVersion) -> None:
    con = published.connect()
    try:
        found = completeness(con, "marts.woningen_per_buurt", ["buurtcode", "woningen"])
    finally:
        con.close()
    assert found == {"buurtcode": 1.0, "woningen": 1.0}
