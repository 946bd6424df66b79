# SPDX-License-Identifier: EUPL-1.2
"""The CKAN Action API subset that clients and harvesters use, so ``ckanapi`` works unchanged.

``/api/3/action/<action>`` (and ``/api/action/<action>``, which ``ckanapi`` calls) answer GET
with query parameters and POST with a JSON or form body, in CKAN's envelope
``{"help": ..., "success": ..., "result": ...}``; errors carry CKAN's ``__type`` (``Not Found
Error`` 404, ``Validation Error`` 409, ``Bad Request`` 400). Only openbaar datasets exist here.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any, Final, TypeVar

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from starlette.responses import JSONResponse, Response

from stuurdata.api import base_url, current_catalog
from stuurdata.catalog import Catalog
from stuurdata.catalog.ckan import (
    CKAN_FACETS,
    CKAN_VERSION,
    DEFAULT_FACETS,
    FacetRequest,
    QueryError,
    group_dict,
    organization_dict,
    package_dict,
    package_id,
    resource_dict,
    resource_id,
    search_facets,
    search_query,
)

router = APIRouter(tags=["CKAN"])
PREFIXES: Final = ("/api/3/action", "/api/action")
NO_BUILD: Final = "Er is nog geen gepubliceerde versie; voer eerst 'stuurdata build' uit."


class CkanError(Exception):
    def __init__(self, status: int, kind: str, message: str, **fields: list[str]) -> None:
        self.status, self.kind, self.message, self.fields = status, kind, message, fields
        super().__init__(message)


class _Params(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True, frozen=True)


P = TypeVar("P", bound=_Params)


class ListParams(_Params):
    limit: int | None = Field(default=None, ge=0)
    """Most names to return."""
    offset: int = Field(default=0, ge=0)
    """Names to skip."""


class GroupListParams(ListParams):
    all_fields: bool = False
    """Whole dictionaries instead of names."""
    sort: str = "name asc"
    """``name asc``, ``name desc`` or ``package_count desc``."""


class ShowParams(_Params):
    id: str
    """Name or id."""


class SearchParams(_Params):
    q: str = ""
    """Search text (``*:*``: everything); ``field:value`` terms filter."""
    fq: str = ""
    """Filters, ``field:value`` or ``field:"value"``, all must hold: organization, groups,
    tags, res_format, license_id, theme, frequency, woo_category, gemeente, name."""
    fq_list: list[str] = Field(default_factory=list)
    """More filters, one per item."""
    rows: int = Field(default=10, ge=0)
    """Results per page (at most 1000)."""
    start: int = Field(default=0, ge=0)
    """Results to skip."""
    sort: str = "score desc, metadata_modified desc"
    """score, title_string, name or metadata_modified, with asc or desc."""
    facet: bool = True
    """Whether to return facet counts."""
    facet_field: list[str] | None = Field(default=None, alias="facet.field")
    """Facet fields (a JSON list), e.g. ["organization", "groups", "res_format"]."""
    facet_limit: int = Field(default=50, alias="facet.limit")
    """Most values per facet (-1: all)."""
    facet_mincount: int = Field(default=1, alias="facet.mincount")
    """Least count of a facet value to show."""

    @field_validator("facet_field", "fq_list", mode="before")
    @classmethod
    def _json_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return json.loads(value) if value.strip().startswith("[") else [value]
            except ValueError as exc:
                raise ValueError("geen geldige JSON-lijst") from exc
        return value


async def _params(request: Request) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key in request.query_params:
        values = request.query_params.getlist(key)
        found[key] = values if len(values) > 1 else values[0]
    if request.method == "POST":
        body = await request.body()
        if body.strip():
            if "json" in request.headers.get("content-type", "json"):
                try:
                    data = json.loads(body)
                except ValueError as exc:
                    raise CkanError(400, "Bad Request", "JSON Error: ongeldige JSON") from exc
                if not isinstance(data, dict):
                    raise CkanError(400, "Bad Request", "JSON Error: verwacht een object")
                found.update(data)
            else:
                form = await request.form()
                found.update({k: v for k, v in form.items() if isinstance(v, str)})
    return found


def _validate(model: type[P], data: dict[str, Any]) -> P:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        fields: dict[str, list[str]] = {}
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else "__all__"
            message = "Missing value" if error["type"] == "missing" else error["msg"]
            fields.setdefault(name, []).append(message)
        raise CkanError(409, "Validation Error", "Validation Error", **fields) from exc


def _catalog(request: Request) -> Catalog:
    catalog = current_catalog(request)
    if catalog is None:
        raise CkanError(503, "Internal Server Error", NO_BUILD)
    return catalog


def _page(items: list[Any], params: ListParams) -> list[Any]:
    end = None if params.limit is None else params.offset + params.limit
    return items[params.offset : end]


def package_list(request: Request, data: dict[str, Any]) -> Any:
    params = _validate(ListParams, data)
    return _page([r.name for r in _catalog(request).records], params)


def _find_package(catalog: Catalog, key: str) -> Any:
    record = catalog.get(key) or next((r for r in catalog.records if package_id(r) == key), None)
    if record is None:
        raise CkanError(404, "Not Found Error", "Not found")
    return record


def package_show(request: Request, data: dict[str, Any]) -> Any:
    params = _validate(ShowParams, data)
    catalog = _catalog(request)
    return package_dict(_find_package(catalog, params.id), base_url(request), catalog)


def resource_show(request: Request, data: dict[str, Any]) -> Any:
    params = _validate(ShowParams, data)
    for record in _catalog(request).records:
        for position, dist in enumerate(record.distributions):
            if params.id in (resource_id(dist), dist.id):
                return resource_dict(record, dist, base_url(request), position)
    raise CkanError(404, "Not Found Error", "Resource was not found.")


def package_search(request: Request, data: dict[str, Any]) -> Any:
    params = _validate(SearchParams, data)
    catalog = _catalog(request)
    fields = tuple(params.facet_field or DEFAULT_FACETS)
    unknown = [f for f in fields if f not in CKAN_FACETS]
    if unknown:
        raise CkanError(
            409, "Validation Error", "Validation Error",
            **{"facet.field": [f"onbekend facetveld: {', '.join(unknown)}"]},
        )  # fmt: skip
    try:
        fq = " ".join([params.fq, *params.fq_list])
        query = search_query(params.q, fq, min(params.rows, 1000), params.start, params.sort)
    except QueryError as exc:
        raise CkanError(409, "Search Query Error", f"Search Query Error: {exc}") from exc
    page = catalog.search(query, channel="ckan")
    root = base_url(request)
    facets, rich = (
        search_facets(
            catalog, page.facets, FacetRequest(fields, params.facet_limit, params.facet_mincount)
        )
        if params.facet
        else ({}, {})
    )
    return {
        "count": page.count,
        "sort": params.sort,
        "facets": facets,
        "search_facets": rich,
        "results": [package_dict(r, root, catalog) for r in page.records],
    }


def _groups(request: Request, data: dict[str, Any], organisations: bool) -> Any:
    params = _validate(GroupListParams, data)
    catalog = _catalog(request)
    counts: dict[str, int] = {}
    dicts: dict[str, dict[str, Any]] = {}
    for record in catalog.records:
        if organisations:
            key = record.publisher.slug
            counts[key] = counts.get(key, 0) + 1
            dicts[key] = organization_dict(record.publisher, 0)
        elif record.theme is not None:
            counts[record.theme.code] = counts.get(record.theme.code, 0) + 1
    if not organisations:
        dicts = {code: group_dict(code, 0) for code in counts}
    for key, value in dicts.items():
        value["package_count"] = counts[key]
    ordered = sorted(dicts.values(), key=lambda d: d["name"])
    if params.sort.startswith("package_count"):
        ordered.sort(key=lambda d: -int(d["package_count"]))
    elif params.sort.endswith("desc"):
        ordered.reverse()
    page = _page(ordered, params)
    return page if params.all_fields else [d["name"] for d in page]


def organization_list(request: Request, data: dict[str, Any]) -> Any:
    return _groups(request, data, organisations=True)


def group_list(request: Request, data: dict[str, Any]) -> Any:
    return _groups(request, data, organisations=False)


def status_show(request: Request, data: dict[str, Any]) -> Any:
    store = request.app.state.store
    config = store.workspace.config
    return {
        "site_title": config.name,
        "site_description": config.description,
        "site_url": base_url(request),
        "ckan_version": CKAN_VERSION,
        "locale_default": config.language,
        "extensions": ["stuurdata", "dcat-ap-donl"],
        "error_emails_to": None,
    }


Action = Callable[[Request, dict[str, Any]], Any]
ACTIONS: Final[dict[str, tuple[Action, type[_Params] | None]]] = {
    "package_list": (package_list, ListParams),
    "package_show": (package_show, ShowParams),
    "package_search": (package_search, SearchParams),
    "resource_show": (resource_show, ShowParams),
    "organization_list": (organization_list, GroupListParams),
    "group_list": (group_list, GroupListParams),
    "status_show": (status_show, None),
}


def _envelope(request: Request, action: str, body: dict[str, Any], status: int) -> Response:
    help_url = f"{base_url(request)}/api/3/action/help_show?name={action}"
    return JSONResponse({"help": help_url, **body}, status_code=status)


def _endpoint(action: str, func: Action) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        try:
            data = await _params(request)
            result = func(request, data)
        except CkanError as exc:
            error: dict[str, Any] = {"__type": exc.kind, "message": exc.message, **exc.fields}
            return _envelope(request, action, {"success": False, "error": error}, exc.status)
        return _envelope(request, action, {"success": True, "result": result}, 200)

    endpoint.__name__ = f"ckan_{action}"
    return endpoint


def _openapi_parameters(model: type[_Params] | None) -> dict[str, Any]:
    parameters = []
    for name, info in (model.model_fields if model else {}).items():
        parameters.append(
            {
                "name": info.alias or name,
                "in": "query",
                "required": info.is_required(),
                "description": info.description or "",
                "schema": {"type": "string"},
            }
        )
    return {"parameters": parameters}


for _name, (_func, _model) in ACTIONS.items():
    for _prefix in PREFIXES:
        router.add_api_route(
            f"{_prefix}/{_name}",
            _endpoint(_name, _func),
            methods=["GET", "POST"],
            include_in_schema=_prefix == PREFIXES[0],
            summary=f"CKAN {_name}",
            openapi_extra=_openapi_parameters(_model),
            response_model=None,
        )


@router.api_route("/api/3", methods=["GET"], include_in_schema=False)
def api_version() -> dict[str, int]:
    return {"version": 3}


async def _unknown(request: Request) -> Response:
    action = request.path_params["action"]
    message = f"Bad request - Action name not known: {action}"
    error = {"__type": "Bad Request", "message": message}
    return _envelope(request, action, {"success": False, "error": error}, 400)


for _prefix in PREFIXES:
    router.add_api_route(
        f"{_prefix}/{{action}}", _unknown, methods=["GET", "POST"], include_in_schema=False
    )
