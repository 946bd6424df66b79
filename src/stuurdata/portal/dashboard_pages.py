# SPDX-License-Identifier: EUPL-1.2
"""Dashboard pages and chart downloads.

- ``/dashboards``: the dashboards of the workspace (``dashboards/*.yaml``);
- ``/dashboards/{id}?gebied=..&jaar=..``: one dashboard; the filters are a plain GET form;
- ``/dashboards/{id}/panels/{panel}.csv``: the cells of one panel as CSV;
- ``/gebieden/{code}/trends/{theme}.csv``: the trend of one theme of an area profile as CSV.

Every chart is drawn over a table of the same cells (the view without JavaScript); the PNG
download is made in the browser by ``static/charts.js``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import duckdb
from fastapi import APIRouter, HTTPException, Request
from starlette.responses import HTMLResponse, Response

from stuurdata.areas.model import AreaLevel
from stuurdata.dashboards.charts import panel_spec
from stuurdata.dashboards.config import Dashboard, PanelKind
from stuurdata.dashboards.data import Cell, published_periods, read_cells, years_of
from stuurdata.dashboards.panels import (
    PanelData,
    Selection,
    cells_csv,
    dashboard_data,
    needed_areas,
    panel_csv,
)
from stuurdata.disclosure import REASON_LABELS
from stuurdata.portal.area_profile import areas_below, context_areas, to_ref, trend_cells
from stuurdata.portal.i18n import Language, Translator
from stuurdata.portal.pages import render
from stuurdata.portal.panel_views import (
    RowView,
    TableView,
    cell_view,
    column_header,
    series_labels,
    spec_json,
)
from stuurdata.portal.rendering import Links, request_language
from stuurdata.portal.snapshot import AreaRow, ServedVersion, Snapshot, store_of

router = APIRouter(include_in_schema=False)  # pages and downloads, not the API

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_AREA_CODE = re.compile(r"^[A-Z]{2}[0-9A-Z]{2,8}$")
_YEAR = re.compile(r"^\d{4}$")
_THEME = re.compile(r"^[a-z][a-z0-9-]*$")
_LEVEL_ORDER = {"regio": 0, "gemeente": 1, "wijk": 2, "buurt": 3}


@dataclass(frozen=True)
class AreaOption:
    code: str
    name: str
    selected: bool


@dataclass(frozen=True)
class AreaGroup:
    label: str
    options: tuple[AreaOption, ...]


def _board(request: Request, board_id: str) -> Dashboard:
    board = store_of(request).workspace.dashboards.get(board_id) if _ID.match(board_id) else None
    if board is None:
        raise HTTPException(status_code=404)
    return board


def _choosable(snapshot: Snapshot, board: Dashboard) -> list[AreaRow]:
    rows: list[AreaRow] = []
    region = snapshot.config.region
    for level in sorted(board.filters.area_levels, key=_LEVEL_ORDER.__getitem__):
        if level == "regio":
            found = snapshot.area(region.code) if region else None
            rows += [found] if found else []
        else:
            rows += snapshot.areas.get(AreaLevel(level), [])
    return rows


def _chosen_area(request: Request, snapshot: Snapshot, board: Dashboard) -> AreaRow:
    choosable = _choosable(snapshot, board)
    if not choosable:
        raise HTTPException(status_code=404)
    asked = request.query_params.get("gebied") or board.filters.default_area
    if asked is None:
        return choosable[0]
    found = snapshot.area(asked) if _AREA_CODE.match(asked) else None
    if found is None or found not in choosable:
        if request.query_params.get("gebied"):
            raise HTTPException(status_code=404)
        return choosable[0]  # a default that this version does not hold
    return found


def _area_groups(
    snapshot: Snapshot, board: Dashboard, chosen: AreaRow, t: Translator
) -> list[AreaGroup]:
    groups: dict[str, list[AreaOption]] = {}
    for row in _choosable(snapshot, board):
        label = t(f"dashboards.levels.{row.level}")
        groups.setdefault(label, []).append(AreaOption(row.code, row.name, row.code == chosen.code))
    return [AreaGroup(label, tuple(options)) for label, options in groups.items()]


@dataclass(frozen=True)
class _Computed:
    periods: dict[str, list[str]]
    selection: Selection
    panels: list[PanelData]


def _compute(
    served: ServedVersion,
    con: duckdb.DuckDBPyConnection,
    snapshot: Snapshot,
    board: Dashboard,
    area: AreaRow,
    year: str | None,
) -> _Computed:
    ids = board.indicator_ids()
    periods: dict[str, list[str]] = served.memo(
        ("dashboard_periods", board.id), lambda: published_periods(con, ids)
    )
    if year is not None and year not in years_of(periods):
        raise HTTPException(status_code=404)

    def make() -> _Computed:
        selection = Selection(
            to_ref(area), year, context_areas(snapshot, con, area), areas_below(snapshot, area)
        )
        cells: list[Cell] = read_cells(con, ids, needed_areas(board, selection))
        return _Computed(periods, selection, dashboard_data(board, selection, cells, periods))

    return served.recent("dashboard_panels", (board.id, area.code, year), make)


def _computed(request: Request, board: Dashboard) -> tuple[Snapshot, _Computed]:
    store = store_of(request)
    snapshot = store.current()
    if snapshot is None:
        raise HTTPException(status_code=503)
    area = _chosen_area(request, snapshot, board)
    year = request.query_params.get("jaar") or None
    if year is not None and not _YEAR.match(year):
        raise HTTPException(status_code=404)
    with store.cursor() as (served, con):
        return snapshot, _compute(served, con, snapshot, board, area, year)


def _panel_view(
    request: Request, board: Dashboard, data: PanelData, lang: Language, t: Translator
) -> TableView:
    definitions = store_of(request).workspace.indicators
    labels = series_labels(definitions, list(data.panel.indicators), lang)
    decimals = [labels[c.indicator].decimals for c in data.columns]
    panel = data.panel
    if panel.kind is PanelKind.TREND:
        columns = tuple(column_header(labels[c.indicator], None, t) for c in data.columns)
        row_header = t("col.period")
    else:
        columns = tuple(column_header(labels[c.indicator], c.period, t) for c in data.columns)
        row_header = t("dashboards.area")
    rows = tuple(
        RowView(
            row.label,
            None if panel.kind is PanelKind.TREND else f"/gebieden/{row.area.code}",
            tuple(cell_view(cell, d, lang) for cell, d in zip(row.cells, decimals, strict=True)),
            current=panel.kind is PanelKind.KEYFIGURE and row.area == data.area,
        )
        for row in data.rows
    )
    headline = rows[0].cells[0] if panel.kind is PanelKind.KEYFIGURE and rows else None
    title = panel.title.nl if lang == "nl" else panel.title.en
    description = None
    if panel.description is not None:
        description = panel.description.nl if lang == "nl" else panel.description.en
    params = {"gebied": data.area.code}
    year = request.query_params.get("jaar")
    if year:
        params["jaar"] = year
    href: Links = Links(lang, request.query_params.get("lang") in ("nl", "en"), request.url.path)
    return TableView(
        id=f"paneel-{panel.id}",
        kind=str(panel.kind),
        title=title,
        description=description,
        caption=t("dashboards.panel_caption", title=title, name=data.area.name),
        row_header=row_header,
        columns=columns,
        rows=rows,
        spec=spec_json(panel_spec(data, labels, lang, t("col.period"))),
        csv_href=href(f"/dashboards/{board.id}/panels/{panel.id}.csv", **params),
        headline=headline,
    )


@router.api_route("/dashboards", methods=["GET", "HEAD"], response_class=HTMLResponse)
def dashboards(request: Request) -> HTMLResponse:
    store = store_of(request)
    snapshot = store.current()
    if snapshot is None:
        return render(request, "nobuild.html", None, status_code=503)
    boards = sorted(store.workspace.dashboards.values(), key=lambda b: b.id)
    return render(request, "dashboards.html", snapshot, boards=boards)


@router.api_route("/dashboards/{board_id}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def dashboard(request: Request, board_id: str) -> HTMLResponse:
    board = _board(request, board_id)
    if store_of(request).current() is None:
        return render(request, "nobuild.html", None, status_code=503)
    snapshot, computed = _computed(request, board)
    lang = request_language(request, snapshot.config.language)
    t = Translator(lang)
    area = snapshot.area(computed.selection.area.code)
    assert area is not None
    context: dict[str, Any] = {
        "board": board,
        "area": area,
        "area_groups": _area_groups(snapshot, board, area, t),
        "years": years_of(computed.periods),
        "year": computed.selection.year,
        "panels": [_panel_view(request, board, data, lang, t) for data in computed.panels],
    }
    return render(request, "dashboard.html", snapshot, **context)


def _reason_labels(lang: Language) -> dict[str, str]:
    return {str(code): labels.get(lang, labels["nl"]) for code, labels in REASON_LABELS.items()}


def _csv(text: str, filename: str) -> Response:
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.api_route(
    "/dashboards/{board_id}/panels/{panel_id}.csv", methods=["GET", "HEAD"], response_class=Response
)
def panel_download(request: Request, board_id: str, panel_id: str) -> Response:
    board = _board(request, board_id)
    panel = board.panel(panel_id) if _ID.match(panel_id) else None
    if panel is None:
        raise HTTPException(status_code=404)
    snapshot, computed = _computed(request, board)
    data = next(d for d in computed.panels if d.panel.id == panel.id)
    lang = request_language(request, snapshot.config.language)
    name = f"{board.id}-{panel.id}-{data.area.code}.csv"
    return _csv(panel_csv(data, _reason_labels(lang)), name)


@router.api_route(
    "/gebieden/{code}/trends/{theme}.csv", methods=["GET", "HEAD"], response_class=Response
)
def trend_download(request: Request, code: str, theme: str) -> Response:
    store = store_of(request)
    snapshot = store.current()
    if snapshot is None:
        raise HTTPException(status_code=503)
    area = snapshot.area(code) if _AREA_CODE.match(code) else None
    if area is None or not _THEME.match(theme):
        raise HTTPException(status_code=404)
    with store.cursor() as (_served, con):
        rows = trend_cells(con, store.workspace.indicators, area, theme)
    if not rows:
        raise HTTPException(status_code=404)
    lang = request_language(request, snapshot.config.language)
    return _csv(cells_csv(rows, _reason_labels(lang)), f"{area.code}-{theme}.csv")
