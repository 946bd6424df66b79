# SPDX-License-Identifier: EUPL-1.2
"""The HTTP APIs over the published version: CKAN actions and the DCAT-AP-DONL catalog.

The portal includes :func:`api_routers`; the routers read the portal's snapshot store
(``app.state.store``: the published version and what may be shown without login) and keep one
catalog per published version in ``app.state.catalogs``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from fastapi import APIRouter, Request

from stuurdata.catalog import Catalog, CatalogCache
from stuurdata.warehouse.manifest import Manifest
from stuurdata.workspace import Workspace


class _Named(Protocol):
    @property
    def name(self) -> str: ...


class _Snapshot(Protocol):
    @property
    def manifest(self) -> Manifest: ...
    @property
    def datasets(self) -> Sequence[_Named]: ...


class SnapshotSource(Protocol):
    """What the APIs need of the portal's store: the workspace and the public snapshot."""

    root: Path

    @property
    def workspace(self) -> Workspace: ...
    def current(self) -> _Snapshot | None: ...


def api_routers() -> list[APIRouter]:
    """The API routers to include in the portal application."""
    from stuurdata.api.ckan import router as ckan_router
    from stuurdata.api.dcat import router as dcat_router
    from stuurdata.api.downloads import router as downloads_router
    from stuurdata.api.ogc import router as ogc_router
    from stuurdata.api.rest import router as rest_router
    from stuurdata.api.sql import router as sql_router

    return [ckan_router, dcat_router, ogc_router, sql_router, rest_router, downloads_router]


def current_catalog(request: Request) -> Catalog | None:
    """The catalog of the published version (only what may be shown); None before a build."""
    store: SnapshotSource = request.app.state.store
    snapshot = store.current()
    if snapshot is None:
        return None
    cache: CatalogCache | None = getattr(request.app.state, "catalogs", None)
    if cache is None:
        cache = request.app.state.catalogs = CatalogCache(store.root)
    visible = [d.name for d in snapshot.datasets] + _restricted(request)
    return cache.get(store.workspace, snapshot.manifest, visible)


def _restricted(request: Request) -> list[str]:
    """Non-public datasets the signed-in caller may read (none without login)."""
    from stuurdata.api.published import current_version, restricted_names
    from stuurdata.governance.principal import current_principal

    if not current_principal(request).authenticated:
        return []
    return restricted_names(request, current_version(request))


def base_url(request: Request) -> str:
    """The portal's base URL as the client reached it, without trailing slash."""
    return str(request.base_url).rstrip("/")
