# SPDX-License-Identifier: EUPL-1.2
"""REST JSON API over the published layer: datasets, their rows, areas and indicator values.

Everything served comes from ``published.*`` (and the public area boundaries ``areas.*``) of
the served version. Without login only openbaar datasets and indicators exist; a hidden name
answers 404 exactly like an unknown one. Suppressed values are null with their reason code and
its Dutch and English label.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Final

import duckdb
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from stuurdata.api.formats import json_value
from stuurdata.api.published import (
    INDICATORS_TABLE,
    PublicTable,
    connect,
    connect_served,
    public_names,
    public_table,
    quoted,
    served_version,
    store_workspace,
)
from stuurdata.api.rest_models import (
    AreaOut,
    AreaRef,
    ColumnOut,
    DatasetLinks,
    DatasetList,
    DatasetOut,
    IndicatorList,
    IndicatorOut,
    ReasonLabel,
    RowsPage,
    TextOut,
    ValueOut,
    ValuesPage,
    reason_or_none,
)
from stuurdata.catalog.metadata import DOWNLOAD_FORMATS
from stuurdata.portal.snapshot import ServedVersion
from stuurdata.workspace.config import Classification
from stuurdata.workspace.indicator import Indicator

router = APIRouter(prefix="/api/v1", tags=["REST"])
MAX_LIMIT: Final = 10_000
VALUES_PAGES_CACHED: Final = 512
"""Pages of ``/values`` kept per version (a version never changes, so neither do its pages);
``app.state.values_pages_cached`` overrides it (0: no page cache)."""
_ERRORS: Final[dict[int | str, dict[str, Any]]] = {
    404: {"description": "Unknown, or not openbaar."},
    503: {"description": "No published version yet."},
}
_AREA_TABLES: Final = {
    "regio": "areas.regios",
    "gemeente": "areas.gemeenten",
    "wijk": "areas.wijken",
    "buurt": "areas.buurten",
}
_PAGING: Final = ("limit", "offset")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=2**62, description="Items to skip.")]


def _next(request: Request, total: int, limit: int, offset: int) -> str | None:
    if offset + limit >= total:
        return None
    return str(request.url.include_query_params(limit=limit, offset=offset + limit))


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _dataset_out(request: Request, table: PublicTable) -> DatasetOut:
    base = _base(request)
    definition = table.definition
    downloads = {
        f.ext: f"{base}/datasets/{table.name}/download.{f.ext}"
        for f in DOWNLOAD_FORMATS
        if table.spatial or not f.spatial_only
    }
    columns = [
        ColumnOut(
            name=c.name,
            type=c.type,
            disclosure_policy=c.policy,
            reason_column=c.reason_column,
        )
        for c in table.columns
    ]
    return DatasetOut(
        name=table.name,
        title=definition.title,
        description=definition.description.strip(),
        theme=definition.theme,
        license=definition.license,
        keywords=list(definition.keywords),
        rows=table.rows,
        version_id=table.version_id,
        spatial=table.spatial,
        columns=columns,
        links=DatasetLinks(
            self=f"{base}/api/v1/datasets/{table.name}",
            rows=f"{base}/api/v1/datasets/{table.name}/rows",
            downloads=downloads,
        ),
    )


@router.get("/datasets", response_model=DatasetList, responses=_ERRORS)
def list_datasets(request: Request, limit: Limit = 100, offset: Offset = 0) -> DatasetList:
    """The openbaar datasets of the published version, by name."""
    with connect(request) as (published, con):
        names = public_names(request, published)
        chosen = names[offset : offset + limit]
        items = [_dataset_out(request, public_table(request, published, con, n)) for n in chosen]
    return DatasetList(
        total=len(names),
        limit=limit,
        offset=offset,
        next=_next(request, len(names), limit, offset),
        items=items,
    )


@router.get("/datasets/{name}", response_model=DatasetOut, responses=_ERRORS)
def get_dataset(request: Request, name: str) -> DatasetOut:
    """One openbaar dataset: metadata, columns with their disclosure policy, links."""
    with connect(request) as (published, con):
        return _dataset_out(request, public_table(request, published, con, name))


def _filters(request: Request, table: PublicTable) -> tuple[str, list[str]]:
    names = {c.name for c in table.columns}
    clauses: list[str] = []
    params: list[str] = []
    for key, value in request.query_params.multi_items():
        if key in _PAGING:
            continue
        if key not in names:
            raise HTTPException(
                status_code=400,
                detail=f"onbekende kolom '{key}' om op te filteren; kolommen: {', '.join(sorted(names))}",
            )
        clauses.append(f'CAST("{key}" AS VARCHAR) = ?')
        params.append(value)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


@router.get(
    "/datasets/{name}/rows",
    response_model=RowsPage,
    responses={**_ERRORS, 400: {"description": "Filter on a column the dataset lacks."}},
)
def dataset_rows(request: Request, name: str, limit: Limit = 100, offset: Offset = 0) -> RowsPage:
    """Rows of an openbaar dataset, in stored order. Any other query parameter filters on the
    column of that name (exact value, compared as text), e.g. ``?buurtcode=BU99010101``."""
    with connect(request) as (published, con):
        table = public_table(request, published, con, name)
        where, params = _filters(request, table)
        source = table.source  # published.<name>, or the readable part of a non-public table
        row = con.execute(f"SELECT count(*) FROM {source}{where}", params).fetchone()
        total = int(row[0]) if row else 0
        result = con.execute(
            f"SELECT {table.select} FROM {source}{where} ORDER BY {table.order} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        columns = [d[0] for d in result.description or []]
        rows = [
            {c: json_value(v) for c, v in zip(columns, values, strict=True)}
            for values in result.fetchall()
        ]
    reasons = sorted(
        {str(r[c.name]) for r in rows for c in table.columns if c.is_reason and r[c.name]}
    )
    return RowsPage(
        total=total,
        limit=limit,
        offset=offset,
        next=_next(request, total, limit, offset),
        dataset=table.name,
        version_id=table.version_id,
        columns=columns,
        rows=rows,
        reasons=[ReasonLabel.of(code) for code in reasons],
    )


def _area(
    served: ServedVersion, con: duckdb.DuckDBPyConnection, code: str
) -> tuple[str, tuple[Any, ...]] | None:
    tables = served.memo(
        "rest_tables",
        lambda: {
            f"{s}.{t}"
            for s, t in con.execute(
                "SELECT table_schema, table_name FROM information_schema.tables"
            ).fetchall()
        },
    )
    for level, table in _AREA_TABLES.items():
        if table not in tables:
            continue
        row = con.execute(
            f"SELECT code, name, parent_code, year, water, area_m2, lon, lat "
            f"FROM {quoted(table)} WHERE code = ?",
            [code],
        ).fetchone()
        if row is not None:
            return level, tuple(row)
    return None


@router.get("/areas/{code}", response_model=AreaOut, responses=_ERRORS)
def get_area(request: Request, code: str) -> AreaOut:
    """One area (CBS code GM/WK/BU, or the region code) with its children."""
    workspace = store_workspace(request)
    with connect_served(request) as (served, con):
        found = _area(served, con, code)
        if found is None:
            raise HTTPException(status_code=404, detail="Dit gebied bestaat niet.")
        level, (code_, name, parent, year, water, area_m2, lon, lat) = found
        region = workspace.config.region
        if level == "regio" and region is not None:
            rows = con.execute(
                "SELECT code, name FROM areas.gemeenten WHERE list_contains(?, code) ORDER BY code",
                [list(region.members)],
            ).fetchall()
            children = [AreaRef(code=c, name=n, level="gemeente") for c, n in rows]
        else:
            below = {"gemeente": "wijk", "wijk": "buurt"}.get(level)
            children = []
            if below is not None:
                rows = con.execute(
                    f"SELECT code, name FROM {quoted(_AREA_TABLES[below])} "
                    "WHERE parent_code = ? ORDER BY code",
                    [code_],
                ).fetchall()
                children = [AreaRef(code=c, name=n, level=below) for c, n in rows]
    return AreaOut(
        code=code_,
        name=name,
        level=level,
        parent_code=parent,
        year=int(year),
        water=bool(water),
        area_m2=None if area_m2 is None else float(area_m2),
        lon=None if lon is None else float(lon),
        lat=None if lat is None else float(lat),
        children=children,
    )


def _open_indicators(request: Request) -> dict[str, Indicator]:
    indicators: dict[str, Indicator] = getattr(store_workspace(request), "indicators", {})
    return {
        i: ind
        for i, ind in sorted(indicators.items())
        if ind.classification is Classification.OPENBAAR
    }


def _read_published_ids(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_schema = 'published' AND table_name = 'indicators'"
    ).fetchone()
    if not exists or not exists[0]:
        return frozenset()
    rows = con.execute(f"SELECT DISTINCT indicator FROM {quoted(INDICATORS_TABLE)}").fetchall()
    return frozenset(str(r[0]) for r in rows)


@dataclass(frozen=True)
class _Shown:
    """Per version: the openbaar indicators with published values, and whether any published
    indicator is not openbaar (only then must queries filter on the allowed ids)."""

    indicators: dict[str, Indicator]
    allowed: tuple[str, ...]
    hides_some: bool


def _shown(request: Request, served: ServedVersion, con: duckdb.DuckDBPyConnection) -> _Shown:
    def make() -> _Shown:
        published = _read_published_ids(con)
        open_ = _open_indicators(request)
        shown = {i: ind for i, ind in open_.items() if i in published}
        return _Shown(shown, tuple(sorted(open_)), bool(published - open_.keys()))

    return served.memo("rest_indicators", make)


def _indicator_out(request: Request, indicator: Indicator) -> IndicatorOut:
    return IndicatorOut(
        id=indicator.id,
        title=TextOut(nl=indicator.title.nl, en=indicator.title.en),
        description=TextOut(nl=indicator.description.nl, en=indicator.description.en),
        unit=indicator.unit,
        theme=indicator.theme,
        kind=str(indicator.kind),
        area_levels=[str(level) for level in indicator.area_levels],
        disclosure_policy=indicator.disclosure_policy,
        cbs_key=indicator.cbs.key if indicator.cbs else None,
        values=str(
            request.url_for("indicator_values").include_query_params(indicator=indicator.id)
        ),
    )


@router.get("/indicators", response_model=IndicatorList, responses=_ERRORS)
def list_indicators(request: Request, limit: Limit = 100, offset: Offset = 0) -> IndicatorList:
    """The openbaar indicators that have published values, by id."""
    with connect_served(request) as (served, con):
        chosen = list(_shown(request, served, con).indicators.values())
    return IndicatorList(
        total=len(chosen),
        limit=limit,
        offset=offset,
        next=_next(request, len(chosen), limit, offset),
        items=[_indicator_out(request, ind) for ind in chosen[offset : offset + limit]],
    )


@router.get("/indicators/{indicator_id}", response_model=IndicatorOut, responses=_ERRORS)
def get_indicator(request: Request, indicator_id: str) -> IndicatorOut:
    """One openbaar indicator: definition in Dutch and English, unit, policy."""
    with connect_served(request) as (served, con):
        indicator = _shown(request, served, con).indicators.get(indicator_id)
    if indicator is None:
        raise HTTPException(
            status_code=404, detail="Deze indicator bestaat niet (of is niet openbaar)."
        )
    return _indicator_out(request, indicator)


def _value_out(r: tuple[Any, ...]) -> ValueOut:
    return ValueOut(
        indicator=r[0],
        period=r[1],
        area_code=r[2],
        area_level=r[3],
        value=None if r[4] is None or r[4] != r[4] else float(r[4]),
        reason=r[5],
        reason_label=reason_or_none(r[5]),
        rounded=bool(r[6]),
    )


_ValuesKey = tuple[str | None, str | None, str | None, str | None, int, int]
_Values = tuple[int, list[ValueOut]]


def _read_values(request: Request, key: _ValuesKey, cached: int) -> tuple[str, _Values]:
    """One page of values from DuckDB (blocking: runs in the thread pool), cached per version."""
    indicator, area, level, period, limit, offset = key
    with connect_served(request) as (served, con):
        shown = _shown(request, served, con)
        clauses: list[str] = []
        params: list[Any] = []
        if shown.hides_some:
            clauses.append("list_contains(?, indicator)")
            params.append(list(shown.allowed))
        for column, value in (
            ("indicator", indicator),
            ("area_code", area),
            ("area_level", level),
            ("period", period),
        ):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        source = quoted(INDICATORS_TABLE)

        def count() -> int:
            row = con.execute(f"SELECT count(*) FROM {source}{where}", params).fetchone()
            return int(row[0]) if row else 0

        def page() -> _Values:
            if not shown.indicators or (
                indicator is not None and indicator not in shown.indicators
            ):
                return 0, []
            total = served.recent("values_total", key[:4], count)
            if offset >= total:
                return total, []
            rows = con.execute(
                f"SELECT indicator, period, area_code, area_level, value, reason, rounded "
                f"FROM {source}{where} ORDER BY indicator, period, area_level, area_code "
                "LIMIT ? OFFSET ?",
                [*params, limit, offset],
            ).fetchall()
            return total, [_value_out(r) for r in rows]

        return served.version_id, served.recent("values_page", key, page, cached)


@router.get("/values", response_model=ValuesPage, responses=_ERRORS, name="indicator_values")
async def indicator_values(
    request: Request,
    indicator: Annotated[str | None, Query(description="Indicator id.")] = None,
    area: Annotated[str | None, Query(description="Area code (GM/WK/BU or region).")] = None,
    level: Annotated[
        str | None, Query(description="Area level: regio, gemeente, wijk or buurt.")
    ] = None,
    period: Annotated[str | None, Query(description="Period, e.g. 2025-01-01 or 2024.")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    """Published indicator values (indicator x area x period), protected by disclosure control:
    a suppressed value is null with its reason and label, never 0."""
    # async: a page cached for this version is answered on the event loop without a thread
    # hop; DuckDB work runs in the thread pool (it releases the GIL while it queries)
    served = served_version(request)
    key: _ValuesKey = (indicator, area, level, period, limit, offset)
    cached = getattr(request.app.state, "values_pages_cached", VALUES_PAGES_CACHED)
    found: _Values | None = served.peek("values_page", key) if cached else None
    if found is None:
        version_id, (total, items) = await run_in_threadpool(_read_values, request, key, cached)
    else:
        version_id, (total, items) = served.version_id, found
    answer = ValuesPage(
        total=total,
        limit=limit,
        offset=offset,
        next=_next(request, total, limit, offset),
        version_id=version_id,
        items=items,
    )
    # already a validated ValuesPage: skip FastAPI's second validation of the response model
    return Response(answer.model_dump_json(), media_type="application/json")
