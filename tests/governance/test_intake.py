# SPDX-License-Identifier: EUPL-1.2
"""Data-request intake: the DPIA rule, the transparent priority, the store, the public form with
its unguessable status link, and the staff backlog (role medewerker or higher, CSRF-protected)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stuurdata.appdb import open_app_database
from stuurdata.catalog.searchlog import SearchLog
from stuurdata.governance.intake import Privacy, Scores, Status, priority
from stuurdata.governance.intake_store import IntakeStore, NewRequest
from stuurdata.portal import create_app
from stuurdata.warehouse import build
from stuurdata.workspace import Workspace
from tests.portal.conftest import write_tiny_workspace
from tests.security.signin import browser, csrf_token, ensure_user, sign_in

_STATUS_LINK = re.compile(r'href="(/dataverzoek/[A-Za-z0-9_-]{40,})"')


@given(st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_dpia_rule(personal: bool, special: bool, new_purpose: bool, large: bool) -> None:
    privacy = Privacy(personal, special, new_purpose, large)
    assert privacy.dpia_needed == (personal and (new_purpose or large or special))


def test_priority_is_the_documented_sum() -> None:
    plain = priority(Scores(value=4, urgency=3, effort=2), Privacy(), "")
    assert plain.score == 2 * 4 + 2 * 3 + (6 - 2) - 0 == 18
    assert "= 18" in plain.explanation
    personal = priority(Scores(4, 3, 2), Privacy(personal_data=True), "Wmo 2015 art. 5.1.1")
    assert personal.score == 16
    no_basis = priority(Scores(4, 3, 2), Privacy(personal_data=True), " ")
    assert no_basis.score == 8 and "gehalveerd" in no_basis.explanation
    special = priority(Scores(4, 3, 2), Privacy(True, special_categories=True), "AVG art. 9")
    assert special.score == 14
    with pytest.raises(ValueError):
        Scores(value=6)


@given(st.integers(1, 5), st.integers(1, 5), st.integers(1, 5), st.integers(1, 5), st.booleans())
def test_priority_grows_with_value_and_urgency(
    value: int, urgency: int, effort: int, other: int, personal: bool
) -> None:
    privacy = Privacy(personal_data=personal)
    base = priority(Scores(value, urgency, effort), privacy, "grondslag").score
    if value < 5:
        assert priority(Scores(value + 1, urgency, effort), privacy, "grondslag").score > base
    if effort < 5:
        assert priority(Scores(value, urgency, effort + 1), privacy, "grondslag").score < base


@pytest.fixture(scope="module")
def intake_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_tiny_workspace(tmp_path_factory.mktemp("intake") / "ws")
    build(Workspace.load(root))
    ensure_user(root, "medewerker-bw", roles=["medewerker"], gemeenten=["GM9901"])
    ensure_user(root, "alleen-publiek", roles=["publiek"], gemeenten=[])
    return root


@pytest.fixture(scope="module")
def app(intake_workspace: Path):  # type: ignore[no-untyped-def]
    return create_app(intake_workspace)


def test_store_orders_the_backlog_by_priority(tmp_path: Path) -> None:
    database = open_app_database(tmp_path)
    store = IntakeStore(database.engine)
    low, low_token = store.add(NewRequest("Laag", "x", scores=Scores(1, 1, 5)))
    high, _ = store.add(NewRequest("Hoog", "x", scores=Scores(5, 5, 1)))
    done, _ = store.add(NewRequest("Klaar", "x", scores=Scores(5, 5, 1)))
    store.update(
        done.id,
        status=Status.GELEVERD,
        scores=done.scores,
        privacy=done.privacy,
        legal_basis="",
        reply="",
        delivered=["dataset:woningen_per_buurt"],
    )
    assert [r.title for r in store.backlog()] == ["Hoog", "Laag", "Klaar"]
    assert store.by_token(low_token) == store.get(low.id)
    assert store.by_token("x" * 43) is None
    assert store.get(high.id) is not None
    finished = store.get(done.id)
    assert finished is not None and finished.handled_at is not None
    database.dispose()


def test_public_form_gives_a_status_link(app) -> None:  # type: ignore[no-untyped-def]
    client = browser(app)
    form = client.get("/dataverzoek")
    assert form.status_code == 200
    assert 'name="csrf_token"' in form.text
    token = csrf_token(client, "/dataverzoek")
    answer = client.post(
        "/dataverzoek",
        data={
            "csrf_token": token,
            "title": "Geluidsoverlast per buurt",
            "description": "Meldingen van geluidsoverlast per buurt en maand.",
            "gemeente": "GM9901",
            "urgency": "4",
        },
    )
    assert answer.status_code == 201, answer.text
    link = _STATUS_LINK.search(answer.text)
    assert link is not None
    status = browser(app).get(link.group(1))  # another browser: the link alone is enough
    assert status.status_code == 200
    assert "Geluidsoverlast per buurt" in status.text
    assert "ontvangen" in status.text
    assert browser(app).get(link.group(1)[:-2] + "xx").status_code == 404


def test_public_form_rejects_missing_fields_and_missing_csrf(app) -> None:  # type: ignore[no-untyped-def]
    client = browser(app)
    token = csrf_token(client, "/dataverzoek")
    empty = client.post("/dataverzoek", data={"csrf_token": token, "title": " "})
    assert empty.status_code == 422
    assert "Vul een titel in." in empty.text
    forged = browser(app).post("/dataverzoek", data={"title": "x", "description": "y"})
    assert forged.status_code == 403


def test_backlog_is_for_staff_only(app) -> None:  # type: ignore[no-untyped-def]
    anonymous = browser(app).get("/beheer/verzoeken", follow_redirects=False)
    assert anonymous.status_code == 303  # to the sign-in page, and back afterwards
    assert anonymous.headers["location"] == "/inloggen?next=%2Fbeheer%2Fverzoeken"
    outsider = browser(app)
    assert sign_in(outsider, "alleen-publiek").status_code == 303
    refused = outsider.get("/beheer/verzoeken")
    assert refused.status_code == 403 and "Geen toegang" in refused.text
    assert outsider.get("/beheer/kosten").status_code == 403


def test_staff_assess_deliver_and_requester_sees_it(  # type: ignore[no-untyped-def]
    app, intake_workspace: Path
) -> None:
    SearchLog.for_workspace(intake_workspace).record("hondenbelasting per wijk")
    public = browser(app)
    answer = public.post(
        "/dataverzoek",
        data={
            "csrf_token": csrf_token(public, "/dataverzoek"),
            "title": "Zorggebruik per buurt",
            "description": "Wmo en jeugdhulp per buurt.",
            "personal_data": "true",
        },
    )
    link = _STATUS_LINK.search(answer.text)
    assert link is not None

    staff = browser(app)
    assert sign_in(staff, "medewerker-bw").status_code == 303
    page = staff.get("/beheer/verzoeken")
    assert page.status_code == 200
    assert "hondenbelasting per wijk" in page.text  # failed searches beside the backlog
    ids = re.findall(r'action="/beheer/verzoeken/(\d+)"', page.text)
    titles = re.findall(r'<a class="utrecht-link" href="#verzoek-(\d+)">([^<]+)</a>', page.text)
    request_id = next(i for i, title in titles if title == "Zorggebruik per buurt")
    assert request_id in ids
    token = csrf_token(staff, "/beheer/verzoeken")
    saved = staff.post(
        f"/beheer/verzoeken/{request_id}",
        data={
            "csrf_token": token,
            "status": "geleverd",
            "value": "5",
            "urgency": "4",
            "effort": "2",
            "personal_data": "true",
            "special_categories": "true",
            "legal_basis": "Wmo 2015 art. 5.1.1",
            "reply": "Geleverd als dataset.",
            "delivered": ["dataset:woningen_per_buurt", "dashboard:onzin;drop"],
        },
    )
    assert saved.status_code == 303
    backlog = staff.get("/beheer/verzoeken").text
    assert "2×waarde 5 + 2×urgentie 4 + (6 − inspanning 2) − privacyrisico 4 = 18" in backlog
    status = browser(app).get(link.group(1)).text
    assert "geleverd" in status
    assert "Geleverd als dataset." in status
    assert 'href="/datasets/woningen_per_buurt"' in status
    assert "onzin" not in status

    added = staff.post(
        "/beheer/verzoeken",
        data={"csrf_token": token, "title": "Intern verzoek", "description": "Voor de raad."},
    )
    assert added.status_code == 303
    assert "Intern verzoek" in staff.get("/beheer/verzoeken").text


def test_cost_page_for_staff(app) -> None:  # type: ignore[no-untyped-def]
    staff = browser(app)
    sign_in(staff, "medewerker-bw")
    page = staff.get("/beheer/kosten", params={"periode": "2026-Q3", "bedrag": "1000"})
    assert page.status_code == 200
    assert "€ 250,00" in page.text and "€ 750,00" in page.text  # tiny region key 1 : 3
    wrong = staff.get("/beheer/kosten", params={"periode": "morgen"})
    assert wrong.status_code == 200 and 'role="alert"' in wrong.text
