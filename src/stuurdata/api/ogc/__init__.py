# SPDX-License-Identifier: EUPL-1.2
"""OGC API Features under ``/ogc``: areas, indicators per area and spatial open datasets.

QGIS and OWSLib connect to ``<portal>/ogc``. See :mod:`stuurdata.api.ogc.layers` for what is
served and :mod:`stuurdata.api.ogc.routes` for the endpoints.
"""

from __future__ import annotations

from stuurdata.api.ogc.routes import router

__all__ = ["router"]
