# SPDX-License-Identifier: EUPL-1.2
"""The portal's in-memory view of the published warehouse version.

Everything the pages show is read once per published version (``areas.*`` tables and the
manifest) and kept until a newer version is published; GeoJSON in WGS84 is made on first use
and cached with the version. Nothing is read from raw source files.

The store keeps one read-only DuckDB connection per served version (:class:`ServedVersion`);
requests run on a ``cursor()`` of it. Whether a new version was published is decided from the
``(mtime_ns, size, inode)`` of ``CURRENT.json`` (a build replaces it atomically), so an
unchanged pointer costs one ``stat`` instead of parsing the manifest. The connection of a
superseded version is closed as soon as the last request using it finishes.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import duckdb
import shapely

from stuurdata.areas.crs import to_wgs84
from stuurdata.areas.export import areas_to_geojson
from stuurdata.areas.model import Area, AreaLevel
from stuurdata.errors import BuildError
from stuurdata.portal.publication import PublicDataset, public_datasets, public_manifest
from stuurdata.warehouse import Manifest, PublishedVersion, open_current
from stuurdata.warehouse.duckdb_engine import CURRENT_FILE, DuckDBEngine
from stuurdata.workspace import Workspace
from stuurdata.workspace.config import WorkspaceConfig

if TYPE_CHECKING:
    from starlette.requests import Request

T = TypeVar("T")
_ATTEMPTS = 3
RECENT_SIZE = 4096
"""Default entries per space of :meth:`ServedVersion.recent` (per version)."""

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


class ServedVersion:
    """One published version while it is served: a read-only connection and per-version memos.

    Requests borrow a cursor with :meth:`cursor`; :meth:`retire` (a newer version was
    published) closes the connection once no cursor is borrowed any more.
    """

    def __init__(self, published: PublishedVersion) -> None:
        self.published = published
        self._connection: duckdb.DuckDBPyConnection | None = published.connect()
        self._borrowed = 0
        self._retired = False
        self._lock = threading.Lock()
        self._memo: dict[Hashable, Any] = {}
        self._recent: dict[str, OrderedDict[Hashable, Any]] = {}

    @property
    def version_id(self) -> str:
        return self.published.version_id

    @property
    def closed(self) -> bool:
        return self._connection is None

    def _borrow(self) -> duckdb.DuckDBPyConnection | None:
        with self._lock:
            if self._connection is None:
                return None
            self._borrowed += 1
            return self._connection.cursor()

    def _give_back(self, cursor: duckdb.DuckDBPyConnection) -> None:
        cursor.close()
        with self._lock:
            self._borrowed -= 1
            if self._retired and self._borrowed == 0:
                self._close()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on this version, closed afterwards; ``VersionClosedError`` once closed."""
        cursor = self._borrow()
        if cursor is None:
            raise VersionClosedError(self.version_id)
        try:
            yield cursor
        finally:
            self._give_back(cursor)

    def memo(self, key: Hashable, make: Callable[[], T]) -> T:
        """``make()``, computed once per version (a version never changes)."""
        if key not in self._memo:
            value = make()  # outside the lock: at worst two threads compute the same value
            with self._lock:
                self._memo.setdefault(key, value)
        return cast(T, self._memo[key])

    def recent(
        self, space: str, key: Hashable, make: Callable[[], T], size: int = RECENT_SIZE
    ) -> T:
        """``make()`` for a key made from request parameters, kept per version in an LRU of
        ``size`` entries per ``space`` (so arbitrary requests cannot grow it without bound);
        ``size`` 0 computes every time."""
        if size <= 0:
            return make()
        with self._lock:
            entries = self._recent.setdefault(space, OrderedDict())
            if key in entries:
                entries.move_to_end(key)
                return cast(T, entries[key])
        value = make()
        with self._lock:
            entries[key] = value
            while len(entries) > size:
                entries.popitem(last=False)
        return value

    def peek(self, space: str, key: Hashable) -> Any | None:
        """What :meth:`recent` keeps for ``key`` in ``space``, or None (nothing computed)."""
        with self._lock:
            entries = self._recent.get(space)
            if entries is None or key not in entries:
                return None
            entries.move_to_end(key)
            return entries[key]

    def retire(self) -> None:
        """No new requests use this version: close it when the last borrowed cursor returns."""
        with self._lock:
            self._retired = True
            if self._borrowed == 0:
                self._close()

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class VersionClosedError(RuntimeError):
    """The version was superseded and closed between resolving and borrowing a cursor."""


