# SPDX-License-Identifier: EUPL-1.2
"""HTTP routes of OGC API Features under ``/ogc`` (Part 1 Core, GeoJSON, HTML, OpenAPI 3.0;
Part 2 CRS for RD New).

JSON unless ``f=html`` or a browser's ``Accept: text/html`` asks for a page. Errors are JSON
``{"code", "description"}`` with status 400 (bad parameter) or 404 (unknown collection or
feature), as the standard asks.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from typing import Any, Final
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.openapi.utils import get_openapi
from starlette.responses import JSONResponse, Response

from stuurdata.api.ogc.collections import CollectionInfo, VersionCollections
from stuurdata.api.ogc.layers import CRS84, RD, SUPPORTED_CRS, Layer
from stuurdata.api.ogc.pages import render_page
from stuurdata.portal.snapshot import Snapshot
from stuurdata.warehouse import open_current

router = APIRouter(prefix="/ogc", tags=["OGC API Features"])
GEOJSON: Final = "application/geo+json"
OPENAPI_30: Final = "application/vnd.oai.openapi+json;version=3.0"
DEFAULT_LIMIT: Final = 10
MAX_LIMIT: Final = 10_000
CONFORMANCE: Final = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
]
_LOCK = threading.Lock()
_CRS_ALIASES: Final = {
    CRS84: CRS84,
    "CRS84": CRS84,
    "OGC:CRS84": CRS84,
    "urn:ogc:def:crs:OGC:1.3:CRS84": CRS84,
    RD: RD,
    "EPSG:28992": RD,
    "urn:ogc:def:crs:EPSG::28992": RD,
}


class OgcError(Exception):
    def __init__(self, status: int, code: str, description: str) -> None:
        super().__init__(description)
        self.status, self.code, self.description = status, code, description


def _error(error: OgcError) -> JSONResponse:
    return JSONResponse(
        {"code": error.code, "description": error.description}, status_code=error.status
    )


def _state(request: Request) -> tuple[Snapshot, VersionCollections]:
    store = request.app.state.store
    snapshot: Snapshot | None = store.current()
    if snapshot is None:
        raise OgcError(503, "NoBuild", "Er is nog geen gepubliceerde versie.")
    cached: VersionCollections | None = getattr(request.app.state, "ogc_collections", None)
    if cached is not None and cached.version_id == snapshot.version_id:
        return snapshot, cached
    with _LOCK:
        cached = getattr(request.app.state, "ogc_collections", None)
        if cached is None or cached.version_id != snapshot.version_id:
            published = open_current(store.root, store.workspace.config.engine.path)
            if published is None or published.version_id != snapshot.version_id:
                raise OgcError(503, "NoBuild", "De gepubliceerde versie wisselt; probeer opnieuw.")
            cached = VersionCollections(snapshot, published)
            request.app.state.ogc_collections = cached
        return snapshot, cached


def _html_wanted(request: Request) -> bool:
    f = request.query_params.get("f")
    if f is not None:
        if f not in ("json", "html", "geojson"):
            raise OgcError(400, "InvalidParameterValue", f"onbekend formaat f={f}: json of html")
        return f == "html"
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "json" not in accept.split("text/html")[0]


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/") + "/ogc"


def _link(href: str, rel: str, type_: str, title: str) -> dict[str, str]:
    return {"href": href, "rel": rel, "type": type_, "title": title}


def _self_links(request: Request, json_type: str = "application/json") -> list[dict[str, str]]:
    params = {k: v for k, v in request.query_params.items() if k != "f"}
    url = str(request.url.replace(query=""))
    as_json = f"{url}?{urlencode({**params, 'f': 'json'})}"
    as_html = f"{url}?{urlencode({**params, 'f': 'html'})}"
    html = _html_wanted(request)
    return [
        _link(as_html if html else as_json, "self", "text/html" if html else json_type, "dit document"),
        _link(as_json if html else as_html, "alternate", json_type if html else "text/html",
              "dit document als " + ("JSON" if html else "HTML")),
    ]  # fmt: skip


def _respond(
    request: Request, snapshot: Snapshot, body: dict[str, Any], kind: str, media_type: str,
    headers: dict[str, str] | None = None,
) -> Response:  # fmt: skip
    if _html_wanted(request):
        return render_page(request, snapshot, kind, body)
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return Response(text, media_type=media_type, headers=headers)


def _handle(request: Request, build: Any) -> Response:
    try:
        result: Response = build()
        return result
    except OgcError as error:
        return _error(error)


@router.get("", summary="Landingspagina van OGC API Features")
def landing(request: Request) -> Response:
    def build() -> Response:
        snapshot, _ = _state(request)
        base = _base(request)
        body = {
            "title": f"{snapshot.config.name}: OGC API Features",
            "description": "Openbare gebieden, indicatoren per gebied en ruimtelijke datasets.",
            "links": [
                *_self_links(request),
                _link(f"{base}/api", "service-desc", OPENAPI_30, "OpenAPI 3.0"),
                _link(f"{base}/conformance", "conformance", "application/json", "conformiteit"),
                _link(f"{base}/collections", "data", "application/json", "collecties"),
            ],
        }
        return _respond(request, snapshot, body, "landing", "application/json")

    return _handle(request, build)


@router.get("/conformance", summary="Conformiteitsklassen")
def conformance(request: Request) -> Response:
    def build() -> Response:
        snapshot, _ = _state(request)
        body = {"links": _self_links(request), "conformsTo": CONFORMANCE}
        return _respond(request, snapshot, body, "conformance", "application/json")

    return _handle(request, build)


@router.get("/api", include_in_schema=False)
def openapi_document(request: Request) -> Response:
    """The OpenAPI 3.0 document of these routes (the portal's own document is OpenAPI 3.1)."""
    document = get_openapi(
        title="Stuurdata OGC API Features",
        version="1.0.0",
        openapi_version="3.0.3",
        routes=[r for r in router.routes if getattr(r, "include_in_schema", True)],
        servers=[{"url": str(request.base_url).rstrip("/")}],
    )
    return Response(json.dumps(document), media_type=OPENAPI_30)


def _collection(
    request: Request, info: CollectionInfo, layer_bbox: list[float] | None
) -> dict[str, Any]:
    base = _base(request)
    items = f"{base}/collections/{info.id}/items"
    body: dict[str, Any] = {
        "id": info.id,
        "title": info.title,
        "description": info.description,
        "itemType": "feature",
        "crs": list(SUPPORTED_CRS),
        "storageCrs": RD,
        "links": [
            _link(f"{base}/collections/{info.id}?f=json", "self", "application/json", info.title),
            _link(f"{items}?f=json", "items", GEOJSON, "objecten als GeoJSON"),
            _link(f"{items}?f=html", "items", "text/html", "objecten als HTML"),
        ],
    }
    if layer_bbox is not None:
        body["extent"] = {"spatial": {"bbox": [layer_bbox], "crs": CRS84}}
    return body


@router.get("/collections", summary="Collecties")
def collections(request: Request) -> Response:
    def build() -> Response:
        snapshot, state = _state(request)
        found = []
        for info in state.collections:
            layer = state.layer(info.id)
            found.append(_collection(request, info, layer.bbox() if layer else None))
        body = {"links": _self_links(request), "collections": found, "crs": list(SUPPORTED_CRS)}
        return _respond(request, snapshot, body, "collections", "application/json")

    return _handle(request, build)


def _info_layer(
    state: VersionCollections, collection_id: str, request: Request | None = None
) -> tuple[CollectionInfo, Layer]:
    info = state.info(collection_id)
    if info is None:
        raise OgcError(404, "NotFound", f"Collectie '{collection_id}' bestaat niet.")
    period: str | None = None
    indicators: tuple[str, ...] | None = None
    if request is not None and info.kind == "indicators":
        period = request.query_params.get("period") or None
        chosen = request.query_params.get("indicator")
        if chosen:
            indicators = tuple(sorted({c.strip() for c in chosen.split(",") if c.strip()}))
            values = state.indicator_values(info.level) if info.level else None
            unknown = [i for i in indicators if values is None or i not in values.indicators]
            if unknown:
                raise OgcError(
                    400, "InvalidParameterValue", f"onbekende indicator: {', '.join(unknown)}"
                )
        if period is not None:
            values = state.indicator_values(info.level) if info.level else None
            if values is None or period not in values.periods:
                raise OgcError(400, "InvalidParameterValue", f"onbekende periode: {period}")
    layer = state.layer(collection_id, period, indicators)
    if layer is None:
        raise OgcError(404, "NotFound", f"Collectie '{collection_id}' bestaat niet.")
    return info, layer


@router.get("/collections/{collectionId}", summary="Eén collectie")
def collection(request: Request, collectionId: str) -> Response:  # noqa: N803 (OGC name)
    def build() -> Response:
        snapshot, state = _state(request)
        info, layer = _info_layer(state, collectionId)
        body = _collection(request, info, layer.bbox())
        body["links"] = [*_self_links(request), *body["links"][1:]]
        return _respond(request, snapshot, body, "collection", "application/json")

    return _handle(request, build)


@router.get("/collections/{collectionId}/queryables", summary="Eigenschappen van de objecten")
def queryables(request: Request, collectionId: str) -> Response:  # noqa: N803
    def build() -> Response:
        _, state = _state(request)
        _, layer = _info_layer(state, collectionId)
        body = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{_base(request)}/collections/{collectionId}/queryables",
            "type": "object",
            "title": layer.title,
            "properties": {k: {"type": t} for k, t in layer.property_types.items()},
        }
        return Response(json.dumps(body), media_type="application/schema+json")

    return _handle(request, build)


