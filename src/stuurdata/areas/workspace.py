# SPDX-License-Identifier: EUPL-1.2
"""The areas of a workspace: its boundary files, boundary year and region."""

from __future__ import annotations

from pathlib import Path

from stuurdata.areas.load import load_area_set
from stuurdata.areas.model import AreaSet
from stuurdata.workspace.config import WorkspaceConfig


def load_workspace_areas(root: Path, config: WorkspaceConfig) -> AreaSet:
    """Load ``config.areas`` (paths relative to ``root``) for ``config.boundary_year``, strictly,
    and add ``config.region`` when set. Raises :class:`stuurdata.errors.AreaError`."""
    files = config.areas
    areas = load_area_set(
        root / files.gemeenten,
        root / files.wijken,
        root / files.buurten,
        year=config.boundary_year,
        strict=True,
    )
    if config.region is not None:
        region = config.region
        areas.add_region(region.code, region.name, list(region.members))
    return areas
