# SPDX-License-Identifier: EUPL-1.2
"""The HTML pages of the minimal portal: home, map, area pages, datasets and the manifest."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from starlette.responses import HTMLResponse

from stuurdata.api import current_catalog
from stuurdata.catalog import SearchQuery
from stuurdata.portal.area_profile import profile_of
from stuurdata.portal.datasetpage import api_examples, dataset_details
from stuurdata.portal.rendering import Renderer, request_language
from stuurdata.portal.restricted_page import restricted_dataset
from stuurdata.portal.snapshot import Snapshot, store_of

router = APIRouter(include_in_schema=False)  # pages, not API: kept out of the OpenAPI document

_AREA_CODE = re.compile(r"^[A-Z]{2}[0-9A-Z]{2,8}$")
_DATASET_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
SEARCH_FACETS = ("theme", "organisation", "gemeente", "format", "woo_category", "frequency")


def render(
    request: Request,
    template: str,
    snapshot: Snapshot | None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """Render a page with the workspace's language default and synthetic-data banner."""
    store = store_of(request)
    renderer: Renderer = request.app.state.renderer
    config = snapshot.config if snapshot else store.workspace.config
    return renderer.page(
        request,
        template,
        snapshot=snapshot,
        default_lang=config.language,
        synthetic=config.synthetic,
        workspace_name=config.name,
        status_code=status_code,
        **context,
    )


def _page(request: Request, template: str, **context: Any) -> HTMLResponse:
    snapshot = store_of(request).current()
    if snapshot is None:
        return render(request, "nobuild.html", None, status_code=503)
    return render(request, template, snapshot, **context)


@router.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    return _page(request, "home.html")


@router.api_route("/gebieden/{code}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def gebied(request: Request, code: str) -> HTMLResponse:
    snapshot = store_of(request).current()
    if snapshot is None:
        return render(request, "nobuild.html", None, status_code=503)
    area = snapshot.area(code) if _AREA_CODE.match(code) else None
    if area is None:
        raise HTTPException(status_code=404)
    lang = request_language(request, snapshot.config.language)
    return render(request, "gebied.html", snapshot, profile=profile_of(request, area, lang))


@dataclass(frozen=True)
class FacetLink:
    value: str
    label: str
    count: int
    selected: bool
    href: str


def _search_href(request: Request, text: str, filters: list[tuple[str, str]]) -> str:
    params = [("q", text)] if text else []
    params += filters
    if request.query_params.get("lang") in ("nl", "en"):
        params.append(("lang", request.query_params["lang"]))
    return f"/datasets?{urlencode(params)}" if params else "/datasets"


@router.api_route("/datasets", methods=["GET", "HEAD"], response_class=HTMLResponse)
def datasets(request: Request) -> HTMLResponse:
    """The catalog: full-text search with facets (links that toggle a filter), no JavaScript."""
    store = store_of(request)
    snapshot = store.current()
    if snapshot is None:
        return render(request, "nobuild.html", None, status_code=503)
    # the open datasets, plus for a signed-in user the non-public ones they may read
    catalog = current_catalog(request)
    if catalog is None:
        return render(request, "nobuild.html", None, status_code=503)
    text = " ".join(request.query_params.get("q", "").split())[:200]
    filters = [
        (facet, value[:100])
        for facet in SEARCH_FACETS
        for value in request.query_params.getlist(facet)
    ][:20]
    found = catalog.search(SearchQuery(text, tuple(filters), 0, 1000), channel="portal")
    lang = request_language(request, snapshot.config.language)
    facets: dict[str, list[FacetLink]] = {}
    for facet in SEARCH_FACETS:
        links = []
        for value, count in found.facets.get(facet, {}).items():
            selected = (facet, value) in filters
            toggled = [f for f in filters if f != (facet, value)]
            if not selected:
                toggled.append((facet, value))
            label = catalog.facet_label(facet, value, lang)
            href = _search_href(request, text, toggled)
            links.append(FacetLink(value, label, count, selected, href))
        facets[facet] = links
    return render(
        request,
        "datasets.html",
        snapshot,
        query=text,
        filters=filters,
        results=found.records,
        count=found.count,
        facets=facets,
        clear_href=_search_href(request, "", []),
    )


@router.api_route("/datasets/{name}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def dataset(request: Request, name: str) -> HTMLResponse:
    snapshot = store_of(request).current()
    if snapshot is None:
        return render(request, "nobuild.html", None, status_code=503)
    if not _DATASET_NAME.match(name):
        raise HTTPException(status_code=404)
    found = snapshot.dataset(name)
    if found is None:  # non-public: only for a signed-in user the access matrix allows
        found, details = restricted_dataset(request, name)
    else:
        with store_of(request).cursor() as (_served, con):
            details = dataset_details(con, snapshot.manifest, found.name)
    return render(
        request,
        "dataset.html",
        snapshot,
        dataset=found,
        details=details,
        api_examples=api_examples(str(request.base_url), found.name),
    )
