# SPDX-License-Identifier: EUPL-1.2
"""GeoPackage in and out with pyogrio (GDAL bundled in the wheel).

The CRS is read from ``gpkg_spatial_ref_sys`` (through ``gpkg_geometry_columns``); areas are
written one layer per level (``gemeenten``, ``wijken``, ``buurten``, ``regios``) in RD New with
CBS field names, to a temporary file that replaces the target only when complete.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import shapely

from stuurdata.areas.crs import RD, normalise_crs
from stuurdata.areas.model import AreaLevel
from stuurdata.areas.raw import RawFeature, RawLayer
from stuurdata.errors import AreaError, Problem

if TYPE_CHECKING:
    from stuurdata.areas.model import Area

LAYER_NAMES: dict[AreaLevel, str] = {
    AreaLevel.GEMEENTE: "gemeenten",
    AreaLevel.WIJK: "wijken",
    AreaLevel.BUURT: "buurten",
    AreaLevel.REGIO: "regios",
}
_CODE = {
    AreaLevel.GEMEENTE: "gemeentecode",
    AreaLevel.WIJK: "wijkcode",
    AreaLevel.BUURT: "buurtcode",
    AreaLevel.REGIO: "regiocode",
}
_NAME = {
    AreaLevel.GEMEENTE: "gemeentenaam",
    AreaLevel.WIJK: "wijknaam",
    AreaLevel.BUURT: "buurtnaam",
    AreaLevel.REGIO: "regionaam",
}
_PARENT = {AreaLevel.WIJK: "gemeentecode", AreaLevel.BUURT: "wijkcode"}


def _srs(path: Path, layer: str) -> str | None:
    """``EPSG:id`` of the layer's SRS in gpkg_spatial_ref_sys; None when undefined (srs_id 0 or
    -1, or GDAL's 'Undefined SRS')."""
    query = (
        "SELECT s.organization, s.organization_coordsys_id, s.definition "
        "FROM gpkg_geometry_columns g JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id "
        "WHERE g.table_name = ?"
    )
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        row = db.execute(query, (layer,)).fetchone()
    if row is None:
        return None
    organization, number, definition = row
    if str(organization).upper() == "EPSG" and number is not None and int(number) > 0:
        return f"EPSG:{int(number)}"
    try:
        return normalise_crs(str(definition))
    except Exception:  # undefined or unknown SRS: decided from the coordinates instead
        return None


def _pick_layer(path: Path, level: AreaLevel | None) -> str:
    import pyogrio  # imported when used: it pulls in pandas when installed (seconds at start-up)

    names = [str(n) for n, _ in pyogrio.list_layers(path)]
    if level is not None:
        wanted = {LAYER_NAMES[level], str(level)}
        for name in names:
            if name.lower() in wanted:
                return name
        for name in names:
            if LAYER_NAMES[level] in name.lower():
                return name
    if len(names) == 1:
        return names[0]
    problem = Problem(
        str(path),
        "areas.layer",
        "kies een laag: het bestand heeft er meer",
        expected=" of ".join(LAYER_NAMES.values()),
        found=", ".join(names),
    )
    raise AreaError(f"Grenzenbestand {path} heeft geen eenduidige laag", [problem])


def read_geopackage(path: Path, level: AreaLevel | None = None) -> RawLayer:
    """Read the layer for ``level`` (or the only layer) of a GeoPackage."""
    import pyogrio.errors
    import pyogrio.raw

    file = str(path)
    try:
        layer_name = _pick_layer(path, level)
        meta, _fids, wkb, field_data = pyogrio.raw.read(path, layer=layer_name)
        crs = _srs(path, layer_name)
    except (
        pyogrio.errors.DataSourceError,
        pyogrio.errors.DataLayerError,
        sqlite3.DatabaseError,
    ) as exc:
        problem = Problem(file, "areas.geopackage", f"GeoPackage onleesbaar: {exc}")
        raise AreaError(f"Grenzenbestand {file} is onleesbaar", [problem]) from exc
    names = [str(n) for n in meta["fields"]]
    columns = [np.asarray(values).tolist() for values in field_data]
    geoms = shapely.from_wkb(wkb) if wkb is not None else [None] * len(columns[0])
    layer = RawLayer(file, [], crs, "gpkg_spatial_ref_sys" if crs else "geen srs")
    for index, geometry in enumerate(geoms):
        properties = {name: column[index] for name, column in zip(names, columns, strict=True)}
        layer.features.append(RawFeature(index + 1, properties, geometry))
    return layer


def write_areas(path: Path, areas: Sequence[Area]) -> None:
    """Write ``areas`` to a new GeoPackage at ``path``, one layer per level, in RD New."""
    target = Path(path)
    fd, tmp_name = tempfile.mkstemp(suffix=".gpkg", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        for level in AreaLevel:
            chosen = sorted((a for a in areas if a.level == level), key=lambda a: a.code)
            if chosen:
                _write_layer(tmp, level, chosen)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


def _write_layer(path: Path, level: AreaLevel, areas: Sequence[Area]) -> None:
    fields = [_CODE[level], _NAME[level], "jaar", "water"]
    data = [
        np.array([a.code for a in areas], dtype=object),
        np.array([a.name for a in areas], dtype=object),
        np.array([a.year for a in areas], dtype=np.int32),
        np.array(["JA" if a.water else "NEE" for a in areas], dtype=object),
    ]
    if level in _PARENT:
        fields.append(_PARENT[level])
        data.append(np.array([a.parent_code for a in areas], dtype=object))
    geoms = np.empty(len(areas), dtype=object)
    geoms[:] = [a.geometry_rd for a in areas]
    wkb = shapely.to_wkb(_as_multi(geoms))
    import pyogrio.raw

    pyogrio.raw.write(
        path,
        wkb,
        data,
        fields,
        layer=LAYER_NAMES[level],
        driver="GPKG",
        geometry_type="MultiPolygon",
        crs=RD,
        append=path.exists(),
    )


def _as_multi(geoms: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    out = np.empty(len(geoms), dtype=object)
    for i, geom in enumerate(geoms):
        if geom is None or geom.geom_type == "MultiPolygon":
            out[i] = geom
        else:
            out[i] = shapely.MultiPolygon([geom])
    return out
