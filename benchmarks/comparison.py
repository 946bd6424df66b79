# SPDX-License-Identifier: EUPL-1.2
"""The comparison workspace: the demo template minus what plain DuckDB cannot read.

Plain DuckDB (no extensions downloaded at run time) reads CSV and Parquet, not the BAG XML
extract or XLSX. Those sources are left out of the comparison, and with them every model that
reads them (transitively, via ``SqlModel.depends_on``) and every dataset on such a model. What is
left out is reported with the reason; the left-out connectors are timed on their own
(:mod:`benchmarks.connectors`) so nothing is hidden.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from stuurdata.workspace import Workspace

COMPARABLE_CONNECTORS = frozenset({"csv", "parquet"})
"""Connectors whose files a plain DuckDB SQL script reads with built-in functions."""
COMPARED_KINDS = frozenset({"source", "model", "dataset"})
"""Definition kinds the ingest + build comparison covers; others (indicators, ...) are left out."""
OTHER_KINDS = {
    "indicator": "the indicator phase is compared on its own: python -m benchmarks.indicators",
    "dashboard": "portal definitions: nothing is loaded or built for them",
    "algoritme": "public register entries: nothing is loaded or built for them",
    "sensor": "public register entries: nothing is loaded or built for them",
    "dpia": "public register entries: nothing is loaded or built for them",
}


@dataclass(frozen=True)
class Excluded:
    kind: str
    """source, model or dataset."""
    name: str
    reason: str


@dataclass(frozen=True)
class Comparison:
    root: Path
    """The derived workspace (definitions copied, ``data`` linked to the generated data)."""
    excluded: tuple[Excluded, ...]


def exclusions(ws: Workspace, connectors: frozenset[str] = COMPARABLE_CONNECTORS) -> list[Excluded]:
    """What to leave out of the comparison of ``ws``, and why."""
    left_out: list[Excluded] = []
    gone: set[str] = set()
    for name, source in sorted(ws.sources.items()):
        if source.connector not in connectors:
            why = f"connector '{source.connector}' has no built-in DuckDB reader"
            left_out.append(Excluded("source", name, why))
            gone.add(f"raw.{name}")
    for model in ws.model_order():
        missing = sorted(model.depends_on & gone)
        if missing:
            left_out.append(Excluded("model", model.name, f"reads {', '.join(missing)}"))
            gone.add(model.name)
    for name, dataset in sorted(ws.datasets.items()):
        if dataset.model in gone:
            left_out.append(Excluded("dataset", name, f"publishes {dataset.model}"))
    others: dict[str, list[str]] = {}
    for key in sorted(ws.files):
        kind, name = key.split(":", 1)
        if kind not in COMPARED_KINDS:
            others.setdefault(kind, []).append(name)
    for kind, names in others.items():
        reason = OTHER_KINDS.get(kind, "not part of the ingest + build comparison")
        left_out.append(Excluded(kind, f"(all {len(names)})", reason))
    return left_out


def derive(generated: Path, target: Path) -> Comparison:
    """Write the comparison workspace into ``target`` (replacing it): the current packaged demo
    definitions minus the exclusions, with ``data`` linked to the data in ``generated``."""
    from stuurdata.demo.template import install_template

    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    install_template(target)
    ws = Workspace.load(target)
    left_out = exclusions(ws)
    dropped = {(e.kind, e.name) for e in left_out}
    for key, path in ws.files.items():
        kind, name = key.split(":", 1)
        if (kind, name) in dropped or kind not in COMPARED_KINDS:
            path.unlink()
    shutil.copytree(generated / ".stuurdata" / "secrets", target / ".stuurdata" / "secrets")
    (target / "data").symlink_to((generated / "data").resolve(), target_is_directory=True)
    return Comparison(target, tuple(left_out))
