# SPDX-License-Identifier: EUPL-1.2
"""Semantic rules for ``indicators/*.yaml``, registered with :func:`stuurdata.workspace.rules.rule`.

Checked: the source is a model or area table; numerator and denominator are aggregate SQL
expressions over the source's columns (no tables, no subqueries); referenced indicators exist
and are additive; the disclosure policy is known; area levels start at the source's level;
source datasets exist.
"""

from __future__ import annotations

from collections.abc import Iterator

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from stuurdata.errors import Problem
from stuurdata.workspace.indicator import AREA_LEVELS, Indicator, IndicatorRef
from stuurdata.workspace.rules import AREA_TABLES, _problem, rule
from stuurdata.workspace.workspace import Workspace


def _key(ind: Indicator) -> str:
    return f"indicator:{ind.id}"


@rule
def indicator_sources_exist(ws: Workspace) -> Iterator[Problem]:
    known = set(ws.models) | AREA_TABLES
    for ind in ws.indicators.values():
        if ind.source is not None and ind.source not in known:
            yield _problem(
                ws,
                _key(ind),
                ("source",),
                "onbekende-verwijzing",
                f"indicator '{ind.id}' rekent over '{ind.source}', dat niet bestaat",
                expected="een model (marts.<naam>, staging.<naam>) of areas.<niveau>",
                found=ind.source,
            )


def _sql_problem(text: str, aggregate: bool) -> str | None:
    try:
        tree = sqlglot.parse_one(text, read="duckdb")
    except ParseError as exc:
        return f"geen geldige SQL-expressie: {str(exc).splitlines()[0]}"
    if isinstance(tree, exp.Query) or tree.find(exp.Select, exp.Table) is not None:
        return "alleen een expressie over de kolommen van de bron; geen tabellen of subquery's"
    has_aggregate = tree.find(exp.AggFunc) is not None
    if aggregate and not has_aggregate:
        return "verwacht een aggregatie (count, sum, ...) die per buurt optelt"
    if not aggregate and has_aggregate:
        return "een filter werkt per rij en bevat geen aggregatie"
    return None


@rule
def indicator_sql_is_valid(ws: Workspace) -> Iterator[Problem]:
    for ind in ws.indicators.values():
        parts: list[tuple[str, str | None, bool]] = [
            ("numerator", ind.numerator if isinstance(ind.numerator, str) else None, True),
            ("denominator", ind.denominator if isinstance(ind.denominator, str) else None, True),
            ("filter", ind.filter, False),
        ]
        for field, text, aggregate in parts:
            if text is None:
                continue
            message = _sql_problem(text, aggregate)
            if message is not None:
                yield _problem(
                    ws, _key(ind), (field,), "sql", f"{field} van '{ind.id}': {message}", found=text
                )


@rule
def indicator_references_exist(ws: Workspace) -> Iterator[Problem]:
    for ind in ws.indicators.values():
        refs: list[tuple[str, str]] = [
            (field, value.indicator)
            for field, value in (("numerator", ind.numerator), ("denominator", ind.denominator))
            if isinstance(value, IndicatorRef)
        ]
        if ind.population:
            refs.append(("population", ind.population))
        for field, other_id in refs:
            other = ws.indicators.get(other_id)
            if other is None:
                yield _problem(
                    ws,
                    _key(ind),
                    (field,),
                    "onbekende-verwijzing",
                    f"indicator '{ind.id}' verwijst naar onbekende indicator '{other_id}'",
                    expected="de id van een indicator in indicators/",
                    found=other_id,
                )
            elif not other.kind.additive or other.derived:
                yield _problem(
                    ws,
                    _key(ind),
                    (field,),
                    "optelbaar",
                    f"'{other_id}' is geen optelbare indicator (count of sum over een bron)",
                    expected="count of sum",
                    found=str(other.kind),
                )


@rule
def indicator_policies_exist(ws: Workspace) -> Iterator[Problem]:
    from stuurdata.disclosure import STANDARD_POLICIES

    for ind in ws.indicators.values():
        if ind.disclosure_policy not in STANDARD_POLICIES:
            yield _problem(
                ws,
                _key(ind),
                ("disclosure_policy",),
                "onbekende-verwijzing",
                f"geheimhoudingsbeleid '{ind.disclosure_policy}' bestaat niet",
                expected=", ".join(sorted(STANDARD_POLICIES)),
                found=ind.disclosure_policy,
            )


@rule
def indicator_levels_fit_source(ws: Workspace) -> Iterator[Problem]:
    for ind in ws.indicators.values():
        if ind.derived:
            continue
        lowest = AREA_LEVELS.index(ind.area_level)
        for i, level in enumerate(ind.area_levels):
            if AREA_LEVELS.index(level) < lowest:
                yield _problem(
                    ws,
                    _key(ind),
                    ("area_levels", i),
                    "gebiedsniveau",
                    f"'{ind.id}' kent de bron per {ind.area_level}; niveau {level} kan niet",
                    expected=", ".join(AREA_LEVELS[lowest:]),
                    found=level,
                )


@rule
def indicator_datasets_exist(ws: Workspace) -> Iterator[Problem]:
    for ind in ws.indicators.values():
        for i, name in enumerate(ind.source_datasets):
            if name not in ws.datasets:
                yield _problem(
                    ws,
                    _key(ind),
                    ("source_datasets", i),
                    "onbekende-verwijzing",
                    f"dataset '{name}' bestaat niet",
                    expected=", ".join(sorted(ws.datasets)) or "(geen datasets)",
                    found=name,
                )
