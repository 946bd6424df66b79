# SPDX-License-Identifier: EUPL-1.2
"""Load the CBS Wijk- en buurtkaart (GeoJSON, TopoJSON, GeoPackage) into an :class:`AreaSet`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from stuurdata.areas.geopackage import write_areas
from stuurdata.areas.hierarchy import MIN_INSIDE, build_area_set
from stuurdata.areas.layers import BoundaryLayer, read_boundary_layer
from stuurdata.areas.model import Area, AreaLevel, AreaSet
from stuurdata.errors import AreaError

Paths = Path | Sequence[Path]


def read_boundary_file(
    path: Path, level: AreaLevel | None = None, year: int | None = None
) -> list[Area]:
    """The areas of one boundary file (format by extension: .geojson/.json/.topojson/.gpkg).

    ``level`` is detected from the codes when ``None``; ``year`` comes from the file's jaar
    fields when ``None``. Raises :class:`AreaError` listing every error (bad or duplicate codes,
    contradicting parent fields, wrong year, unknown CRS); warnings such as empty shapes are
    available through :func:`stuurdata.areas.layers.read_boundary_layer`.
    """
    layer = read_boundary_layer(Path(path), level, year)
    if layer.errors:
        raise AreaError(f"Grenzenbestand {path} heeft {len(layer.errors)} fout(en)", layer.errors)
    return layer.areas


def _layers(paths: Paths | None, level: AreaLevel, year: int) -> list[BoundaryLayer]:
    if paths is None:
        return []
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    return [read_boundary_layer(Path(p), level, year) for p in items]


def load_area_set(
    gemeenten: Paths | None,
    wijken: Paths,
    buurten: Paths | None,
    year: int,
    strict: bool = True,
    *,
    min_inside: float = MIN_INSIDE,
) -> AreaSet:
    """Read the gemeente, wijk and (optional) buurt files of ``year`` and check the hierarchy.

    Each argument may be one file or several (e.g. one wijken file per gemeente). With
    ``gemeenten=None`` the gemeenten are derived from the wijkcodes (a warning each). With
    ``strict`` every error in any file or between files raises one :class:`AreaError` listing
    them all; otherwise bad features are left out, missing parents derived, and all problems
    are returned by :meth:`AreaSet.problems`.
    """
    layers = [
        *_layers(gemeenten, AreaLevel.GEMEENTE, year),
        *_layers(wijken, AreaLevel.WIJK, year),
        *_layers(buurten, AreaLevel.BUURT, year),
    ]
    derive = frozenset({AreaLevel.GEMEENTE}) if gemeenten is None else frozenset()
    return build_area_set(year, layers, strict=strict, derive=derive, min_inside=min_inside)


def write_geopackage(path: Path, areas: list[Area]) -> None:
    """Write areas to a GeoPackage in RD New, one layer per level (gemeenten, wijken, buurten,
    regios) with CBS field names; :func:`read_boundary_file` reads it back."""
    write_areas(Path(path), areas)
