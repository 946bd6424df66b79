# SPDX-License-Identifier: EUPL-1.2
"""The build step that writes ``published.<dataset>`` for every openbaar dataset.

Every public byte leaves through ``published``: the API, the downloads and the portal read only
these tables. The one road there is :func:`stuurdata.disclosure.datasets.protect_table` with the
dataset's ``disclosure:`` section; a dataset whose model reads personal data and has a numeric
column without a policy stops the build. Datasets that are not openbaar are never written here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from stuurdata.disclosure import STANDARD_POLICIES, DisclosureError
from stuurdata.disclosure.datasets import NO_POLICY, ColumnRule, is_numeric, protect_table
from stuurdata.errors import BuildError
from stuurdata.workspace.config import Classification, Dataset, DatasetDisclosure
from stuurdata.workspace.rules import personal_inputs

if TYPE_CHECKING:
    from stuurdata.workspace import Workspace

PUBLISHED_SCHEMA = "published"
_AREA_TABLES = ("areas.buurten", "areas.wijken", "areas.gemeenten")


def published_table(dataset: str) -> str:
    """The qualified table of an openbaar dataset in the published layer."""
    return f"{PUBLISHED_SCHEMA}.{dataset}"


def column_rules(disclosure: DatasetDisclosure | None) -> list[ColumnRule]:
    """The dataset's disclosure section as rules for :func:`protect_table`."""
    if disclosure is None:
        return []
    rules = []
    for name in disclosure.columns:
        spec = disclosure.column(name)
        assert spec is not None
        rules.append(ColumnRule(name, spec.policy, spec.kind, spec.population, spec.numerator))
    return rules


class _Context:
    """Hierarchy, regions and seed, read once and only when a dataset needs them."""

    def __init__(self, ws: Workspace, read: Callable[[str], pa.Table]) -> None:
        self.ws, self.read = ws, read
        self._hierarchy: dict[str, str | None] | None = None

    @property
    def hierarchy(self) -> dict[str, str | None]:
        if self._hierarchy is None:
            parents: dict[str, str | None] = {}
            for name in _AREA_TABLES:
                table = self.read(name)
                codes = table.column("code").to_pylist()
                up = table.column("parent_code").to_pylist()
                for code, parent in zip(codes, up, strict=True):
                    parents[code] = None if name == "areas.gemeenten" else parent
            self._hierarchy = parents
        return self._hierarchy

    @property
    def region_members(self) -> dict[str, list[str]]:
        region = self.ws.config.region
        return {region.code: list(region.members)} if region else {}

    @property
    def seed(self) -> bytes:
        from stuurdata.indicators.cube import load_seed

        if self.ws.config.disclosure is None:
            raise BuildError(
                "openbare datasets met geheimhouding hebben een zaad nodig: zet "
                "'disclosure: {seed: ...}' in stuurdata.yaml"
            )
        return load_seed(self.ws.config.disclosure.seed, self.ws.root)


def _unprotected(
    ws: Workspace, dataset: Dataset, table: pa.Table, rules: list[ColumnRule]
) -> list[str]:
    if not personal_inputs(ws, dataset.model):
        return []
    disclosure = dataset.disclosure
    keys = set(disclosure.dimensions) if disclosure else set()
    if disclosure is not None:
        keys |= {c for c in (disclosure.area, disclosure.period) if c}
    covered = {r.column for r in rules if r.policy != NO_POLICY}
    return [
        f.name
        for f in table.schema
        if is_numeric(f.type) and f.name not in covered and f.name not in keys
    ]


def _publish_one(ws: Workspace, dataset: Dataset, context: _Context, writer: Any) -> int:
    table = context.read(dataset.model)
    rules = column_rules(dataset.disclosure)
    missing = _unprotected(ws, dataset, table, rules)
    where = ws.label(f"dataset:{dataset.name}")
    if missing:
        raise BuildError(
            f"dataset {dataset.name} ({where}) leest persoonsgegevens, maar kolom(men) "
            f"{', '.join(missing)} hebben geen geheimhoudingsbeleid; geef ze er een onder "
            "'disclosure: columns:' (bijvoorbeeld cbs-aantallen)"
        )
    if all(r.policy == NO_POLICY for r in rules):
        writer.create_schemas([PUBLISHED_SCHEMA])
        return int(
            writer.create_table_as(published_table(dataset.name), f"SELECT * FROM {dataset.model}")
        )
    disclosure = dataset.disclosure
    assert disclosure is not None
    try:
        protected = protect_table(
            table,
            rules,
            hierarchy=context.hierarchy,
            policies=STANDARD_POLICIES,
            seed=context.seed,
            area=disclosure.area,
            period=disclosure.period,
            dimensions=disclosure.dimensions,
            region_members=context.region_members,
            prefix=f"{dataset.name}.",
        )
    except DisclosureError as exc:
        raise BuildError(f"geheimhouding van dataset {dataset.name} ({where}): {exc}") from exc
    # schema just before writing: the DuckDB writer wants no open result between reads and load
    writer.create_schemas([PUBLISHED_SCHEMA])
    return int(writer.load_arrow(PUBLISHED_SCHEMA, dataset.name, protected))


def publish_datasets(
    ws: Workspace, writer: Any, on_step: Callable[[str], None] | None = None
) -> dict[str, int]:
    """Write ``published.<name>`` for every openbaar dataset of ``ws``; rows per dataset.

    ``writer`` is the build's version writer. Raises :class:`BuildError` when a dataset that
    reads personal data has an unprotected numeric column, or protection fails.
    """
    from stuurdata.indicators.phase import read_table

    chosen = [d for d in ws.datasets.values() if d.classification is Classification.OPENBAAR]
    if not chosen:
        return {}
    context = _Context(ws, lambda name: read_table(writer, name))
    rows: dict[str, int] = {}
    for dataset in sorted(chosen, key=lambda d: d.name):
        rows[dataset.name] = _publish_one(ws, dataset, context, writer)
        if on_step is not None:
            on_step(published_table(dataset.name))
    return rows
