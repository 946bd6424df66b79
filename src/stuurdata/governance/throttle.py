# SPDX-License-Identifier: EUPL-1.2
"""Brake on password guessing: after ``limit`` failed sign-ins for a user name (or
``address_limit`` from one address: offices share one behind NAT) within ``window`` seconds,
further attempts are refused without checking the password until the window has passed.

The failures are kept in the application database (table ``login_failures``, migration
0003_login_failures), so every web worker of a deployment counts the same attempts: with four
workers behind a reverse proxy a guesser still gets ``limit`` tries, not four times as many.
Only hashes of user names and addresses are stored, and rows older than the window are deleted as new
failures come in.
"""

from __future__ import annotations

import hashlib
import time
from typing import Final

from sqlalchemy import (
    Column,
    Engine,
    Float,
    Integer,
    String,
    Table,
    and_,
    delete,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.sql.elements import ColumnElement

from stuurdata.appdb import metadata

LIMIT: Final = 5
ADDRESS_LIMIT: Final = 50
WINDOW: Final = 900.0

login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(10), nullable=False),
    Column("key_hash", String(64), nullable=False),
    Column("at", Float, nullable=False),
)


def _key(kind: str, value: str) -> tuple[str, str]:
    value = value.lower() if kind == "user" else value
    return kind, hashlib.sha256(value.encode("utf-8")).hexdigest()


def _of(kind: str, value: str) -> ColumnElement[bool]:
    """Rows of failures for user name or address ``value``."""
    kind, key_hash = _key(kind, value)
    return and_(login_failures.c.kind == kind, login_failures.c.key_hash == key_hash)


class LoginThrottle:
    def __init__(
        self,
        engine: Engine,
        limit: int = LIMIT,
        address_limit: int = ADDRESS_LIMIT,
        window: float = WINDOW,
    ) -> None:
        self.engine = engine
        self.limit = limit
        self.address_limit = address_limit
        self.window = window

    def blocked(self, username: str, address: str) -> bool:
        """One query (each sign-in asks): the user's and the address's recent failures."""
        user, origin = _of("user", username), _of("address", address)
        query = select(func.count().filter(user), func.count().filter(origin)).where(
            login_failures.c.at >= time.time() - self.window, or_(user, origin)
        )
        with self.engine.connect() as con:
            by_user, by_address = con.execute(query).one()
        return int(by_user) >= self.limit or int(by_address) >= self.address_limit

    def failed(self, username: str, address: str) -> None:
        now = time.time()
        rows = [
            {"kind": kind, "key_hash": key_hash, "at": now}
            for kind, key_hash in (_key("user", username), _key("address", address))
        ]
        with self.engine.begin() as con:
            con.execute(delete(login_failures).where(login_failures.c.at < now - self.window))
            con.execute(insert(login_failures), rows)

    def succeeded(self, username: str) -> None:
        with self.engine.begin() as con:
            con.execute(delete(login_failures).where(_of("user", username)))
