# SPDX-License-Identifier: EUPL-1.2
"""User accounts: local (argon2id password) or from OpenID Connect, with roles, gemeenten and
purposes. The CLI (``stuurdata users``) and the sign-in pages call :class:`Accounts`."""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Boolean, Column, Engine, Float, String, Table, Text, insert, select, update

from stuurdata.appdb import metadata
from stuurdata.errors import Problem, ProblemsError
from stuurdata.governance.principal import Principal, Role

MIN_PASSWORD: Final = 12
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,99}$")
_GEMEENTE = re.compile(r"^GM\d{4}$")
_PURPOSE = re.compile(r"^[a-z][a-z0-9-]*$")

users = Table(
    "users",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("username", String(200), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("password_hash", String(200), nullable=True),
    Column("roles", Text, nullable=False),
    Column("gemeenten", Text, nullable=False),
    Column("purposes", Text, nullable=False),
    Column("oidc_issuer", String(500), nullable=True),
    Column("oidc_subject", String(255), nullable=True),
    Column("active", Boolean, nullable=False),
    Column("created_at", Float, nullable=False),
)


class AccountError(ProblemsError):
    """An account could not be created or changed (name taken, weak password, unknown role)."""


@dataclass(frozen=True)
class User:
    id: str
    username: str
    display_name: str
    roles: frozenset[Role]
    gemeenten: frozenset[str]
    purposes: frozenset[str]
    active: bool
    local: bool
    """True when the user has a local password."""

    def principal(self, via: str) -> Principal:
        return Principal(
            user_id=self.id,
            name=self.display_name or self.username,
            roles=self.roles | {Role.PUBLIEK},
            gemeenten=self.gemeenten,
            purposes=self.purposes,
            via=via,
        )


def _problem(rule: str, message: str) -> AccountError:
    return AccountError("het account is niet opgeslagen", [Problem("gebruikers", rule, message)])


def check_grants(
    roles: Iterable[str], gemeenten: Iterable[str], purposes: Iterable[str]
) -> tuple[frozenset[Role], frozenset[str], frozenset[str]]:
    """Parse roles, gemeentecodes and purpose ids; :class:`AccountError` on a bad one."""
    valid = {r.value for r in Role}
    found_roles = set()
    for role in roles:
        if role not in valid:
            raise _problem("rol", f"onbekende rol '{role}'; kies uit {', '.join(sorted(valid))}")
        found_roles.add(Role(role))
    for code in gemeenten:
        if not _GEMEENTE.match(code):
            raise _problem("gemeente", f"'{code}' is geen gemeentecode (GM gevolgd door 4 cijfers)")
    for purpose in purposes:
        if not _PURPOSE.match(purpose):
            raise _problem("doel", f"'{purpose}' is geen geldig doel-id")
    return frozenset(found_roles), frozenset(gemeenten), frozenset(purposes)


def _user(row: Any) -> User:
    return User(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        roles=frozenset(Role(r) for r in json.loads(row.roles)),
        gemeenten=frozenset(json.loads(row.gemeenten)),
        purposes=frozenset(json.loads(row.purposes)),
        active=bool(row.active),
        local=row.password_hash is not None,
    )


def _dump(values: Iterable[str]) -> str:
    return json.dumps(sorted(values))


class Accounts:
    """The accounts in the application database."""

    def __init__(self, engine: Engine, hasher: PasswordHasher | None = None) -> None:
        self.engine = engine
        self.hasher = hasher or PasswordHasher()
        self._dummy = self.hasher.hash("stuurdata-dummy-password")

    def add(
        self,
        username: str,
        password: str | None,
        roles: Iterable[str] = (),
        gemeenten: Iterable[str] = (),
        purposes: Iterable[str] = (),
        display_name: str | None = None,
    ) -> User:
        """A new local account (``password`` None: it can only sign in through OIDC)."""
        if not _USERNAME.match(username):
            raise _problem("gebruikersnaam", "gebruik 2-100 letters, cijfers of . _ @ -")
        if password is not None and len(password) < MIN_PASSWORD:
            raise _problem("wachtwoord", f"een wachtwoord heeft minstens {MIN_PASSWORD} tekens")
        role_set, codes, ids = check_grants(roles, gemeenten, purposes)
        if self.get(username) is not None:
            raise _problem("gebruikersnaam", f"gebruiker '{username}' bestaat al")
        user_id = str(uuid.uuid4())
        with self.engine.begin() as con:
            con.execute(
                insert(users).values(
                    id=user_id,
                    username=username,
                    display_name=display_name or username,
                    password_hash=self.hasher.hash(password) if password is not None else None,
                    roles=_dump(role_set),
                    gemeenten=_dump(codes),
                    purposes=_dump(ids),
                    active=True,
                    created_at=time.time(),
                )
            )
        found = self.get(username)
        assert found is not None
        return found

    def get(self, username: str) -> User | None:
        with self.engine.connect() as con:
            row = con.execute(select(users).where(users.c.username == username)).first()
        return _user(row) if row is not None else None

    def by_id(self, user_id: str) -> User | None:
        with self.engine.connect() as con:
            row = con.execute(select(users).where(users.c.id == user_id)).first()
        return _user(row) if row is not None else None

    def all(self) -> list[User]:
        with self.engine.connect() as con:
            rows = con.execute(select(users).order_by(users.c.username)).all()
        return [_user(r) for r in rows]

    def grant(
        self,
        username: str,
        roles: Iterable[str],
        gemeenten: Iterable[str] | None = None,
        purposes: Iterable[str] | None = None,
    ) -> User:
        """Replace the roles (and, when given, gemeenten and purposes) of ``username``."""
        user = self.get(username)
        if user is None:
            raise _problem("gebruikersnaam", f"gebruiker '{username}' bestaat niet")
        role_set, codes, ids = check_grants(
            roles,
            user.gemeenten if gemeenten is None else gemeenten,
            user.purposes if purposes is None else purposes,
        )
        with self.engine.begin() as con:
            con.execute(
                update(users)
                .where(users.c.id == user.id)
                .values(roles=_dump(role_set), gemeenten=_dump(codes), purposes=_dump(ids))
            )
        changed = self.by_id(user.id)
        assert changed is not None
        return changed

    def set_active(self, username: str, active: bool) -> User:
        """Block (``active=False``) or unblock ``username``: a blocked user cannot sign in,
        and their sessions and API tokens stop working at the next request."""
        user = self.get(username)
        if user is None:
            raise _problem("gebruikersnaam", f"gebruiker '{username}' bestaat niet")
        with self.engine.begin() as con:
            con.execute(update(users).where(users.c.id == user.id).values(active=active))
        changed = self.by_id(user.id)
        assert changed is not None
        return changed

    def authenticate(self, username: str, password: str) -> User | None:
        """The active local user with this password, else None (the same work either way)."""
        with self.engine.connect() as con:
            row = con.execute(select(users).where(users.c.username == username)).first()
        stored = row.password_hash if row is not None else None
        try:
            self.hasher.verify(stored or self._dummy, password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None or stored is None or not row.active:
            return None
        if self.hasher.check_needs_rehash(stored):
            with self.engine.begin() as con:
                con.execute(
                    update(users)
                    .where(users.c.id == row.id)
                    .values(password_hash=self.hasher.hash(password))
                )
        return _user(row)

    def from_oidc(
        self,
        issuer: str,
        subject: str,
        username: str,
        display_name: str,
        grants: tuple[frozenset[Role], frozenset[str], frozenset[str]],
    ) -> User:
        """The user of (issuer, subject), created or updated with the grants the claims map to."""
        roles, codes, ids = grants
        values = {
            "display_name": display_name or username,
            "roles": _dump(roles),
            "gemeenten": _dump(codes),
            "purposes": _dump(ids),
        }
        with self.engine.begin() as con:
            row = con.execute(
                select(users).where(users.c.oidc_issuer == issuer, users.c.oidc_subject == subject)
            ).first()
            if row is not None:
                con.execute(update(users).where(users.c.id == row.id).values(**values))
                user_id = row.id
            else:
                user_id = str(uuid.uuid4())
                taken = con.execute(select(users.c.id).where(users.c.username == username)).first()
                name = username if taken is None else f"{username}#{user_id[:8]}"
                con.execute(
                    insert(users).values(
                        id=user_id,
                        username=name,
                        password_hash=None,
                        oidc_issuer=issuer,
                        oidc_subject=subject,
                        active=True,
                        created_at=time.time(),
                        **values,
                    )
                )
        found = self.by_id(user_id)
        assert found is not None
        return found
