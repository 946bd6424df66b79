# SPDX-License-Identifier: EUPL-1.2
"""What the REST API and the downloads read: the ``published`` layer of the served version only.

Without login only openbaar datasets exist: a dataset that is not openbaar, or not published,
answers exactly like an unknown name (404 with the same message), so nothing leaks its
existence. Openbaar datasets are read from ``published`` only.

Signed-in users also see the non-public datasets :func:`stuurdata.governance.access.decide`
allows them: read from the served version's table of the dataset's model (``marts``/
``staging``), without the columns they may not see, limited to their gemeenten when the table
has an area code column. Every such access, allowed or refused, goes to the audit log.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Final

import duckdb
from fastapi import HTTPException, Request

from stuurdata.disclosure.datasets import reason_column
from stuurdata.governance.access import Decision, Resource, decide
from stuurdata.governance.audit import AuditEvent
from stuurdata.governance.principal import Principal, current_principal
from stuurdata.governance.resources import (
    AccessContext,
    dataset_resource,
    readable_columns,
    scope_clause,
)
from stuurdata.portal.snapshot import ServedVersion, store_of
from stuurdata.warehouse import PublishedVersion
from stuurdata.warehouse.publish_datasets import PUBLISHED_SCHEMA, published_table
from stuurdata.workspace import Workspace
from stuurdata.workspace.config import Classification, Dataset

NO_BUILD: Final = "Er is nog geen gepubliceerde versie; voer eerst 'stuurdata build' uit."
NOT_FOUND: Final = "Deze dataset bestaat niet (of is niet openbaar)."
INDICATORS_TABLE: Final = f"{PUBLISHED_SCHEMA}.indicators"
AREA_COLUMNS: Final = ("buurtcode", "wijkcode", "gemeentecode")
GEOMETRY_COLUMNS: Final = ("geometry_wkb", "geometry", "geom")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_LAYERS: Final = ("marts", "staging")


@dataclass(frozen=True)
class Column:
    """A column of a published dataset as the API describes it."""

    name: str
    type: str
    """DuckDB type name, e.g. BIGINT, DOUBLE, VARCHAR, DATE."""
    policy: str | None
    """Disclosure policy of a protected column; None for other columns."""
    reason_column: str | None
    """Column holding the reason of a suppressed value (``<name>_reden``)."""
    is_reason: bool


@dataclass(frozen=True)
class PublicTable:
    """One openbaar dataset of the served version, with its ``published`` table."""

    definition: Dataset
    version_id: str
    table: str
    columns: tuple[Column, ...]
    rows: int
    scope: str = ""
    """SQL condition limiting the rows to the reader's gemeenten (non-public only)."""
    decision: Decision | None = None
    """The access decision for a non-public dataset; None for openbaar ones."""

    @property
    def name(self) -> str:
        return self.definition.name

    @property
    def restricted(self) -> bool:
        return self.decision is not None

    @property
    def source(self) -> str:
        """The FROM clause to read rows from: ``published.<name>``, or for a non-public
        dataset its model table limited to the readable columns and rows (ordered by
        ``__rij``)."""
        if not self.restricted:
            return quoted(self.table)
        columns = ", ".join(f'"{c.name}"' for c in self.columns)
        where = f" WHERE {self.scope}" if self.scope else ""
        return f'(SELECT rowid AS "__rij", {columns} FROM {quoted(self.table)}{where})'

    @property
    def select(self) -> str:
        return ", ".join(f'"{c.name}"' for c in self.columns) if self.restricted else "*"

    @property
    def order(self) -> str:
        return '"__rij"' if self.restricted else "rowid"

    @property
    def area_column(self) -> str | None:
        """The area code column: the disclosure section's, else a known code column."""
        names = {c.name for c in self.columns}
        declared = self.definition.disclosure.area if self.definition.disclosure else None
        if declared in names:
            return declared
        return next((c for c in AREA_COLUMNS if c in names), None)

    @property
    def geometry_column(self) -> str | None:
        names = {c.name for c in self.columns}
        return next((c for c in GEOMETRY_COLUMNS if c in names), None)

    @property
    def has_points(self) -> bool:
        """True when the dataset has numeric RD coordinates ``x`` and ``y``."""
        numeric = ("DOUBLE", "FLOAT", "REAL", "INTEGER", "BIGINT", "DECIMAL")
        kinds = {c.name: c.type for c in self.columns}
        return all(kinds.get(axis, "").startswith(numeric) for axis in ("x", "y"))

    @property
    def spatial(self) -> bool:
        return self.geometry_column is not None or self.area_column is not None


def store_workspace(request: Request) -> Workspace:
    return store_of(request).workspace


def served_version(request: Request) -> ServedVersion:
    """The served version with its connection and per-version memos; 503 before the first build."""
    served = store_of(request).served()
    if served is None:
        raise HTTPException(status_code=503, detail=NO_BUILD)
    return served


def current_version(request: Request) -> PublishedVersion:
    """The served version; 503 before the first build."""
    return served_version(request).published


@contextmanager
def connect_served(request: Request) -> Iterator[tuple[ServedVersion, duckdb.DuckDBPyConnection]]:
    """A cursor on the served version's read-only connection, closed afterwards; 503 before
    the first build. The version's memos are for what never changes within a version."""
    served_version(request)
    with store_of(request).cursor() as (served, cursor):
        yield served, cursor


