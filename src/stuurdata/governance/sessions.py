# SPDX-License-Identifier: EUPL-1.2
"""Server-side sessions: the cookie holds a random id, the database only its SHA-256.

Signing in always creates a new session (and ends the one the browser had), so a session id
planted before sign-in is worthless afterwards (no session fixation). Each session carries
its own CSRF token (synchronizer token).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Final

from sqlalchemy import Column, Engine, Float, ForeignKey, String, Table, delete, insert, select

from stuurdata.appdb import metadata

SESSION_COOKIE: Final = "stuurdata_sessie"
LIFETIME: Final = 8 * 3600.0
"""Absolute lifetime of a session in seconds (one working day)."""

sessions = Table(
    "sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE")),
    Column("csrf_token", String(64), nullable=False),
    Column("via", String(20), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False),
)


@dataclass(frozen=True)
class Session:
    user_id: str
    csrf_token: str
    via: str
    expires_at: float


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


class Sessions:
    def __init__(self, engine: Engine, lifetime: float = LIFETIME) -> None:
        self.engine = engine
        self.lifetime = lifetime

    def start(self, user_id: str, via: str, previous: str | None = None) -> str:
        """A new session for ``user_id``; ends ``previous`` (the browser's old session id)."""
        session_id = secrets.token_urlsafe(32)
        now = time.time()
        with self.engine.begin() as con:
            if previous:
                con.execute(delete(sessions).where(sessions.c.id_hash == _digest(previous)))
            con.execute(delete(sessions).where(sessions.c.expires_at < now))
            con.execute(
                insert(sessions).values(
                    id_hash=_digest(session_id),
                    user_id=user_id,
                    csrf_token=secrets.token_urlsafe(32),
                    via=via,
                    created_at=now,
                    expires_at=now + self.lifetime,
                )
            )
        return session_id

    def get(self, session_id: str) -> Session | None:
        """The live session of this id, else None (unknown, ended or expired)."""
        if not session_id or len(session_id) > 100:
            return None
        with self.engine.connect() as con:
            row = con.execute(
                select(sessions).where(sessions.c.id_hash == _digest(session_id))
            ).first()
        if row is None or row.expires_at < time.time():
            return None
        return Session(row.user_id, row.csrf_token, row.via, row.expires_at)

    def end(self, session_id: str) -> None:
        with self.engine.begin() as con:
            con.execute(delete(sessions).where(sessions.c.id_hash == _digest(session_id)))
