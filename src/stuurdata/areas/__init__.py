# SPDX-License-Identifier: EUPL-1.2
"""Gemeente, wijk and buurt (CBS codes) per boundary year, regions of gemeenten, RD and WGS84."""

from stuurdata.areas.crs import to_rd, to_wgs84
from stuurdata.areas.load import load_area_set, read_boundary_file, write_geopackage
from stuurdata.areas.model import Area, AreaLevel, AreaSet
from stuurdata.areas.workspace import load_workspace_areas

__all__ = [
    "Area",
    "AreaLevel",
    "AreaSet",
    "load_area_set",
    "load_workspace_areas",
    "read_boundary_file",
    "to_rd",
    "to_wgs84",
    "write_geopackage",
]
