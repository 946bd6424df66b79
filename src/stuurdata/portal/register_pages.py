# SPDX-License-Identifier: EUPL-1.2
"""The public registers: ``/registers`` with algorithms, sensors and DPIA's, a page per entry,
and the algorithm register as JSON and CSV in the Algoritmeregister publication standard.

The registers are workspace definitions, so the pages work before the first build; links to
datasets point to the catalog only for datasets that are published (openbaar).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from fastapi import APIRouter, HTTPException, Request
from starlette.responses import HTMLResponse, Response

from stuurdata.governance.registers import algorithms_csv, algorithms_json, links_of
from stuurdata.portal.pages import render
from stuurdata.portal.snapshot import Snapshot, store_of
from stuurdata.workspace.registers import Algorithm, Dpia, RegisterLinks, Registers, Sensor

E = TypeVar("E", Algorithm, Sensor, Dpia)

router = APIRouter(include_in_schema=False)  # pages and exports, not the API
_ID = re.compile(r"^[a-z][a-z0-9_-]{0,99}$")


@dataclass(frozen=True)
class Link:
    kind: str
    """datasets, models, sources, indicators, dashboards, algorithms, dpias, sensors."""
    name: str
    href: str | None


def _registers(request: Request) -> tuple[Registers, Snapshot | None]:
    store = store_of(request)
    return store.workspace.registers, store.current()


def _links(links: RegisterLinks, snapshot: Snapshot | None) -> list[Link]:
    public = {d.name for d in snapshot.datasets} if snapshot else set()
    found = []
    for kind, name in links_of(links):
        href = None
        if kind == "datasets" and name in public:
            href = f"/datasets/{name}"
        elif kind == "dashboards":
            href = f"/dashboards/{name}"
        found.append(Link(kind, name, href))
    return found


@router.api_route("/registers", methods=["GET", "HEAD"], response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    registers, snapshot = _registers(request)
    return render(
        request,
        "registers.html",
        snapshot,
        algorithms=sorted(registers.algorithms.values(), key=lambda a: a.name),
        sensors=sorted(registers.sensors.values(), key=lambda s: s.name),
        dpias=sorted(registers.dpias.values(), key=lambda d: d.subject),
    )


@router.api_route("/registers/algoritmes.json", methods=["GET", "HEAD"])
def algorithms_as_json(request: Request) -> Response:
    registers, _snapshot = _registers(request)
    return Response(
        algorithms_json(list(registers.algorithms.values())),
        media_type="application/json",
        headers={"Content-Disposition": 'inline; filename="algoritmes.json"'},
    )


@router.api_route("/registers/algoritmes.csv", methods=["GET", "HEAD"])
def algorithms_as_csv(request: Request) -> Response:
    registers, _snapshot = _registers(request)
    return Response(
        algorithms_csv(list(registers.algorithms.values())),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="algoritmes.csv"'},
    )


def _entry(entries: Mapping[str, E], entry_id: str) -> E:
    """The register entry ``entry_id``; 404 for an unknown or malformed id."""
    found = entries.get(entry_id) if _ID.match(entry_id) else None
    if found is None:
        raise HTTPException(status_code=404)
    return found


@router.api_route(
    "/registers/algoritmes/{entry_id}", methods=["GET", "HEAD"], response_class=HTMLResponse
)
def algorithm(request: Request, entry_id: str) -> HTMLResponse:
    registers, snapshot = _registers(request)
    found = _entry(registers.algorithms, entry_id)
    links = _links(found.links, snapshot)
    links += [
        Link("dpias", d, f"/registers/dpias/{d}") for d in found.dpias if d in registers.dpias
    ]
    return render(request, "register_algoritme.html", snapshot, algorithm=found, links=links)


@router.api_route(
    "/registers/sensoren/{entry_id}", methods=["GET", "HEAD"], response_class=HTMLResponse
)
def sensor(request: Request, entry_id: str) -> HTMLResponse:
    registers, snapshot = _registers(request)
    found = _entry(registers.sensors, entry_id)
    links = _links(found.links, snapshot)
    if found.source:
        links.insert(0, Link("sources", found.source, None))
    lon, lat = found.location.lon_lat()
    return render(
        request,
        "register_sensor.html",
        snapshot,
        sensor=found,
        links=links,
        lon=f"{lon:.6f}",
        lat=f"{lat:.6f}",
    )


@router.api_route(
    "/registers/dpias/{entry_id}", methods=["GET", "HEAD"], response_class=HTMLResponse
)
def dpia(request: Request, entry_id: str) -> HTMLResponse:
    """The public summary of a DPIA: no risks, measures or FG advice."""
    registers, snapshot = _registers(request)
    found = _entry(registers.dpias, entry_id)
    links = _links(found.links, snapshot)
    links += [
        Link("algorithms", a, f"/registers/algoritmes/{a}")
        for a in found.algorithms
        if a in registers.algorithms
    ]
    purposes = {p.id: p.title for p in store_of(request).workspace.config.purposes}
    return render(
        request,
        "register_dpia.html",
        snapshot,
        dpia=found,
        links=links,
        purposes=[purposes.get(p, p) for p in found.purposes],
    )
