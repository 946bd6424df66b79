# SPDX-License-Identifier: EUPL-1.2
"""The warehouse: versioned builds behind an engine adapter, published by an atomic swap."""

from stuurdata.warehouse.build import BuildProgress, build
from stuurdata.warehouse.engine import EngineAdapter, VersionWriter, create_engine
from stuurdata.warehouse.inputs import check_sources
from stuurdata.warehouse.manifest import Manifest
from stuurdata.warehouse.store import PublishedVersion, open_current

__all__ = [
    "BuildProgress",
    "EngineAdapter",
    "Manifest",
    "PublishedVersion",
    "VersionWriter",
    "build",
    "check_sources",
    "create_engine",
    "open_current",
]
