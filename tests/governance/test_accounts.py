# SPDX-License-Identifier: EUPL-1.2
"""Local accounts (argon2id), sessions and API tokens on a real SQLite application database."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import Engine, select

from stuurdata.governance.accounts import AccountError, Accounts, users
from stuurdata.governance.principal import Role
from stuurdata.governance.sessions import Sessions
from stuurdata.governance.tokens import Tokens, api_tokens

PASSWORD = "een lang genoeg wachtwoord"


def test_a_local_user_signs_in_with_the_right_password_only(engine: Engine) -> None:
    accounts = Accounts(engine)
    user = accounts.add("anna", PASSWORD, ["analist"], ["GM0534"], ["zorg"], "Anna de Vries")
    assert accounts.authenticate("anna", PASSWORD) == user
    assert accounts.authenticate("anna", PASSWORD + "x") is None
    assert accounts.authenticate("niemand", PASSWORD) is None
    principal = user.principal("password")
    assert principal.roles == {Role.ANALIST, Role.PUBLIEK}
    assert principal.gemeenten == {"GM0534"}
    assert principal.purposes == {"zorg"}
    with engine.connect() as con:
        stored = con.execute(select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


@pytest.mark.parametrize(
    ("username", "password", "roles", "gemeenten", "rule"),
    [
        ("bob", "kort", [], [], "wachtwoord"),
        ("bob", PASSWORD, ["koning"], [], "rol"),
        ("bob", PASSWORD, [], ["GM12"], "gemeente"),
        ("<script>", PASSWORD, [], [], "gebruikersnaam"),
    ],
)
def test_bad_accounts_are_refused_with_the_rule(
    engine: Engine, username: str, password: str, roles: list[str], gemeenten: list[str], rule: str
) -> None:
    with pytest.raises(AccountError) as caught:
        Accounts(engine).add(username, password, roles, gemeenten)
    assert caught.value.problems[0].rule == rule


def test_a_user_name_is_taken_once(engine: Engine) -> None:
    accounts = Accounts(engine)
    accounts.add("anna", PASSWORD)
    with pytest.raises(AccountError):
        accounts.add("anna", PASSWORD)


def test_grant_replaces_roles(engine: Engine) -> None:
    accounts = Accounts(engine)
    accounts.add("anna", PASSWORD, ["medewerker"], ["GM0534"])
    changed = accounts.grant("anna", ["analist", "data-eigenaar"])
    assert changed.roles == {Role.ANALIST, Role.DATA_EIGENAAR}
    assert changed.gemeenten == {"GM0534"}


def test_a_token_is_stored_hashed_and_expires(engine: Engine) -> None:
    user = Accounts(engine).add("anna", PASSWORD)
    tokens = Tokens(engine)
    issued = tokens.issue(user.id, "script", days=1)
    assert tokens.user_of(issued.secret) == user.id
    assert tokens.user_of(issued.secret + "x") is None
    with engine.connect() as con:
        stored = con.execute(select(api_tokens.c.token_hash)).scalar_one()
    assert issued.secret not in stored
    assert tokens.revoke(issued.id)
    assert tokens.user_of(issued.secret) is None
    with pytest.raises(ValueError):
        tokens.issue(user.id, "te lang", days=1000)


def test_a_new_session_ends_the_previous_one(engine: Engine) -> None:
    user = Accounts(engine).add("anna", PASSWORD)
    sessions = Sessions(engine)
    first = sessions.start(user.id, "password")
    second = sessions.start(user.id, "password", previous=first)
    assert sessions.get(first) is None
    live = sessions.get(second)
    assert live is not None and live.user_id == user.id
    sessions.end(second)
    assert sessions.get(second) is None


def test_an_expired_session_is_gone(engine: Engine) -> None:
    user = Accounts(engine).add("anna", PASSWORD)
    sessions = Sessions(engine, lifetime=0.01)
    session_id = sessions.start(user.id, "password")
    time.sleep(0.05)
    assert sessions.get(session_id) is None
