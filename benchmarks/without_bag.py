# SPDX-License-Identifier: EUPL-1.2
"""A national-scale workspace without the BAG XML extract, for the page benchmark.

Generating and ingesting the BAG 2.0 XML for 18 million persons (some 20 million objects) takes
longer than everything else together, and the page benchmark needs the indicator cube, not the
BAG. So :func:`drop_bag` removes from a workspace generated with ``bag=False`` the BAG sources
and everything that depends on them: models (transitively, by their SQL), datasets on those
models, indicators whose SQL reads them, and their mentions in dashboards and registers. What
it removed is returned, so the benchmark prints it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from stuurdata.workspace import Workspace


def _gone_names(ws: Workspace) -> dict[str, set[str]]:
    sources = {name for name, s in ws.sources.items() if s.connector == "bag"}
    tables = {f"raw.{name}" for name in sources}
    models: set[str] = set()
    for model in ws.model_order():
        if model.depends_on & tables:
            models.add(model.name)
            tables.add(model.name)
    datasets = {name for name, d in ws.datasets.items() if d.model in models}
    indicators = {
        key.split(":", 1)[1]
        for key, path in ws.files.items()
        if key.startswith("indicator:") and _mentions(path.read_text(encoding="utf-8"), models)
    }
    return {
        "sources": sources,
        "models": models,
        "datasets": datasets,
        "indicators": indicators,
    }


def _mentions(text: str, tables: set[str]) -> bool:
    return any(re.search(rf"\b{re.escape(table)}\b", text) for table in tables)


def drop_bag(root: Path) -> dict[str, set[str]]:
    """Remove the BAG sources and their dependants from the workspace at ``root``."""
    ws = Workspace.load(root)
    gone = _gone_names(ws)
    kinds = {"source": "sources", "model": "models", "dataset": "datasets"}
    kinds["indicator"] = "indicators"
    for key, path in ws.files.items():
        kind, name = key.split(":", 1)
        if kind in kinds and name in gone[kinds[kind]]:
            path.unlink()
    for path in sorted((root / "indicators").glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        named = document.get("source_datasets") or []
        kept = [name for name in named if name not in gone["datasets"]]
        if named and not kept:  # it described only data that is gone
            gone["indicators"].add(document["id"])
            path.unlink()
        elif kept != named:
            _rewrite(path, lambda doc, kept=kept: {**doc, "source_datasets": kept})
    _drop_derived_indicators(root, gone["indicators"])
    for path in sorted((root / "dashboards").glob("*.yaml")):
        _rewrite(path, lambda doc: _without_panels(doc, gone["indicators"]))
    for path in sorted((root / "registers").glob("*/*.yaml")):
        _rewrite(path, lambda doc: _without_links(doc, gone))
    return gone


def _drop_derived_indicators(root: Path, indicators: set[str]) -> None:
    """Drop indicators computed from a dropped indicator, until none is left."""
    while True:
        dropped = [
            path
            for path in sorted((root / "indicators").glob("*.yaml"))
            if _mentions(path.read_text(encoding="utf-8"), indicators)
        ]
        if not dropped:
            return
        for path in dropped:
            indicators.add(yaml.safe_load(path.read_text(encoding="utf-8"))["id"])
            path.unlink()


def _rewrite(path: Path, change: Any) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(change(document), allow_unicode=True), encoding="utf-8")


def _without_panels(dashboard: dict[str, Any], indicators: set[str]) -> dict[str, Any]:
    panels = []
    for panel in dashboard.get("panels", []):
        kept = [i for i in panel.get("indicators", []) if i not in indicators]
        if kept:
            panels.append({**panel, "indicators": kept})
    return {**dashboard, "panels": panels}


def _without_links(entry: dict[str, Any], gone: dict[str, set[str]]) -> dict[str, Any]:
    links = dict(entry.get("links") or {})
    for kind, names in gone.items():
        if kind in links:
            links[kind] = [name for name in links[kind] if name not in names]
    return {**entry, "links": links} if "links" in entry else entry
