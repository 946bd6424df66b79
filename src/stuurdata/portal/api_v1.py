# SPDX-License-Identifier: EUPL-1.2
"""JSON endpoints of the minimal portal: areas (list or GeoJSON in WGS84) and the manifest."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request
from starlette.responses import JSONResponse, Response

from stuurdata.areas.model import AreaLevel
from stuurdata.portal.snapshot import Snapshot, store_of

router = APIRouter(prefix="/api/v1")

NO_BUILD = "Er is nog geen gepubliceerde versie; voer eerst 'stuurdata build' uit."


def _snapshot(request: Request) -> Snapshot:
    store = store_of(request)
    snapshot = store.current()
    if snapshot is None:
        raise HTTPException(status_code=503, detail=NO_BUILD)
    return snapshot


@router.get("/areas", response_model=None)
def areas(
    request: Request,
    level: AreaLevel = AreaLevel.GEMEENTE,
    format: Literal["json", "geojson"] = "json",
) -> Response:
    """Areas of one level: a list of code/name/parent_code, or a WGS84 GeoJSON FeatureCollection."""
    snapshot = _snapshot(request)
    if format == "geojson":
        return Response(snapshot.geojson(level), media_type="application/geo+json")
    items: list[dict[str, Any]] = [
        {"code": a.code, "name": a.name, "level": str(a.level), "parent_code": a.parent_code}
        for a in snapshot.areas[level]
    ]
    return JSONResponse({"version_id": snapshot.version_id, "level": str(level), "items": items})


@router.get("/manifest")
def manifest(request: Request) -> dict[str, Any]:
    """The manifest of the published version, without non-openbaar datasets."""
    return _snapshot(request).public_manifest