def _crs(request: Request, name: str) -> str:
    text = request.query_params.get(name)
    if text is None:
        return CRS84
    found = _CRS_ALIASES.get(text.strip())
    if found is None:
        raise OgcError(
            400,
            "InvalidParameterValue",
            f"{name}={text} wordt niet ondersteund: {', '.join(SUPPORTED_CRS)}",
        )
    return found


def _int(request: Request, name: str, default: int, low: int, high: int | None) -> int:
    text = request.query_params.get(name)
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        raise OgcError(400, "InvalidParameterValue", f"{name} moet een geheel getal zijn") from None
    if value < low:
        raise OgcError(400, "InvalidParameterValue", f"{name} moet minstens {low} zijn")
    return value if high is None else min(value, high)


def _bbox(request: Request) -> list[float] | None:
    text = request.query_params.get("bbox")
    if text is None:
        return None
    try:
        values = [float(v) for v in text.split(",")]
    except ValueError:
        raise OgcError(400, "InvalidParameterValue", "bbox: vier getallen, met komma's") from None
    if len(values) != 4 or values[0] > values[2] or values[1] > values[3]:
        raise OgcError(400, "InvalidParameterValue", "bbox: minx,miny,maxx,maxy (vier getallen)")
    return values


def _feature(layer: Layer, position: int, geometry: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": layer.ids[position],
        "geometry": geometry,
        "properties": layer.properties[position],
    }


