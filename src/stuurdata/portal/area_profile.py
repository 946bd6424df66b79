# SPDX-License-Identifier: EUPL-1.2
"""The profile of an area (/gebieden/{code}): key figures next to its gemeente, region and the
comparison group of similar gemeenten, trends per theme, where it lies, its neighbours and the
areas within it.

Values come from ``published.indicators`` only (openbaar indicators, disclosure control
applied); a suppressed value shows its reason. The profile is computed once per published
version and area.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import groupby

import duckdb
from starlette.requests import Request

from stuurdata.areas.model import AreaLevel
from stuurdata.dashboards.charts import small_multiples_spec
from stuurdata.dashboards.data import AreaRef, Cell, comparison_areas, read_cells
from stuurdata.portal.area_map import LocationMap, location_map, neighbours_by_code
from stuurdata.portal.i18n import Language, Translator
from stuurdata.portal.panel_views import (
    RowView,
    TableView,
    cell_view,
    column_header,
    series_labels,
    spec_json,
)
from stuurdata.portal.rendering import Links
from stuurdata.portal.snapshot import AreaRow, ServedVersion, Snapshot, store_of
from stuurdata.workspace.config import Classification
from stuurdata.workspace.indicator import Indicator


def to_ref(row: AreaRow) -> AreaRef:
    return AreaRef(row.code, row.name, str(row.level))


def open_indicators(definitions: Mapping[str, Indicator]) -> dict[str, Indicator]:
    """The openbaar indicators, by theme and id (only those are ever published)."""
    chosen = [d for d in definitions.values() if d.classification is Classification.OPENBAAR]
    return {d.id: d for d in sorted(chosen, key=lambda d: (d.theme, d.id))}


def gemeente_of(snapshot: Snapshot, area: AreaRow) -> AreaRow | None:
    if area.level == AreaLevel.GEMEENTE:
        return area
    if area.level in (AreaLevel.WIJK, AreaLevel.BUURT) and area.parent_code:
        return (
            gemeente_of(snapshot, parent) if (parent := snapshot.area(area.parent_code)) else None
        )
    return None


def context_areas(
    snapshot: Snapshot, con: duckdb.DuckDBPyConnection, area: AreaRow
) -> tuple[AreaRef, ...]:
    """What an area is compared with: its wijk (for a buurt), its gemeente, the region and the
    comparison group of similar gemeenten that hold that gemeente."""
    found: list[AreaRef] = []
    if area.level == AreaLevel.BUURT and area.parent_code:
        wijk = snapshot.area(area.parent_code)
        if wijk is not None:
            found.append(to_ref(wijk))
    gemeente = gemeente_of(snapshot, area)
    if gemeente is not None and gemeente.code != area.code:
        found.append(to_ref(gemeente))
    if gemeente is not None:
        for group in comparison_areas(con, gemeente.code):
            known = snapshot.area(group.code)
            found.append(AreaRef(group.code, known.name if known else group.name, "regio"))
    return tuple(found)


def areas_below(snapshot: Snapshot, area: AreaRow) -> dict[str, tuple[AreaRef, ...]]:
    """Areas per level (gemeente, wijk, buurt) within ``area``."""
    below: dict[str, tuple[AreaRef, ...]] = {}
    current = [area]
    for level in (AreaLevel.GEMEENTE, AreaLevel.WIJK, AreaLevel.BUURT):
        if area.level in (AreaLevel.WIJK, AreaLevel.BUURT) and level == AreaLevel.GEMEENTE:
            continue
        if area.level == AreaLevel.BUURT:
            break
        if area.level == level:
            continue
        current = [child for row in current for child in snapshot.children(row)]
        current = [row for row in current if row.level == level]
        below[str(level)] = tuple(to_ref(row) for row in current)
    return below


@dataclass(frozen=True)
class AreaProfile:
    area: AreaRow
    parent: AreaRow | None
    children: list[AreaRow]
    neighbours: list[AreaRow]
    compared_with: tuple[AreaRef, ...]
    figures: tuple[TableView, ...]
    """Key figures per theme: the latest value of every indicator next to the comparison."""
    trends: tuple[TableView, ...]
    """Per theme with values in two or more periods: a table with a chart of small multiples."""
    map: LocationMap | None


def _parent(snapshot: Snapshot, area: AreaRow) -> AreaRow | None:
    parent = snapshot.area(area.parent_code) if area.parent_code else None
    region = snapshot.config.region
    if parent is None and area.level == AreaLevel.GEMEENTE and region:
        parent = snapshot.area(region.code) if area.code in region.members else None
    return parent


def _neighbours(served: ServedVersion, snapshot: Snapshot, area: AreaRow) -> list[AreaRow]:
    if area.level == AreaLevel.REGIO:
        return []
    level = area.level
    table = served.memo(
        ("area_neighbours", str(level)),
        lambda: neighbours_by_code(snapshot.areas.get(level, [])),
    )
    return [row for code in table.get(area.code, []) if (row := snapshot.area(code))]


def theme_label(theme: str, t: Translator) -> str:
    key = f"dashboards.theme.{theme}"
    try:
        return t(key)
    except KeyError:
        return theme.replace("-", " ").capitalize()


def _figures(
    area: AreaRow,
    compared: tuple[AreaRef, ...],
    shown: dict[str, Indicator],
    cells: dict[tuple[str, str, str], Cell],
    latest: dict[str, str],
    lang: Language,
    t: Translator,
) -> tuple[TableView, ...]:
    labels = series_labels(shown, list(shown), lang)
    tables = []
    ids = [i for i in shown if i in latest]
    for theme, members in groupby(ids, key=lambda i: shown[i].theme):
        rows = []
        for indicator_id in members:
            period = latest[indicator_id]
            decimals = shown[indicator_id].decimals
            values = tuple(
                cell_view(cells.get((indicator_id, period, code)), decimals, lang)
                for code in (area.code, *(c.code for c in compared))
            )
            label = column_header(labels[indicator_id], None, t)
            rows.append(RowView(label, None, values, period=period))
        title = theme_label(theme, t)
        tables.append(
            TableView(
                id=f"kerncijfers-{theme}",
                kind="figures",
                title=title,
                description=None,
                caption=t("dashboards.profile_figures_caption", theme=title, name=area.name),
                row_header=t("col.indicator"),
                columns=(area.name, *(c.name for c in compared)),
                rows=tuple(rows),
                period_header=t("col.period"),
            )
        )
    return tuple(tables)


def _trends(
    area: AreaRow,
    shown: dict[str, Indicator],
    cells: dict[tuple[str, str, str], Cell],
    periods: dict[str, list[str]],
    lang: Language,
    t: Translator,
    csv_href: Callable[[str], str],
) -> tuple[TableView, ...]:
    labels = series_labels(shown, list(shown), lang)
    tables = []
    ids = [i for i in shown if len(periods.get(i, [])) >= 2]
    for theme, group in groupby(ids, key=lambda i: shown[i].theme):
        members = list(group)
        all_periods = sorted({p for i in members for p in periods[i]})
        rows = []
        series = []
        for indicator_id in members:
            found = [cells.get((indicator_id, p, area.code)) for p in all_periods]
            decimals = shown[indicator_id].decimals
            label = column_header(labels[indicator_id], None, t)
            rows.append(RowView(label, None, tuple(cell_view(c, decimals, lang) for c in found)))
            values = [c.value if c is not None and c.shown else None for c in found]
            series.append((indicator_id, labels[indicator_id], values))
        title = theme_label(theme, t)
        description = t("dashboards.profile_trend_caption", theme=title, name=area.name)
        spec = small_multiples_spec(description, all_periods, series, lang, t("col.period"))
        tables.append(
            TableView(
                id=f"trend-{theme}",
                kind="trend",
                title=title,
                description=None,
                caption=description,
                row_header=t("col.indicator"),
                columns=tuple(all_periods),
                rows=tuple(rows),
                spec=spec_json(spec),
                csv_href=csv_href(theme),
            )
        )
    return tuple(tables)


def trend_cells(
    con: duckdb.DuckDBPyConnection,
    definitions: Mapping[str, Indicator],
    area: AreaRow,
    theme: str,
) -> list[tuple[AreaRef, str, str, Cell | None]]:
    """(area, indicator, period, cell) of one theme's trend, for the CSV download."""
    shown = {i: d for i, d in open_indicators(definitions).items() if d.theme == theme}
    found = read_cells(con, list(shown), [area.code])
    periods: dict[str, set[str]] = {}
    for cell in found:
        periods.setdefault(cell.indicator, set()).add(cell.period)
    by_key = {(c.indicator, c.period): c for c in found}
    ref = to_ref(area)
    return [
        (ref, indicator_id, period, by_key.get((indicator_id, period)))
        for indicator_id in shown
        if len(periods.get(indicator_id, ())) >= 2
        for period in sorted(periods[indicator_id])
    ]


