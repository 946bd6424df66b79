# SPDX-License-Identifier: EUPL-1.2
"""The feature collections of OGC API Features, read once per published version.

Three kinds, all public by construction:

* area layers ``gemeenten``, ``wijken``, ``buurten`` (and ``regios`` when they have geometry),
  from the portal's snapshot of ``areas.*``;
* indicator layers ``indicatoren-<level>`` for buurt, wijk, gemeente: one feature per area with one
  property per published indicator (the latest period of each, or the period asked for), read
  from ``published.indicators`` — a wide table QGIS can style by any column;
* dataset layers ``<dataset>`` for every ``published.<dataset>`` table of an openbaar dataset that
  has an area code column (buurtcode, wijkcode, gemeentecode or area_code), joined to the area's
  geometry.

Geometry is stored in RD New (EPSG:28992) and served in CRS84 or RD.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import shapely

from stuurdata.areas.crs import to_wgs84
from stuurdata.areas.model import AreaLevel
from stuurdata.portal.snapshot import AreaRow, Snapshot
from stuurdata.warehouse import PublishedVersion

CRS84: Final = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
RD: Final = "http://www.opengis.net/def/crs/EPSG/0/28992"
SUPPORTED_CRS: Final = (CRS84, RD)
AREA_LAYERS: Final = {
    "gemeenten": AreaLevel.GEMEENTE,
    "wijken": AreaLevel.WIJK,
    "buurten": AreaLevel.BUURT,
    "regios": AreaLevel.REGIO,
}
INDICATOR_LEVELS: Final = (AreaLevel.BUURT, AreaLevel.WIJK, AreaLevel.GEMEENTE)
AREA_COLUMNS: Final = {
    "buurtcode": AreaLevel.BUURT,
    "wijkcode": AreaLevel.WIJK,
    "gemeentecode": AreaLevel.GEMEENTE,
}
GEOMETRY_COLUMNS: Final = ("geometry_wkb", "geometry", "geom")  # WKB in RD New
_PRECISION: Final = {CRS84: 6, RD: 2}


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, bytes | bytearray | memoryview):
        return None
    return str(value)


@dataclass
class Layer:
    """One collection's features: ids, properties and RD geometries, in a fixed order."""

    id: str
    title: str
    description: str
    ids: list[str]
    properties: list[dict[str, Any]]
    geometries: npt.NDArray[np.object_]
    property_types: dict[str, str]
    _geojson: dict[str, list[Any]] = field(default_factory=dict, repr=False)
    _projected: dict[str, npt.NDArray[np.object_]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self._position = {fid: i for i, fid in enumerate(self.ids)}

    def position(self, feature_id: str) -> int | None:
        return self._position.get(feature_id)

    def projected(self, crs: str) -> npt.NDArray[np.object_]:
        """The geometries in ``crs`` (CRS84 or RD), computed once."""
        if crs == RD:
            return self.geometries
        with self._lock:
            found = self._projected.get(crs)
            if found is None:
                found = to_wgs84(self.geometries) if len(self.geometries) else self.geometries
                self._projected[crs] = found
            return found

    def geojson(self, crs: str) -> list[Any]:
        """GeoJSON geometry objects in ``crs``, one per feature (None without geometry)."""
        with self._lock:
            cached = self._geojson.get(crs)
        if cached is None:
            digits = _PRECISION[crs]
            geoms = shapely.transform(self.projected(crs), lambda c: np.round(c, digits))
            cached = [None if t is None else json.loads(t) for t in shapely.to_geojson(geoms)]
            with self._lock:
                self._geojson[crs] = cached
        return cached

    def bbox(self, crs: str = CRS84) -> list[float] | None:
        geoms = [g for g in self.projected(crs) if g is not None and not g.is_empty]
        if not geoms:
            return None
        return [round(float(v), _PRECISION[crs]) for v in shapely.total_bounds(geoms)]

    def matching(self, bbox: Sequence[float] | None, crs: str) -> list[int]:
        """Positions of the features whose geometry intersects ``bbox`` (given in ``crs``)."""
        if bbox is None:
            return list(range(len(self.ids)))
        box = shapely.box(*bbox)
        hits = shapely.intersects(self.projected(crs), box)
        return [int(i) for i in np.flatnonzero(hits)]


def _geometry_array(wkbs: Iterable[bytes | None]) -> npt.NDArray[np.object_]:
    values = list(wkbs)
    array = np.empty(len(values), dtype=object)
    for i, wkb in enumerate(values):
        array[i] = shapely.from_wkb(wkb) if wkb else None
    return array


def area_layer(layer_id: str, level: AreaLevel, rows: Sequence[AreaRow]) -> Layer:
    return Layer(
        id=layer_id,
        title=f"{layer_id.capitalize()} (gebiedsindeling)",
        description=f"De grenzen van de {layer_id} met code, naam en bovenliggend gebied.",
        ids=[r.code for r in rows],
        properties=[
            {
                "code": r.code,
                "name": r.name,
                "parent_code": r.parent_code,
                "year": r.year,
                "water": r.water,
            }
            for r in rows
        ],
        geometries=_geometry_array(r.geometry_wkb for r in rows),
        property_types={
            "code": "string",
            "name": "string",
            "parent_code": "string",
            "year": "integer",
            "water": "boolean",
        },
    )


@dataclass(frozen=True)
class IndicatorValues:
    """``published.indicators`` of one area level: value per area, indicator and period."""

    indicators: list[str]
    periods: list[str]
    values: dict[tuple[str, str], dict[str, float | None]]  # (indicator, period) -> code -> value

    def latest(self, indicator: str, period: str | None) -> str | None:
        if period is not None:
            return period if (indicator, period) in self.values else None
        found = [p for p in self.periods if (indicator, p) in self.values]
        return max(found) if found else None


def read_indicator_values(published: PublishedVersion, level: AreaLevel) -> IndicatorValues:
    con = published.connect()
    try:
        tables = {
            f"{s}.{t}"
            for s, t in con.execute(
                "SELECT table_schema, table_name FROM information_schema.tables"
            ).fetchall()
        }
        if "published.indicators" not in tables:
            return IndicatorValues([], [], {})
        rows = con.execute(
            "SELECT indicator, period, area_code, value FROM published.indicators "
            "WHERE area_level = ?",
            [str(level)],
        ).fetchall()
    finally:
        con.close()
    values: dict[tuple[str, str], dict[str, float | None]] = {}
    for indicator, period, code, value in rows:
        values.setdefault((str(indicator), str(period)), {})[str(code)] = _plain(value)
    indicators = sorted({k[0] for k in values})
    periods = sorted({k[1] for k in values})
    return IndicatorValues(indicators, periods, values)


def indicator_layer(
    level: AreaLevel,
    rows: Sequence[AreaRow],
    data: IndicatorValues,
    period: str | None,
    indicators: Sequence[str] | None,
) -> Layer:
    chosen = [i for i in data.indicators if indicators is None or i in indicators]
    periods = {i: data.latest(i, period) for i in chosen}
    properties: list[dict[str, Any]] = []
    for row in rows:
        props: dict[str, Any] = {"code": row.code, "name": row.name}
        for indicator in chosen:
            used = periods[indicator]
            props[indicator] = (
                None if used is None else data.values[(indicator, used)].get(row.code)
            )
        properties.append(props)
    when = f"periode {period}" if period else "de laatste periode van elke indicator"
    return Layer(
        id=f"indicatoren-{level}",
        title=f"Indicatoren per {level}",
        description=(
            f"Gepubliceerde indicatoren per {level} ({when}), na geheimhouding; een lege waarde "
            "is geheimgehouden of onbekend. Kies met ?period= een periode en met ?indicator= "
            "één of meer indicatoren (komma's)."
        ),
        ids=[r.code for r in rows],
        properties=properties,
        geometries=_geometry_array(r.geometry_wkb for r in rows),
        property_types={"code": "string", "name": "string", **dict.fromkeys(chosen, "number")},
    )


def _json_type(duck_type: str) -> str:
    upper = duck_type.upper()
    if upper in ("BOOLEAN",):
        return "boolean"
    if any(t in upper for t in ("INT", "HUGEINT")):
        return "integer"
    if any(t in upper for t in ("DOUBLE", "FLOAT", "DECIMAL", "REAL", "NUMERIC")):
        return "number"
    return "string"


def dataset_layer(
    snapshot: Snapshot, published: PublishedVersion, name: str, title: str, description: str
) -> Layer | None:
    """The layer of ``published.<name>`` joined to area geometry, or None without area column."""
    con = published.connect()
    try:
        columns = con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'published' AND table_name = ? ORDER BY ordinal_position",
            [name],
        ).fetchall()
        geometry = next((str(c) for c, t in columns if c in GEOMETRY_COLUMNS and t == "BLOB"), None)
        names = [str(c) for c, _ in columns if c != geometry]
        key = next((c for c in AREA_COLUMNS if c in names), None)
        if key is None and geometry is None:
            return None
        quoted = ", ".join(f'"{c}"' for c in names)
        shape = f', "{geometry}"' if geometry else ""
        rows = con.execute(
            f'SELECT {quoted}{shape} FROM published."{name}" ORDER BY {quoted}'
        ).fetchall()
    finally:
        con.close()
    wkbs: list[bytes | None] = []
    for row in rows:
        if geometry is not None:
            wkbs.append(row[-1])
            continue
        area = snapshot.area(str(row[names.index(str(key))]))
        wkbs.append(area.geometry_wkb if area is not None else None)
    return Layer(
        id=name,
        title=title,
        description=description,
        ids=[str(i + 1) for i in range(len(rows))],
        properties=[{c: _plain(v) for c, v in zip(names, row, strict=False)} for row in rows],
        geometries=_geometry_array(wkbs),
        property_types={str(c): _json_type(str(t)) for c, t in columns if c != geometry},
    )


def published_tables(published: PublishedVersion) -> set[str]:
    con = published.connect()
    try:
        return {
            str(t)
            for (t,) in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'published'"
            ).fetchall()
        }
    finally:
        con.close()
