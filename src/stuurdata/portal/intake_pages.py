# SPDX-License-Identifier: EUPL-1.2
"""Data-request intake and the staff pages behind it.

Public: ``/dataverzoek`` (form; after submitting, the unguessable status link is shown once) and
``/dataverzoek/{token}`` (status, reply and what was delivered; no account needed).
Staff (role medewerker or higher): ``/beheer/verzoeken`` (the prioritised backlog with the failed
catalog searches beside it, a form per request and a staff intake form) and ``/beheer/kosten``
(usage per gemeente and the cost split). Forms carry the CSRF token in a hidden ``csrf_token``
field (checked by :mod:`stuurdata.governance.csrf` before the route runs).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Annotated, Any, Final

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from stuurdata.errors import ProblemsError
from stuurdata.governance.auth import AuthServices
from stuurdata.governance.intake import Channel, Privacy, Scores, Status
from stuurdata.governance.intake_store import MAX_TEXT, MAX_TITLE, IntakeStore, NewRequest
from stuurdata.governance.principal import Principal, Role, require_roles
from stuurdata.portal.pages import render
from stuurdata.portal.snapshot import store_of

router = APIRouter(include_in_schema=False)
STAFF: Final = (
    Role.MEDEWERKER,
    Role.ANALIST,
    Role.DATA_EIGENAAR,
    Role.BEHEERDER,
    Role.PRIVACY_OFFICER,
)
_staff = require_roles(*STAFF)
_DELIVERED = re.compile(r"^(dataset|dashboard):[a-z][a-z0-9_]{0,99}$")
MISSED_SEARCHES = 30


def _intake(request: Request) -> IntakeStore:
    services: AuthServices = request.app.state.auth
    found = services.extra.get("intake")
    if not isinstance(found, IntakeStore):
        found = IntakeStore(services.database.engine)
        services.extra["intake"] = found
    return found


def _page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    store = store_of(request)
    return render(
        request,
        template,
        store.current(),
        status_code=status_code,
        csrf_token=getattr(request.state, "csrf_token", ""),
        tenants=store.workspace.config.tenants,
        **context,
    )


def _gemeente(request: Request, code: str) -> str | None:
    codes = {t.code for t in store_of(request).workspace.config.tenants}
    return code if code in codes else None


def _form_errors(title: str, description: str) -> list[str]:
    errors = []
    if not title.strip():
        errors.append("intake.error.title")
    if not description.strip():
        errors.append("intake.error.description")
    return errors


@router.get("/dataverzoek", response_class=HTMLResponse)
def request_form(request: Request) -> HTMLResponse:
    return _page(request, "intake_form.html", errors=[], values={})


@router.post("/dataverzoek", response_class=HTMLResponse)
def submit_request(
    request: Request,
    title: Annotated[str, Form(max_length=MAX_TITLE)] = "",
    description: Annotated[str, Form(max_length=MAX_TEXT)] = "",
    requester: Annotated[str, Form(max_length=200)] = "",
    email: Annotated[str, Form(max_length=200)] = "",
    gemeente: Annotated[str, Form(max_length=6)] = "",
    urgency: Annotated[int, Form(ge=1, le=5)] = 3,
    personal_data: Annotated[bool, Form()] = False,
) -> HTMLResponse:
    errors = _form_errors(title, description)
    if errors:
        values = {"title": title, "description": description, "requester": requester}
        return _page(request, "intake_form.html", 422, errors=errors, values=values)
    new = NewRequest(
        title=title,
        description=description,
        requester=requester,
        email=email,
        gemeente=_gemeente(request, gemeente),
        channel=Channel.PUBLIEK,
        scores=Scores(urgency=urgency),
        privacy=Privacy(personal_data=personal_data),
    )
    stored, token = _intake(request).add(new)
    return _page(request, "intake_submitted.html", 201, data_request=stored, token=token)


@router.get("/dataverzoek/{token}", response_class=HTMLResponse)
def request_status(request: Request, token: str) -> HTMLResponse:
    found = _intake(request).by_token(token)
    if found is None:
        raise HTTPException(status_code=404)
    return _page(
        request,
        "intake_status.html",
        data_request=found,
        delivered=_delivered(request, found.delivered),
    )


def _delivered(request: Request, items: tuple[str, ...]) -> list[tuple[str, str, str | None]]:
    """(kind, name, href) of what was delivered; datasets link only when published."""
    snapshot = store_of(request).current()
    public = {d.name for d in snapshot.datasets} if snapshot else set()
    found = []
    for item in items:
        kind, _sep, name = item.partition(":")
        if kind == "dataset":
            found.append((kind, name, f"/datasets/{name}" if name in public else None))
        else:
            found.append((kind, name, f"/dashboards/{name}"))
    return found


def _missed_searches(request: Request) -> list[tuple[str, int]]:
    from stuurdata.catalog.searchlog import SearchLog

    entries = SearchLog.for_workspace(store_of(request).root).entries()
    counts = Counter(e.text.lower() for e in entries if e.text)
    return counts.most_common(MISSED_SEARCHES)


@router.get("/beheer/verzoeken", response_class=HTMLResponse)
def backlog(request: Request, principal: Annotated[Principal, Depends(_staff)]) -> HTMLResponse:
    ws = store_of(request).workspace
    known = [f"dataset:{n}" for n in sorted(ws.datasets)]
    known += [f"dashboard:{n}" for n in sorted(ws.dashboards)]
    return _page(
        request,
        "beheer_verzoeken.html",
        requests=_intake(request).backlog(),
        missed=_missed_searches(request),
        deliverables=known,
        statuses=list(Status),
        user_name=principal.name,
    )


@dataclass(frozen=True)
class Assessment:
    """The staff's scoring of a request, as both staff forms post it."""

    scores: Scores
    privacy: Privacy
    legal_basis: str