@router.get(
    "/collections/{collectionId}/items",
    summary="Objecten van een collectie (GeoJSON)",
    openapi_extra={"parameters": [
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}},
        {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}},
        {"name": "bbox", "in": "query", "style": "form", "explode": False, "schema": {"type": "array", "minItems": 4, "maxItems": 4, "items": {"type": "number"}}},
        {"name": "bbox-crs", "in": "query", "schema": {"type": "string", "format": "uri"}},
        {"name": "crs", "in": "query", "schema": {"type": "string", "format": "uri"}},
        {"name": "period", "in": "query", "schema": {"type": "string"}, "description": "indicatorlagen: periode"},
        {"name": "indicator", "in": "query", "schema": {"type": "string"}, "description": "indicatorlagen: indicatoren, met komma's"},
        {"name": "f", "in": "query", "schema": {"type": "string", "enum": ["json", "html"]}},
    ]},
)  # fmt: skip
def items(request: Request, collectionId: str) -> Response:  # noqa: N803
    def build() -> Response:
        snapshot, state = _state(request)
        _, layer = _info_layer(state, collectionId, request)
        limit = _int(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
        offset = _int(request, "offset", 0, 0, None)
        crs = _crs(request, "crs")
        bbox = _bbox(request)
        matched = layer.matching(bbox, _crs(request, "bbox-crs"))
        page = matched[offset : offset + limit]
        geometries = layer.geojson(crs)
        base_url = str(request.url.replace(query=""))
        params = {k: v for k, v in request.query_params.items() if k not in ("f", "offset")}
        links = _self_links(request, GEOJSON)
        if offset + limit < len(matched):
            query = urlencode({**params, "offset": offset + limit, "limit": limit, "f": "json"})
            links.append(_link(f"{base_url}?{query}", "next", GEOJSON, "volgende pagina"))
        if offset > 0:
            query = urlencode(
                {**params, "offset": max(0, offset - limit), "limit": limit, "f": "json"}
            )
            links.append(_link(f"{base_url}?{query}", "prev", GEOJSON, "vorige pagina"))
        links.append(
            _link(
                f"{_base(request)}/collections/{collectionId}",
                "collection",
                "application/json",
                layer.title,
            )
        )
        body = {
            "type": "FeatureCollection",
            "features": [_feature(layer, i, geometries[i]) for i in page],
            "numberMatched": len(matched),
            "numberReturned": len(page),
            "timeStamp": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "links": links,
        }
        headers = {"Content-Crs": f"<{crs}>"}
        return _respond(request, snapshot, body, "items", GEOJSON, headers)

    return _handle(request, build)


@router.get(
    "/collections/{collectionId}/items/{featureId}",
    summary="Eén object (GeoJSON)",
    openapi_extra={"parameters": [
        {"name": "crs", "in": "query", "schema": {"type": "string", "format": "uri"}},
        {"name": "f", "in": "query", "schema": {"type": "string", "enum": ["json", "html"]}},
    ]},
)  # fmt: skip
def item(request: Request, collectionId: str, featureId: str) -> Response:  # noqa: N803
    def build() -> Response:
        snapshot, state = _state(request)
        _, layer = _info_layer(state, collectionId, request)
        position = layer.position(featureId)
        if position is None:
            raise OgcError(
                404, "NotFound", f"Object '{featureId}' bestaat niet in '{collectionId}'."
            )
        crs = _crs(request, "crs")
        body = _feature(layer, position, layer.geojson(crs)[position])
        body["links"] = [
            *_self_links(request, GEOJSON),
            _link(
                f"{_base(request)}/collections/{collectionId}",
                "collection",
                "application/json",
                layer.title,
            ),
        ]
        return _respond(request, snapshot, body, "item", GEOJSON, {"Content-Crs": f"<{crs}>"})

    return _handle(request, build)
