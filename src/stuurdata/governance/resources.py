# SPDX-License-Identifier: EUPL-1.2
"""What the access matrix is asked about: datasets and their columns as
:class:`~stuurdata.governance.access.Resource`, from the workspace definitions and the build
manifest (classification, purposes of the sources the dataset derives from, gemeenten it
covers), and the row condition that limits a table to the reader's gemeenten.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from stuurdata.catalog.lineage import lineage
from stuurdata.governance.access import Resource, decide
from stuurdata.governance.principal import Principal
from stuurdata.warehouse.manifest import Manifest
from stuurdata.workspace import Workspace
from stuurdata.workspace.config import Classification

_ORDER: Final = list(Classification)
_GEMEENTE: Final = re.compile(r"^GM\d{4}$")
SCOPE_COLUMNS: Final = ("gemeentecode", "wijkcode", "buurtcode")
"""Area code columns, in order of preference, that limit rows to the reader's gemeenten."""


def stricter(a: Classification, b: Classification) -> Classification:
    return a if _ORDER.index(a) >= _ORDER.index(b) else b


@dataclass
class AccessContext:
    """The workspace definitions and the served version's manifest."""

    workspace: Workspace
    manifest: Manifest
    _resources: dict[str, Resource] = field(default_factory=dict, repr=False)

    def restricted(self) -> list[str]:
        """Built datasets that are not openbaar (by the build or the current definition)."""
        names = []
        for run in self.manifest.datasets:
            definition = self.workspace.datasets.get(run.name)
            if definition is None:
                continue
            built = Classification(run.classification) if run.classification else None
            if built is not Classification.OPENBAAR or (
                definition.classification is not Classification.OPENBAAR
            ):
                names.append(run.name)
        return names

    def classification(self, name: str) -> Classification:
        """The stricter of the built and the current classification; none: the strictest."""
        run = next(r for r in self.manifest.datasets if r.name == name)
        definition = self.workspace.datasets[name]
        strictest = Classification.BIJZONDERE_PERSOONSGEGEVENS
        built = Classification(run.classification) if run.classification else strictest
        return stricter(built, definition.classification or strictest)

    def purposes(self, name: str) -> frozenset[str]:
        """Purposes of the sources the dataset derives from."""
        graph = lineage(self.manifest, name)
        sources = graph.sources() if graph else []
        return frozenset(
            purpose
            for source in sources
            if (purpose := getattr(self.workspace.sources.get(source), "purpose", None))
        )

    def gemeenten(self, name: str) -> frozenset[str]:
        definition = self.workspace.datasets[name]
        return frozenset(definition.spatial or [t.code for t in self.workspace.config.tenants])


def dataset_resource(context: AccessContext, name: str) -> Resource:
    found = context._resources.get(name)
    if found is None:
        found = Resource(
            "dataset",
            name,
            context.classification(name),
            context.purposes(name),
            context.gemeenten(name),
        )
        context._resources[name] = found
    return found


def column_resource(context: AccessContext, dataset: str, column: str) -> Resource:
    """A column: its own classification (``column_classifications``), never laxer than the
    dataset's."""
    table = dataset_resource(context, dataset)
    declared = context.workspace.datasets[dataset].column_classifications.get(column)
    kind = stricter(declared, table.classification) if declared else table.classification
    return Resource("column", f"{dataset}.{column}", kind, table.purposes, table.gemeenten)


def readable_columns(
    principal: Principal, context: AccessContext, dataset: str, columns: Iterable[str]
) -> set[str]:
    """The columns of ``dataset`` the matrix lets ``principal`` read."""
    return {c for c in columns if decide(principal, column_resource(context, dataset, c)).allowed}


def scope_clause(columns: Iterable[str], gemeenten: frozenset[str] | None) -> str:
    """SQL condition keeping rows of ``gemeenten`` by the first area code column
    (``GMxxxx``, or the gemeente digits inside a ``WK``/``BU`` code); empty when there is no
    limit or no such column. Codes are checked, so inlining them is safe."""
    if gemeenten is None:
        return ""
    present = set(columns)
    column = next((c for c in SCOPE_COLUMNS if c in present), None)
    if column is None:
        return ""
    codes = sorted(c for c in gemeenten if _GEMEENTE.match(c))
    listed = ", ".join(f"'{c}'" for c in codes) or "NULL"
    if column == "gemeentecode":
        return f'"gemeentecode" IN ({listed})'
    return f"('GM' || substr(\"{column}\", 3, 4)) IN ({listed})"