def read_snapshot(
    workspace: Workspace, published: PublishedVersion, served: ServedVersion | None = None
) -> Snapshot:
    """Read the areas and manifest of ``published`` into memory."""
    con = served._borrow() if served is not None else None
    if con is None:
        con = published.connect()
        served = None
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
        if served is not None:
            served._give_back(con)
        else:
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


_Stat = tuple[int, int, int]


@dataclass(frozen=True)
class _Served:
    stat: _Stat
    version: ServedVersion
    snapshot: Snapshot


class SnapshotStore:
    """Follows the published version of one workspace; rereads only when a new one appears."""

    def __init__(self, workspace_root: Path) -> None:
        self.root = workspace_root
        self._workspace: Workspace | None = None
        self._served: _Served | None = None
        self._pointer: Path | None = None
        self._lock = threading.Lock()

    @property
    def workspace(self) -> Workspace:
        """The workspace definitions, loaded on first use (raises ``WorkspaceError``)."""
        if self._workspace is None:
            self._workspace = Workspace.load(self.root)
        return self._workspace

    def _current_file(self) -> Path:
        if self._pointer is None:
            engine = DuckDBEngine(self.workspace.config.engine, self.root)
            self._pointer = engine.root / CURRENT_FILE
        return self._pointer

    def _stat(self) -> _Stat | None:
        try:
            info = self._current_file().stat()
        except FileNotFoundError:
            return None
        return (info.st_mtime_ns, info.st_size, info.st_ino)

    def _resolve(self) -> _Served | None:
        stat = self._stat()
        served = self._served
        if served is not None and stat == served.stat:
            return served
        with self._lock:
            served = self._served
            if served is not None and stat == served.stat:
                return served
            # stat before resolving: a build publishing in between changes the stat again
            published = open_current(self.root, self.workspace.config.engine.path)
            if published is None:
                return None
            if served is not None and served.version.version_id == published.version_id:
                self._served = _Served(stat or served.stat, served.version, served.snapshot)
                return self._served
            if served is not None:
                # a new build: definitions (titles, descriptions, classifications) may differ
                self._workspace = Workspace.load(self.root)
            version = self._open(published)
            snapshot = read_snapshot(self.workspace, published, version)
            self._served = _Served(stat or (0, 0, 0), version, snapshot)
            if served is not None:
                served.version.retire()
            return self._served

    def _open(self, published: PublishedVersion) -> ServedVersion:
        for _ in range(_ATTEMPTS):
            try:
                return ServedVersion(published)
            except BuildError:  # cleaned up between resolving and opening: resolve once more
                found = open_current(self.root, self.workspace.config.engine.path)
                if found is None:
                    break
                published = found
        return ServedVersion(published)

    def current(self) -> Snapshot | None:
        """The snapshot of the version published now, or None before the first build."""
        served = self._resolve()
        return None if served is None else served.snapshot

    def served(self) -> ServedVersion | None:
        """The version published now with its connection, or None before the first build."""
        served = self._resolve()
        return None if served is None else served.version

    @contextmanager
    def cursor(self) -> Iterator[tuple[ServedVersion, duckdb.DuckDBPyConnection]]:
        """A cursor on the version published now, closed afterwards.

        Raises ``LookupError`` before the first build (check :meth:`served` first to answer
        that case differently).
        """
        for _ in range(_ATTEMPTS):
            version = self.served()
            if version is None:
                raise LookupError("no published version")
            cursor = version._borrow()
            if cursor is None:  # superseded and closed just now: resolve again
                continue
            try:
                yield version, cursor
            finally:
                version._give_back(cursor)
            return
        raise VersionClosedError("no open version")

    def close(self) -> None:
        """Close the served version's connection (when the application stops)."""
        with self._lock:
            if self._served is not None:
                self._served.version.retire()
                self._served = None


def store_of(request: Request) -> SnapshotStore:
    """The portal's :class:`SnapshotStore` (``create_app`` puts it on the app's state)."""
    store: SnapshotStore = request.app.state.store
    return store
