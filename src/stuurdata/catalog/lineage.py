# SPDX-License-Identifier: EUPL-1.2
"""Per dataset: its lineage (sources -> models -> dataset) and quality figures, from the manifest.

Lineage walks ``depends_on`` of the models in the build manifest back to ``raw.<source>`` and
``areas.*`` tables. Quality: rows in, loaded and rejected of each source the dataset derives
from, and (when a connection is given) the share of filled values per column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import duckdb

from stuurdata.warehouse.manifest import Manifest

NodeKind = Literal["source", "areas", "model", "dataset"]


@dataclass(frozen=True)
class LineageNode:
    id: str
    """``source:<name>``, ``areas:<table>``, ``model:<layer.name>`` or ``dataset:<name>``."""
    kind: NodeKind
    name: str
    title: str
    rows: int | None


@dataclass(frozen=True)
class Lineage:
    nodes: tuple[LineageNode, ...]
    """Sources and areas first, then models in build order, the dataset last."""
    edges: tuple[tuple[str, str], ...]
    """(from id, to id): data flows from the first to the second."""

    def sources(self) -> list[str]:
        return [n.name for n in self.nodes if n.kind == "source"]


@dataclass(frozen=True)
class SourceQuality:
    name: str
    title: str
    rows_in: int
    rows_loaded: int
    rows_rejected: int

    @property
    def rejected_share(self) -> float:
        return self.rows_rejected / self.rows_in if self.rows_in else 0.0


def _node_of(table: str, manifest: Manifest) -> LineageNode | None:
    schema, _, name = table.partition(".")
    if schema == "raw":
        source = next((s for s in manifest.sources if s.name == name), None)
        if source is None:
            return None
        return LineageNode(f"source:{name}", "source", name, source.title, source.rows_loaded)
    if schema == "areas":
        return LineageNode(f"areas:{name}", "areas", table, table, manifest.areas.get(name))
    model = next((m for m in manifest.models if m.name == table), None)
    if model is None:
        return None
    return LineageNode(f"model:{table}", "model", table, table, model.rows)


def lineage(manifest: Manifest, dataset: str) -> Lineage | None:
    """Lineage of ``dataset`` in ``manifest``; None when the manifest does not hold it."""
    run = next((d for d in manifest.datasets if d.name == dataset), None)
    if run is None:
        return None
    models = {m.name: m for m in manifest.models}
    found: dict[str, LineageNode] = {}
    edges: set[tuple[str, str]] = set()
    target = LineageNode(f"dataset:{dataset}", "dataset", dataset, run.title, run.rows)
    todo: list[tuple[str, str]] = [(run.model, target.id)]
    while todo:
        table, consumer = todo.pop()
        node = _node_of(table, manifest)
        if node is None:
            continue
        edges.add((node.id, consumer))
        if node.id in found:
            continue
        found[node.id] = node
        if node.kind == "model":
            todo.extend((dep, node.id) for dep in models[table].depends_on)
    order = {m.name: i for i, m in enumerate(manifest.models)}
    rank = {"source": 0, "areas": 1, "model": 2}
    nodes = sorted(found.values(), key=lambda n: (rank[n.kind], order.get(n.name, 0), n.name))
    return Lineage((*nodes, target), tuple(sorted(edges)))


def source_quality(manifest: Manifest, graph: Lineage) -> list[SourceQuality]:
    """Rows in, loaded and rejected of each source in ``graph``."""
    wanted = set(graph.sources())
    return [
        SourceQuality(s.name, s.title, s.rows_in, s.rows_loaded, s.rows_rejected)
        for s in manifest.sources
        if s.name in wanted
    ]


def completeness(
    con: duckdb.DuckDBPyConnection, table: str, columns: list[str]
) -> dict[str, float]:
    """Share of non-empty values per column of ``table`` (1.0 for an empty table), in one scan."""
    schema, _, name = table.partition(".")
    return completeness_of(con, f'"{schema}"."{name}"', columns)


def completeness_of(
    con: duckdb.DuckDBPyConnection, relation: str, columns: list[str]
) -> dict[str, float]:
    """:func:`completeness` of any ``relation`` (a quoted table or a parenthesised query)."""
    if not columns:
        return {}
    counts = ", ".join('count("' + c.replace('"', '""') + '")' for c in columns)
    row = con.execute(f"SELECT count(*), {counts} FROM {relation}").fetchone()
    assert row is not None
    total = int(row[0])
    return {c: (int(n) / total if total else 1.0) for c, n in zip(columns, row[1:], strict=True)}
