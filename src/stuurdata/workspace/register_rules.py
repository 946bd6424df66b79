# SPDX-License-Identifier: EUPL-1.2
"""Semantic rules for ``registers/``: every linked dataset, model, source, indicator, dashboard,
algorithm, DPIA and purpose exists; a sensor's source exists. Registered with
:func:`stuurdata.workspace.rules.rule` when this module is imported."""

from __future__ import annotations

from collections.abc import Iterator

from stuurdata.errors import Problem
from stuurdata.workspace.registers import RegisterLinks
from stuurdata.workspace.rules import _problem, rule
from stuurdata.workspace.workspace import Workspace

_KIND_NAMES = {
    "datasets": ("dataset", "datasets/"),
    "models": ("model", "models/ (marts.<naam> of staging.<naam>)"),
    "sources": ("bron", "sources/"),
    "indicators": ("indicator", "indicators/"),
    "dashboards": ("dashboard", "dashboards/"),
}


def _known(ws: Workspace, kind: str) -> set[str]:
    if kind == "datasets":
        return set(ws.datasets)
    if kind == "models":
        return set(ws.models)
    if kind == "sources":
        return set(ws.sources)
    if kind == "indicators":
        return set(ws.indicators)
    return set(ws.dashboards)


def _unknown(
    ws: Workspace, key: str, loc: tuple[int | str, ...], what: str, name: str, known: set[str]
) -> Problem:
    listing = ", ".join(sorted(known)[:12]) or "(geen)"
    return _problem(
        ws,
        key,
        loc,
        "onbekende-verwijzing",
        f"{what} '{name}' bestaat niet",
        expected=listing,
        found=name,
    )


def _link_problems(ws: Workspace, key: str, links: RegisterLinks) -> Iterator[Problem]:
    for kind, index, name in links.names():
        known = _known(ws, kind)
        if name not in known:
            what, _folder = _KIND_NAMES[kind]
            yield _unknown(ws, key, ("links", kind, index), what, name, known)


@rule
def register_links_exist(ws: Workspace) -> Iterator[Problem]:
    registers = ws.registers
    for algorithm in registers.algorithms.values():
        yield from _link_problems(ws, f"algoritme:{algorithm.id}", algorithm.links)
    for sensor in registers.sensors.values():
        yield from _link_problems(ws, f"sensor:{sensor.id}", sensor.links)
    for dpia in registers.dpias.values():
        yield from _link_problems(ws, f"dpia:{dpia.id}", dpia.links)


@rule
def register_cross_references_exist(ws: Workspace) -> Iterator[Problem]:
    registers = ws.registers
    for algorithm in registers.algorithms.values():
        for i, dpia_id in enumerate(algorithm.dpias):
            if dpia_id not in registers.dpias:
                key = f"algoritme:{algorithm.id}"
                yield _unknown(ws, key, ("dpias", i), "DPIA", dpia_id, set(registers.dpias))
    purposes = {p.id for p in ws.config.purposes}
    for dpia in registers.dpias.values():
        key = f"dpia:{dpia.id}"
        for i, algorithm_id in enumerate(dpia.algorithms):
            if algorithm_id not in registers.algorithms:
                yield _unknown(
                    ws, key, ("algorithms", i), "algoritme", algorithm_id, set(registers.algorithms)
                )
        for i, purpose in enumerate(dpia.purposes):
            if purpose not in purposes:
                yield _unknown(ws, key, ("purposes", i), "doel", purpose, purposes)


@rule
def register_sensor_sources_exist(ws: Workspace) -> Iterator[Problem]:
    for sensor in ws.registers.sensors.values():
        if sensor.source is not None and sensor.source not in ws.sources:
            yield _unknown(
                ws, f"sensor:{sensor.id}", ("source",), "bron", sensor.source, set(ws.sources)
            )