def area_profile(
    served: ServedVersion,
    con: duckdb.DuckDBPyConnection,
    snapshot: Snapshot,
    definitions: Mapping[str, Indicator],
    area: AreaRow,
    lang: Language,
    csv_href: Callable[[str], str],
) -> AreaProfile:
    """Everything the profile page of ``area`` shows."""
    t = Translator(lang)
    shown = open_indicators(definitions)
    compared = context_areas(snapshot, con, area)
    found = read_cells(con, list(shown), [area.code, *(c.code for c in compared)])
    cells = {(c.indicator, c.period, c.area_code): c for c in found}
    periods: dict[str, list[str]] = {}
    for cell in found:
        if cell.area_code == area.code:
            periods.setdefault(cell.indicator, []).append(cell.period)
    latest = {i: max(found_periods) for i, found_periods in periods.items()}
    return AreaProfile(
        area=area,
        parent=_parent(snapshot, area),
        children=snapshot.children(area),
        neighbours=_neighbours(served, snapshot, area),
        compared_with=compared,
        figures=_figures(area, compared, shown, cells, latest, lang, t),
        trends=_trends(area, shown, cells, periods, lang, t, csv_href),
        map=location_map(snapshot, area),
    )


def profile_of(request: Request, area: AreaRow, lang: Language) -> AreaProfile:
    """The profile of ``area`` on the version served now, computed once per version."""
    store = store_of(request)
    explicit = request.query_params.get("lang") in ("nl", "en")
    href = Links(lang, explicit, request.url.path)

    def csv_href(theme: str) -> str:
        return href(f"/gebieden/{area.code}/trends/{theme}.csv")

    with store.cursor() as (served, con):
        snapshot = store.current()
        assert snapshot is not None
        definitions = store.workspace.indicators
        return served.recent(
            "area_profile",
            (area.code, lang, explicit),
            lambda: area_profile(served, con, snapshot, definitions, area, lang, csv_href),
            size=512,
        )