def _assessment(
    value: Annotated[int, Form(ge=1, le=5)] = 3,
    urgency: Annotated[int, Form(ge=1, le=5)] = 3,
    effort: Annotated[int, Form(ge=1, le=5)] = 3,
    personal_data: Annotated[bool, Form()] = False,
    special_categories: Annotated[bool, Form()] = False,
    new_purpose: Annotated[bool, Form()] = False,
    large_scale: Annotated[bool, Form()] = False,
    legal_basis: Annotated[str, Form(max_length=MAX_TEXT)] = "",
) -> Assessment:
    return Assessment(
        Scores(value, urgency, effort),
        Privacy(personal_data, special_categories, new_purpose, large_scale),
        legal_basis,
    )


@router.post("/beheer/verzoeken", response_model=None)
def add_staff_request(
    request: Request,
    principal: Annotated[Principal, Depends(_staff)],
    assessment: Annotated[Assessment, Depends(_assessment)],
    title: Annotated[str, Form(max_length=MAX_TITLE)] = "",
    description: Annotated[str, Form(max_length=MAX_TEXT)] = "",
    gemeente: Annotated[str, Form(max_length=6)] = "",
) -> Response:
    if _form_errors(title, description):
        raise HTTPException(status_code=422, detail="Titel en omschrijving zijn verplicht.")
    _intake(request).add(
        NewRequest(
            title=title,
            description=description,
            requester=principal.name,
            gemeente=_gemeente(request, gemeente),
            channel=Channel.MEDEWERKER,
            scores=assessment.scores,
            privacy=assessment.privacy,
            legal_basis=assessment.legal_basis,
        )
    )
    return RedirectResponse("/beheer/verzoeken", status_code=303)


@router.post("/beheer/verzoeken/{request_id}", response_model=None)
def assess_request(
    request: Request,
    request_id: int,
    principal: Annotated[Principal, Depends(_staff)],
    assessment: Annotated[Assessment, Depends(_assessment)],
    status: Annotated[Status, Form()] = Status.NIEUW,
    reply: Annotated[str, Form(max_length=MAX_TEXT)] = "",
    delivered: Annotated[list[str] | None, Form()] = None,
) -> Response:
    items = [d for d in (delivered or []) if _DELIVERED.match(d)]
    updated = _intake(request).update(
        request_id,
        status=status,
        scores=assessment.scores,
        privacy=assessment.privacy,
        legal_basis=assessment.legal_basis,
        reply=reply,
        delivered=items,
    )
    if updated is None:
        raise HTTPException(status_code=404)
    return RedirectResponse(f"/beheer/verzoeken#verzoek-{request_id}", status_code=303)


@router.get("/beheer/kosten", response_class=HTMLResponse)
def costs(
    request: Request,
    principal: Annotated[Principal, Depends(_staff)],
    periode: str = "",
    bedrag: str = "",
) -> HTMLResponse:
    from stuurdata.governance.costs import Period, cost_report, euros, parse_amount

    error = None
    report = None
    try:
        period = Period.parse(periode) if periode else Period.current_quarter()
        cents = parse_amount(bedrag) if bedrag else None
        report = cost_report(store_of(request).workspace, period, cents)
    except ProblemsError as exc:
        error = exc.problems[0].message if exc.problems else str(exc)
    return _page(
        request,
        "beheer_kosten.html",
        report=report,
        error=error,
        periode=periode,
        bedrag=bedrag,
        euros=euros,
    )
