# SPDX-License-Identifier: EUPL-1.2
"""Choropleth data of the map page: one openbaar indicator at one area level and period.

Read from ``published.indicators`` only. Every area of the level gets a row: a value with its
class (breaks from :mod:`stuurdata.portal.map_classes`), or no value with the reason it was
suppressed ("geheim", "te weinig waarnemingen") or "geen gegevens". The same rows feed the
legend, the table (the page without JavaScript, and the keyboard alternative to the map) and
the GeoJSON the map draws (:func:`choropleth_geojson`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlencode

import duckdb
from fastapi import APIRouter, HTTPException, Request
from starlette.responses import HTMLResponse, Response

from stuurdata.areas.model import AreaLevel
from stuurdata.disclosure import ReasonCode, reason_label
from stuurdata.portal.api_v1 import NO_BUILD
from stuurdata.portal.i18n import Language
from stuurdata.portal.keyfigures import format_number
from stuurdata.portal.map_classes import (
    NO_DATA_COLOUR,
    BreakMethod,
    breaks_for,
    class_of,
    palette,
)
from stuurdata.portal.pages import render
from stuurdata.portal.rendering import request_language
from stuurdata.portal.snapshot import Snapshot, SnapshotStore, store_of
from stuurdata.workspace.config import Classification, PortalConfig
from stuurdata.workspace.indicator import Indicator

MAP_LEVELS: Final[tuple[str, ...]] = ("gemeente", "wijk", "buurt")
"""Levels the map can draw (the region is one area: nothing to compare)."""

Catalog = dict[str, dict[str, tuple[str, ...]]]
"""Per indicator id, per level: the published periods, oldest first."""

CATALOG_SQL: Final = """
SELECT indicator, area_level, period
FROM published.indicators
WHERE area_level IN ('gemeente', 'wijk', 'buurt')
GROUP BY ALL
ORDER BY indicator, area_level, period
"""
VALUES_SQL: Final = """
SELECT area_code, value, reason
FROM published.indicators
WHERE indicator = $indicator AND area_level = $level AND period = $period
"""


def read_catalog(con: duckdb.DuckDBPyConnection, definitions: Mapping[str, Indicator]) -> Catalog:
    """The openbaar indicators with published values at a map level; empty without any."""
    try:
        rows = con.execute(CATALOG_SQL).fetchall()
    except duckdb.CatalogException:  # a version built without indicators
        return {}
    catalog: dict[str, dict[str, list[str]]] = {}
    for indicator_id, level, period in rows:
        definition = definitions.get(indicator_id)
        if definition is None or definition.classification is not Classification.OPENBAAR:
            continue
        catalog.setdefault(indicator_id, {}).setdefault(level, []).append(str(period))
    return {i: {lv: tuple(p) for lv, p in levels.items()} for i, levels in catalog.items()}


@dataclass(frozen=True)
class MapSelection:
    """What the map shows; every field is valid for the catalog it was chosen from."""

    indicator: str
    level: str
    period: str
    method: BreakMethod


DEFAULT_MAX_AREAS: Final = 2000
"""The default level is the finest with at most this many areas (buurten in a region, wijken or
gemeenten nationally): a national buurt map is there when asked for, not on every first visit."""


def choose(
    catalog: Catalog, params: Mapping[str, str], counts: Mapping[str, int] | None = None
) -> MapSelection | None:
    """The selection asked for in ``params`` (``indicator``, ``level``, ``period``, ``breaks``);
    what is missing or unknown falls back to: the first indicator, the finest level with at most
    :data:`DEFAULT_MAX_AREAS` areas (``counts`` per level), the latest period. None when
    nothing is published."""
    if not catalog:
        return None
    indicator = params.get("indicator", "")
    if indicator not in catalog:
        indicator = next(iter(sorted(catalog)))
    levels = catalog[indicator]
    level = params.get("level", "")
    if level not in levels:
        available = [lv for lv in reversed(MAP_LEVELS) if lv in levels]
        small = [lv for lv in available if (counts or {}).get(lv, 0) <= DEFAULT_MAX_AREAS]
        level = (small or available[-1:])[0]
    period = params.get("period", "")
    if period not in levels[level]:
        period = levels[level][-1]
    try:
        method = BreakMethod(params.get("breaks", BreakMethod.QUANTILES.value))
    except ValueError:
        method = BreakMethod.QUANTILES
    return MapSelection(indicator, level, period, method)


@dataclass(frozen=True)
class AreaValue:
    """One area of the chosen level with its value or the reason it has none."""

    code: str
    name: str
    value: float | None
    text: str
    """The formatted value, or the reason label ("geheim", "geen gegevens")."""
    class_index: int | None
    """0-based class of the value; None without a value."""
    reason: str | None
    """The reason code when suppressed (hatched on the map); None with a value or no data."""


@dataclass(frozen=True)
class LegendClass:
    index: int
    colour: str
    lower: str
    upper: str
    count: int


@dataclass(frozen=True)
class LegendReason:
    reason: str
    label: str
    count: int


@dataclass(frozen=True)
class Choropleth:
    """The chosen indicator at one level and period, classified."""

    selection: MapSelection
    title: str
    unit: str
    breaks: tuple[float, ...]
    classes: tuple[LegendClass, ...]
    suppressed: tuple[LegendReason, ...]
    no_data: int
    areas: tuple[AreaValue, ...]


def legend_decimals(breaks: list[float], decimals: int, extra: int = 3) -> int:
    """The fewest decimals (at least the indicator's, at most ``extra`` more) at which the
    breaks print differently, so no legend class reads "0,9 tot en met 0,9"."""
    for shown in range(decimals, decimals + extra + 1):
        if len({f"{b:.{shown}f}" for b in breaks}) == len(set(breaks)):
            return shown
    return decimals + extra


def _with_unit(number: str, unit: str) -> str:
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def choropleth(
    con: duckdb.DuckDBPyConnection,
    snapshot: Snapshot,
    definition: Indicator,
    selection: MapSelection,
    language: Language,
) -> Choropleth:
    """Values, classes and reasons of ``selection`` for every area of its level."""
    rows = con.execute(
        VALUES_SQL,
        {
            "indicator": selection.indicator,
            "level": selection.level,
            "period": selection.period,
        },
    ).fetchall()
    found: dict[str, tuple[float | None, str]] = {
        str(code): (None if value is None or value != value else float(value), str(reason))
        for code, value, reason in rows
    }
    areas = snapshot.areas.get(AreaLevel(selection.level), [])
    values = [v for code, (v, r) in found.items() if v is not None and r == ReasonCode.OK.value]
    breaks = breaks_for(selection.method, values)
    colours = palette(len(breaks) - 1) if breaks else ()
    shown: list[AreaValue] = []
    counts: Counter[int] = Counter()
    reasons: Counter[str] = Counter()
    no_data = 0
    for area in areas:
        value, reason = found.get(area.code, (None, ReasonCode.ONTBREEKT.value))
        if value is not None and reason == ReasonCode.OK.value:
            index = class_of(value, breaks)
            counts[index] += 1
            text = _with_unit(format_number(value, definition.decimals, language), definition.unit)
            shown.append(AreaValue(area.code, area.name, value, text, index, None))
        elif reason in (ReasonCode.OK.value, ReasonCode.ONTBREEKT.value):
            no_data += 1
            label = reason_label(ReasonCode.ONTBREEKT, language)
            shown.append(AreaValue(area.code, area.name, None, label, None, None))
        else:
            reasons[reason] += 1
            label = reason_label(reason, language)
            shown.append(AreaValue(area.code, area.name, None, label, None, reason))

    decimals = legend_decimals(breaks, definition.decimals)

    def fmt(number: float) -> str:
        return format_number(number, decimals, language)

    classes = tuple(
        LegendClass(i, colours[i], fmt(breaks[i]), fmt(breaks[i + 1]), counts[i])
        for i in range(len(breaks) - 1)
    )
    return Choropleth(
        selection=selection,
        title=definition.title.nl if language == "nl" else definition.title.en,
        unit=definition.unit,
        breaks=tuple(breaks),
        classes=classes,
        suppressed=tuple(
            LegendReason(r, reason_label(r, language), n) for r, n in sorted(reasons.items())
        ),
        no_data=no_data,
        areas=tuple(shown),
    )


def geometry_texts(snapshot: Snapshot, level: AreaLevel) -> dict[str, str]:
    """Per area code of ``level``, its WGS84 geometry as GeoJSON text (made once per version:
    a choropleth then only adds properties, it never serialises geometry again)."""
    collection: dict[str, Any] = json.loads(snapshot.geojson(level))
    texts = {}
    for feature in collection.get("features", []):
        code = str((feature.get("properties") or {}).get("code"))
        texts[code] = json.dumps(feature.get("geometry"), separators=(",", ":"))
    return texts


def choropleth_geojson(data: Choropleth, geometries: Mapping[str, str]) -> bytes:
    """The areas of ``data``'s level in WGS84 (``geometries`` from :func:`geometry_texts`) with,
    per feature, ``code``, ``name``, ``text`` (value or reason), ``colour`` (class colour, or
    white without a value), ``class`` (-1 without a value) and ``suppressed`` (true: hatched)."""
    features = []
    for area in data.areas:
        geometry = geometries.get(area.code)
        if geometry is None:
            continue
        index = -1 if area.class_index is None else area.class_index
        properties = {
            "code": area.code,
            "name": area.name,
            "text": area.text,
            "class": index,
            "colour": data.classes[index].colour if index >= 0 else NO_DATA_COLOUR,
            "suppressed": area.reason is not None,
        }
        features.append(
            f'{{"type":"Feature","id":{json.dumps(area.code)},"geometry":{geometry},'
            f'"properties":{json.dumps(properties, separators=(",", ":"), ensure_ascii=False)}}}'
        )
    return ('{"type":"FeatureCollection","features":[' + ",".join(features) + "]}").encode()


# --- the map page and its GeoJSON ---------------------------------------------------------------

router = APIRouter(include_in_schema=False)  # pages, not API: kept out of the OpenAPI document
CHOROPLETHS_CACHED: Final = 256
"""Choropleths (and their GeoJSON) kept per version and language."""


@dataclass(frozen=True)
class IndicatorGroup:
    """The indicators of one theme, for an ``<optgroup>`` of the form."""

    theme: str
    options: tuple[tuple[str, str], ...]
    """(id, title) by title."""


@dataclass(frozen=True)
class MapState:
    snapshot: Snapshot
    catalog: Catalog
    groups: tuple[IndicatorGroup, ...]
    data: Choropleth | None
    language: Language


def _groups(
    catalog: Catalog, definitions: Mapping[str, Indicator], language: Language
) -> tuple[IndicatorGroup, ...]:
    themes: dict[str, list[tuple[str, str]]] = {}
    for indicator_id in catalog:
        definition = definitions[indicator_id]
        title = definition.title.nl if language == "nl" else definition.title.en
        themes.setdefault(definition.theme, []).append((indicator_id, title))
    return tuple(
        IndicatorGroup(theme, tuple(sorted(options, key=lambda o: o[1].lower())))
        for theme, options in sorted(themes.items())
    )


def _state(request: Request, store: SnapshotStore, snapshot: Snapshot) -> MapState:
    language = request_language(request, snapshot.config.language)
    definitions = store.workspace.indicators
    with store.cursor() as (served, con):
        catalog: Catalog = served.memo("map_catalog", lambda: read_catalog(con, definitions))
        groups = served.memo(
            ("map_groups", language), lambda: _groups(catalog, definitions, language)
        )
        counts = {lv: len(snapshot.areas.get(AreaLevel(lv), [])) for lv in MAP_LEVELS}
        selection = choose(catalog, request.query_params, counts)
        data = None
        if selection is not None:
            chosen = selection
            data = served.recent(
                "map_choropleth",
                (chosen, language),
                lambda: choropleth(con, snapshot, definitions[chosen.indicator], chosen, language),
                CHOROPLETHS_CACHED,
            )
    return MapState(snapshot, catalog, groups, data, language)


def basemap_style_url(portal: PortalConfig) -> str:
    """``portal.basemap.style_url`` of ``stuurdata.yaml``, else empty (no base map: the areas
    on a plain background)."""
    return portal.basemap.style_url if portal.basemap else ""


@router.api_route("/kaart", methods=["GET", "HEAD"], response_class=HTMLResponse)
def kaart(request: Request) -> HTMLResponse:
    """The map: a GET form (indicator, level, period, breaks), the legend, the map (with
    JavaScript) and a table of the value of every area (always, so it works without)."""
    store = store_of(request)
    snapshot = store.current()
    if snapshot is None:
        return render(request, "nobuild.html", None, status_code=503)
    state = _state(request, store, snapshot)
    bounds = snapshot.bounds()
    geojson_url = ""
    if state.data is not None:
        chosen = state.data.selection
        geojson_url = "/kaart/data.geojson?" + urlencode(
            {
                "indicator": chosen.indicator,
                "level": chosen.level,
                "period": chosen.period,
                "breaks": chosen.method.value,
                "lang": state.language,
            }
        )
    return render(
        request,
        "kaart.html",
        snapshot,
        bounds=",".join(f"{v:.6f}" for v in bounds) if bounds else "",
        catalog=state.catalog,
        groups=state.groups,
        data=state.data,
        methods=[m.value for m in BreakMethod],
        levels=MAP_LEVELS,
        geojson_url=geojson_url,
        basemap=basemap_style_url(snapshot.config.portal),
    )


@router.get("/kaart/data.geojson")
def kaart_geojson(request: Request) -> Response:
    """The areas of the chosen level with their value, class colour and reason (WGS84)."""
    store = store_of(request)
    snapshot = store.current()
    if snapshot is None:
        raise HTTPException(status_code=503, detail=NO_BUILD)
    state = _state(request, store, snapshot)
    asked = request.query_params.get("indicator")
    if state.data is None or (asked is not None and asked != state.data.selection.indicator):
        raise HTTPException(status_code=404, detail="Deze indicator staat niet op de kaart.")
    data = state.data
    level = AreaLevel(data.selection.level)
    served = store.served()
    if served is None:  # superseded and closed just now: answer without the caches
        body = choropleth_geojson(data, geometry_texts(snapshot, level))
    else:
        geometries = served.memo(("map_geometries", level), lambda: geometry_texts(snapshot, level))
        body = served.recent(
            "map_geojson",
            (data.selection, state.language),
            lambda: choropleth_geojson(data, geometries),
            CHOROPLETHS_CACHED // 4,
        )
    return Response(body, media_type="application/geo+json")
