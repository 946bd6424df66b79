# SPDX-License-Identifier: EUPL-1.2
"""What a boundary file reader hands over: features with raw properties, shapes and a CRS."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from stuurdata.errors import Problem


@dataclass(frozen=True)
class RawFeature:
    """One feature as read. ``row`` is its 1-based position in the file (feature 1 is the first);
    ``geometry`` is a shapely geometry in the layer's CRS, or ``None`` when the file had none."""

    row: int
    properties: dict[str, Any]
    geometry: Any | None


@dataclass
class RawLayer:
    """A file's features. ``crs`` is the declared CRS (``EPSG:nnnn``) or ``None`` when the file
    declares none; ``year`` is a year the file declares as a whole (GeoJSON ``metadata.year``)."""

    file: str
    features: list[RawFeature]
    crs: str | None
    crs_source: str
    year: int | None = None
    problems: list[Problem] = field(default_factory=list)
