# SPDX-License-Identifier: EUPL-1.2
"""The DCAT-AP-DONL catalog in RDF, for harvesting by data.overheid.nl.

``/catalog.ttl`` (Turtle), ``/catalog.rdf`` (RDF/XML) and ``/catalog.jsonld`` (JSON-LD);
``/catalog`` negotiates on ``Accept`` (Turtle when nothing better matches). The serialised
catalog is kept per published version, base URL and format.
"""

from __future__ import annotations

import threading
from typing import Final

from fastapi import APIRouter, HTTPException, Request
from starlette.responses import Response

from stuurdata.api import base_url, current_catalog
from stuurdata.catalog.metadata import default_publisher
from stuurdata.catalog.rdf import MEDIA_TYPES, RdfFormat, catalog_graph, serialize

router = APIRouter(tags=["DCAT"])
EXTENSIONS: Final[dict[str, RdfFormat]] = {"ttl": "turtle", "rdf": "xml", "jsonld": "json-ld"}
_ACCEPT: Final[dict[str, RdfFormat]] = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/xml": "xml",
    "application/ld+json": "json-ld",
    "application/json": "json-ld",
}
_LOCK = threading.Lock()
NO_BUILD: Final = "Er is nog geen gepubliceerde versie; voer eerst 'stuurdata build' uit."


def negotiate(accept: str | None) -> RdfFormat | None:
    """The RDF format ``Accept`` prefers; Turtle for ``*/*`` or nothing; None when only other
    types are acceptable."""
    if not accept:
        return "turtle"
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        quality = 1.0
        for piece in pieces[1:]:
            if piece.startswith("q="):
                try:
                    quality = float(piece[2:])
                except ValueError:
                    quality = 0.0
        ranked.append((-quality, index, pieces[0].lower()))
    for negative_q, _, media in sorted(ranked):
        if negative_q >= 0:
            continue
        if media in _ACCEPT:
            return _ACCEPT[media]
        if media in ("*/*", "text/*", "application/*", "text/html"):
            return "turtle"
    return None


def _render(request: Request, fmt: RdfFormat) -> Response:
    catalog = current_catalog(request)
    if catalog is None:
        raise HTTPException(status_code=503, detail=NO_BUILD)
    root = base_url(request)
    visible = tuple(r.name for r in catalog.records)  # signed-in users may see more
    key = (catalog.version_id, root, fmt, visible)
    with _LOCK:
        cache: dict[tuple[str, str, RdfFormat, tuple[str, ...]], bytes] | None = getattr(
            request.app.state, "rdf_cache", None
        )
        if cache is None:
            cache = request.app.state.rdf_cache = {}
        body = cache.get(key)
    if body is None:
        config = request.app.state.store.workspace.config
        graph = catalog_graph(
            catalog, root, config.name, config.description, default_publisher(config)
        )
        body = serialize(graph, fmt)
        with _LOCK:
            if len(cache) > 32:
                cache.clear()
            cache[key] = body
    media = MEDIA_TYPES[fmt]
    return Response(body, media_type=f"{media}; charset=utf-8", headers={"Vary": "Accept"})


@router.get(
    "/catalog",
    response_class=Response,
    summary="DCAT-AP-DONL catalog (content negotiation)",
    responses={200: {"content": {m: {} for m in MEDIA_TYPES.values()}}, 406: {}},
)
def catalog(request: Request, format: str | None = None) -> Response:
    """The catalog in the RDF format ``Accept`` asks for (or ``?format=ttl|rdf|jsonld``)."""
    if format is not None:
        if format not in EXTENSIONS:
            raise HTTPException(status_code=400, detail="format is ttl, rdf of jsonld")
        return _render(request, EXTENSIONS[format])
    fmt = negotiate(request.headers.get("accept"))
    if fmt is None:
        raise HTTPException(
            status_code=406,
            detail="Beschikbaar: text/turtle, application/rdf+xml, application/ld+json",
        )
    return _render(request, fmt)


@router.get("/catalog.ttl", response_class=Response, summary="DCAT-AP-DONL catalog, Turtle")
def catalog_turtle(request: Request) -> Response:
    return _render(request, "turtle")


@router.get("/catalog.rdf", response_class=Response, summary="DCAT-AP-DONL catalog, RDF/XML")
def catalog_xml(request: Request) -> Response:
    return _render(request, "xml")


@router.get("/catalog.jsonld", response_class=Response, summary="DCAT-AP-DONL catalog, JSON-LD")
def catalog_jsonld(request: Request) -> Response:
    return _render(request, "json-ld")
