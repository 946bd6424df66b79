# SPDX-License-Identifier: EUPL-1.2
"""Indicators: definitions compiled to SQL per family, computed into one cube per build.

``compute_cube`` writes ``cube.indicators`` (indicator x area x period, buurt to region and
comparison groups); ``publish_cube`` writes ``published.indicators`` through disclosure control;
``run_indicators`` does both for the warehouse build.
"""

from stuurdata.indicators.compiler import (
    CUBE_TABLE,
    PUBLISHED_TABLE,
    SIZE_CLASSES,
    cube_sql,
    family_sql,
    regions_sql,
)
from stuurdata.indicators.connection import ConnectionWriter
from stuurdata.indicators.cube import CubeRun, CubeWriter, FamilyRun, compute_cube, publish_cube
from stuurdata.indicators.families import Family, families
from stuurdata.indicators.phase import run_indicators

__all__ = [
    "CUBE_TABLE",
    "PUBLISHED_TABLE",
    "SIZE_CLASSES",
    "ConnectionWriter",
    "CubeRun",
    "CubeWriter",
    "Family",
    "FamilyRun",
    "compute_cube",
    "cube_sql",
    "families",
    "family_sql",
    "publish_cube",
    "regions_sql",
    "run_indicators",
]
