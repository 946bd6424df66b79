# SPDX-License-Identifier: EUPL-1.2
"""Semantic rules for ``dashboards/*.yaml``, registered with :func:`stuurdata.workspace.rules.rule`.

Checked: every indicator of a panel exists and is openbaar (dashboards are public pages); the
panel's level and the filter's levels are levels the indicator is published for; a fixed period
is written the way the indicator's period is (peildatum YYYY-MM-DD, jaar YYYY, maand YYYY-MM,
vast: the boundary year); the default area is the region or a gemeente of the workspace.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stuurdata.errors import Problem
from stuurdata.workspace.config import Classification
from stuurdata.workspace.indicator import Indicator, IndicatorRef
from stuurdata.workspace.rules import _problem, rule
from stuurdata.workspace.workspace import Workspace

PERIOD_FORMATS: dict[str, tuple[str, str]] = {
    "peildatum": (r"^\d{4}-\d{2}-\d{2}$", "JJJJ-MM-DD (een peildatum)"),
    "jaar": (r"^\d{4}$", "JJJJ (een jaar)"),
    "maand": (r"^\d{4}-\d{2}$", "JJJJ-MM (een maand)"),
}


def _key(dashboard_id: str) -> str:
    return f"dashboard:{dashboard_id}"


def period_kind(ws: Workspace, indicator: Indicator) -> str | None:
    """The period kind of an indicator; a derived one takes its numerator's."""
    seen: set[str] = set()
    current: Indicator | None = indicator
    while current is not None and current.id not in seen:
        seen.add(current.id)
        if current.period is not None:
            return current.period.kind
        numerator = current.numerator
        current = (
            ws.indicators.get(numerator.indicator) if isinstance(numerator, IndicatorRef) else None
        )
    return None


@rule
def dashboard_indicators_exist(ws: Workspace) -> Iterator[Problem]:
    for board in ws.dashboards.values():
        for p, panel in enumerate(board.panels):
            for i, indicator_id in enumerate(panel.indicators):
                loc = ("panels", p, "indicators", i)
                found = ws.indicators.get(indicator_id)
                if found is None:
                    yield _problem(
                        ws,
                        _key(board.id),
                        loc,
                        "onbekende-verwijzing",
                        f"paneel '{panel.id}' toont onbekende indicator '{indicator_id}'",
                        expected="de id van een indicator in indicators/",
                        found=indicator_id,
                    )
                elif found.classification is not Classification.OPENBAAR:
                    yield _problem(
                        ws,
                        _key(board.id),
                        loc,
                        "classificatie",
                        f"paneel '{panel.id}': indicator '{indicator_id}' is niet openbaar en "
                        "kan niet op een dashboard",
                        expected="een openbare indicator",
                        found=found.classification.value,
                    )


@rule
def dashboard_levels_fit_indicators(ws: Workspace) -> Iterator[Problem]:
    for board in ws.dashboards.values():
        for p, panel in enumerate(board.panels):
            for indicator_id in panel.indicators:
                found = ws.indicators.get(indicator_id)
                if found is None:
                    continue
                levels = list(found.area_levels)
                if panel.level is not None and panel.level not in levels:
                    yield _problem(
                        ws,
                        _key(board.id),
                        ("panels", p, "level"),
                        "gebiedsniveau",
                        f"paneel '{panel.id}': '{indicator_id}' wordt niet per "
                        f"{panel.level} gepubliceerd",
                        expected=", ".join(levels),
                        found=panel.level,
                    )
                if panel.level is None:
                    for f, level in enumerate(board.filters.area_levels):
                        if level not in levels:
                            yield _problem(
                                ws,
                                _key(board.id),
                                ("filters", "area_levels", f),
                                "gebiedsniveau",
                                f"paneel '{panel.id}': '{indicator_id}' wordt niet per {level} "
                                "gepubliceerd, dat in het gebiedsfilter staat",
                                expected=", ".join(levels),
                                found=level,
                            )


@rule
def dashboard_periods_fit_indicators(ws: Workspace) -> Iterator[Problem]:
    for board in ws.dashboards.values():
        for p, panel in enumerate(board.panels):
            if panel.period is None:
                continue
            for indicator_id in panel.indicators:
                found = ws.indicators.get(indicator_id)
                if found is None:
                    continue
                kind = period_kind(ws, found)
                if kind == "vast":
                    pattern, expected = (
                        rf"^{ws.config.boundary_year}$",
                        (f"{ws.config.boundary_year} (het grenzenjaar)"),
                    )
                elif kind in PERIOD_FORMATS:
                    pattern, expected = PERIOD_FORMATS[kind]
                else:
                    continue
                if not re.match(pattern, panel.period):
                    yield _problem(
                        ws,
                        _key(board.id),
                        ("panels", p, "period"),
                        "periode",
                        f"paneel '{panel.id}': periode '{panel.period}' bestaat niet voor "
                        f"'{indicator_id}' (periode: {kind})",
                        expected=expected,
                        found=panel.period,
                    )


@rule
def dashboard_default_area_exists(ws: Workspace) -> Iterator[Problem]:
    known = {tenant.code for tenant in ws.config.tenants}
    if ws.config.region is not None:
        known |= {ws.config.region.code, *ws.config.region.members}
    for board in ws.dashboards.values():
        code = board.filters.default_area
        if code is None or code[:2] not in ("GM", "RG") or code in known:
            continue  # wijk and buurt codes are checked against the published areas at request
        yield _problem(
            ws,
            _key(board.id),
            ("filters", "default_area"),
            "onbekende-verwijzing",
            f"gebied '{code}' is geen gemeente of regio van deze werkruimte",
            expected=", ".join(sorted(known)) or "(geen gemeenten)",
            found=code,
        )
