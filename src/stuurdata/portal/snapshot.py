# SPDX-License-Identifier: EUPL-1.2
"""The portal's in-memory view of the published warehouse version.

Everything the pages show is read once per published version (``areas.*`` tables and the
manifest) and kept until a newer version is published; GeoJSON in WGS84 is made on first use
and cached with the version. Nothing is read from raw source files.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely

from stuurdata.areas.crs import to_wgs84
from stuurdata.areas.export import areas_to_geojson
from stuurdata.areas.model import Area, AreaLevel
from stuurdata.portal.publication import PublicDataset, public_datasets, public_manifest
from stuurdata.warehouse import Manifest, PublishedVersion, open_current
from stuurdata.workspace import Workspace
from stuurdata.workspace.config import WorkspaceConfig

LEVELS: tuple[AreaLevel, ...] = (
    AreaLevel.REGIO,
    AreaLevel.GEMEENTE,
    AreaLevel.WIJK,
    AreaLevel.BUURT,
)
_TABLES = {
    AreaLevel.REGIO: "areas.regios",
    AreaLevel.GEMEENTE: "areas.gemeenten",
    AreaLevel.WIJK: "areas.wijken",
    AreaLevel.BUURT: "areas.buurten",
}


@dataclass(frozen=True)
class AreaRow:
    """One area as the portal shows it; geometry stays WKB in RD until GeoJSON is asked for."""

    code: str
    name: str
    level: AreaLevel
    parent_code: str | None
    year: int
    water: bool
    geometry_wkb: bytes | None = field(repr=False)


@dataclass
class Snapshot:
    """One published version, read into memory for the pages and the JSON endpoints."""

    version_id: str
    manifest: Manifest
    config: WorkspaceConfig
    areas: dict[AreaLevel, list[AreaRow]]
    datasets: list[PublicDataset]
    public_manifest: dict[str, Any]
    _geojson: dict[AreaLevel, bytes] = field(default_factory=dict, repr=False)
    _bounds: tuple[float, float, float, float] | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self._by_code = {row.code: row for rows in self.areas.values() for row in rows}
        self._children: dict[str, list[AreaRow]] = {}
        for level in (AreaLevel.WIJK, AreaLevel.BUURT):
            for row in self.areas.get(level, []):
                if row.parent_code:
                    self._children.setdefault(row.parent_code, []).append(row)
        if self.config.region:
            members = set(self.config.region.members)
            self._children[self.config.region.code] = [
                g for g in self.areas.get(AreaLevel.GEMEENTE, []) if g.code in members
            ]

    def area(self, code: str) -> AreaRow | None:
        return self._by_code.get(code)

    def children(self, area: AreaRow) -> list[AreaRow]:
        """Wijken of a gemeente, buurten of a wijk, member gemeenten of a region."""
        return self._children.get(area.code, [])

    def count_below(self, gemeente: AreaRow, level: AreaLevel) -> int:
        """Number of wijken or buurten in a gemeente."""
        wijken = self.children(gemeente)
        if level == AreaLevel.WIJK:
            return len(wijken)
        return sum(len(self.children(wijk)) for wijk in wijken)

    def dataset(self, name: str) -> PublicDataset | None:
        return next((d for d in self.datasets if d.name == name), None)

    def geojson(self, level: AreaLevel) -> bytes:
        """FeatureCollection in WGS84 (properties code, name, parent_code), cached per level."""
        with self._lock:
            cached = self._geojson.get(level)
            if cached is None:
                collection = areas_to_geojson(list(_shapes(self.areas[level])), crs="wgs84")
                cached = json.dumps(collection, separators=(",", ":")).encode()
                self._geojson[level] = cached
            return cached

    def bounds(self) -> tuple[float, float, float, float] | None:
        """WGS84 bounds (west, south, east, north) of the gemeenten, for the map's first view."""
        if self._bounds is None:
            shapes = [a.geometry_rd for a in _shapes(self.areas[AreaLevel.GEMEENTE])]
            found = [g for g in shapes if g is not None and not g.is_empty]
            if not found:
                return None
            west, south, east, north = shapely.total_bounds(to_wgs84(found))
            self._bounds = (float(west), float(south), float(east), float(north))
        return self._bounds


def _shapes(rows: Iterable[AreaRow]) -> Iterable[Area]:
    for row in rows:
        geometry = shapely.from_wkb(row.geometry_wkb) if row.geometry_wkb else None
        yield Area(row.code, row.name, row.level, row.parent_code, row.year, geometry, row.water)


def read_snapshot(workspace: Workspace, published: PublishedVersion) -> Snapshot:
    """Read the areas and manifest of ``published`` into memory."""
    con = published.connect()
    try:
        tables = {
            f"{schema}.{name}"
            for schema, name in con.execute(
                "SELECT table_schema, table_name FROM information_schema.tables"
            ).fetchall()
        }
        areas: dict[AreaLevel, list[AreaRow]] = {}
        for level in LEVELS:
            table = _TABLES[level]
            if table not in tables:
                areas[level] = []
                continue
            rows = con.execute(
                f"SELECT code, name, parent_code, year, water, geometry_wkb FROM {table} ORDER BY code"
            ).fetchall()
            areas[level] = [
                AreaRow(code, name, level, parent, int(year), bool(water), wkb)
                for code, name, parent, year, water, wkb in rows
            ]
    finally:
        con.close()
    datasets = public_datasets(published.manifest, workspace.datasets)
    return Snapshot(
        version_id=published.version_id,
        manifest=published.manifest,
        config=workspace.config,
        areas=areas,
        datasets=datasets,
        public_manifest=public_manifest(published.manifest, datasets),
    )


class SnapshotStore:
    """Follows the published version of one workspace; rereads only when a new one appears."""

    def __init__(self, workspace_root: Path) -> None:
        self.root = workspace_root
        self._workspace: Workspace | None = None
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()

    @property
    def workspace(self) -> Workspace:
        """The workspace definitions, loaded on first use (raises ``WorkspaceError``)."""
        if self._workspace is None:
            self._workspace = Workspace.load(self.root)
        return self._workspace

    def current(self) -> Snapshot | None:
        """The snapshot of the version published now, or None before the first build."""
        published = open_current(self.root, self.workspace.config.engine.path)
        if published is None:
            return None
        with self._lock:
            if self._snapshot is None or self._snapshot.version_id != published.version_id:
                if self._snapshot is not None:
                    # a new build: definitions (titles, descriptions, classifications) may differ
                    self._workspace = Workspace.load(self.root)
                self._snapshot = read_snapshot(self.workspace, published)
            return self._snapshot