@contextmanager
def connect(request: Request) -> Iterator[tuple[PublishedVersion, duckdb.DuckDBPyConnection]]:
    """A cursor on the served version's read-only connection, closed afterwards."""
    with connect_served(request) as (served, cursor):
        yield served.published, cursor


def public_names(request: Request, published: PublishedVersion) -> list[str]:
    """Datasets the caller may see: openbaar when built and as defined now, plus for a
    signed-in user the non-public ones the access matrix allows."""
    definitions = store_workspace(request).datasets
    names = []
    for run in published.manifest.datasets:
        definition = definitions.get(run.name)
        if run.classification != Classification.OPENBAAR.value or definition is None:
            continue
        if definition.classification is Classification.OPENBAAR:
            names.append(run.name)
    return sorted(names + restricted_names(request, published))


def _context(request: Request, published: PublishedVersion) -> AccessContext:
    return AccessContext(store_workspace(request), published.manifest)


def restricted_names(request: Request, published: PublishedVersion) -> list[str]:
    """Non-public datasets of the served version that the signed-in caller may read
    (always empty without login)."""
    principal = current_principal(request)
    if not principal.authenticated:
        return []
    context = _context(request, published)
    return sorted(
        name
        for name in context.restricted()
        if decide(principal, dataset_resource(context, name)).allowed
    )


def _columns(con: duckdb.DuckDBPyConnection, definition: Dataset) -> tuple[Column, ...]:
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
        [PUBLISHED_SCHEMA, definition.name],
    ).fetchall()
    names = {str(r[0]) for r in rows}
    disclosure = definition.disclosure
    reasons = {reason_column(c) for c in names}
    found = []
    for name, kind in rows:
        spec = disclosure.column(name) if disclosure else None
        policy = spec.policy if spec and spec.policy != "geen" else None
        reason = reason_column(name) if reason_column(name) in names else None
        found.append(Column(str(name), str(kind), policy, reason, str(name) in reasons))
    return tuple(found)


def public_table(
    request: Request, published: PublishedVersion, con: duckdb.DuckDBPyConnection, name: str
) -> PublicTable:
    """The dataset ``name`` as the caller may read it; 404 (the same for unknown, hidden
    and refused) otherwise."""
    if not _NAME.match(name):
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    context = _context(request, published)
    if name in context.restricted():
        return _restricted_table(request, published, con, context, name)
    if name not in public_names(request, published):
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    definition = store_workspace(request).datasets[name]
    served = served_version(request)
    if served.version_id != published.version_id:  # published meanwhile: no memo
        found = _read_table(con, published, definition)
    else:
        found = served.memo(("public_table", name), lambda: _read_table(con, published, definition))
    if found is None:  # built before the published layer existed: not served
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    return found


def _read_table(
    con: duckdb.DuckDBPyConnection, published: PublishedVersion, definition: Dataset
) -> PublicTable | None:
    columns = _columns(con, definition)
    if not columns:
        return None
    name = definition.name
    row = con.execute(f'SELECT count(*) FROM "{PUBLISHED_SCHEMA}"."{name}"').fetchone()
    table = published_table(name)
    return PublicTable(definition, published.version_id, table, columns, int(row[0]) if row else 0)


def quoted(table: str) -> str:
    schema, name = table.split(".")
    return f'"{schema}"."{name}"'


def _restricted_table(
    request: Request,
    published: PublishedVersion,
    con: duckdb.DuckDBPyConnection,
    context: AccessContext,
    name: str,
) -> PublicTable:
    principal = current_principal(request)
    resource = dataset_resource(context, name)
    decision = decide(principal, resource)
    audit_access(request, principal, resource, decision)
    if not decision.allowed:
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    definition = context.workspace.datasets[name]
    model = definition.model
    if not _NAME.match(model.partition(".")[2]) or model.partition(".")[0] not in _LAYERS:
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    schema, _, table = model.partition(".")
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
        [schema, table],
    ).fetchall()
    if not rows:
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    all_columns = [(str(n), str(k)) for n, k in rows]
    allowed = readable_columns(principal, context, name, [n for n, _ in all_columns])
    columns = tuple(Column(n, k, None, None, False) for n, k in all_columns if n in allowed)
    if not columns:
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    scope = scope_clause([n for n, _ in all_columns], decision.gemeenten)
    where = f" WHERE {scope}" if scope else ""
    count = con.execute(f"SELECT count(*) FROM {quoted(model)}{where}").fetchone()
    return PublicTable(
        definition,
        published.version_id,
        model,
        columns,
        int(count[0]) if count else 0,
        scope,
        decision,
    )


def audit_access(
    request: Request, principal: Principal, resource: Resource, decision: Decision
) -> None:
    """Write the access to non-public ``resource`` to the audit log (when the app has one)."""
    services = getattr(request.app.state, "auth", None)
    if services is None:
        return
    services.audit.append(
        AuditEvent(
            actor=principal.user_id or "anoniem",
            actor_name=principal.name,
            via=principal.via,
            action=f"{request.method} {request.url.path}"[:300],
            resource=resource.label,
            classification=resource.classification.value,
            purpose=decision.purpose,
            result="toegestaan" if decision.allowed else "geweigerd",
            reason=decision.reason,
            ip=request.client.host if request.client else None,
            user_agent=request.headers.get("user-agent"),
        )
    )
