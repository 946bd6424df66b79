# SPDX-License-Identifier: EUPL-1.2
"""API tokens: random, shown once, stored as SHA-256, with an expiry; sent as
``Authorization: Bearer sdt_<id>_<secret>``."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from typing import Final

from sqlalchemy import Column, Engine, Float, ForeignKey, String, Table, insert, select, update

from stuurdata.appdb import metadata

PREFIX: Final = "sdt_"
MAX_DAYS: Final = 366

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE")),
    Column("name", String(200), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False),
    Column("last_used_at", Float, nullable=True),
)


@dataclass(frozen=True)
class IssuedToken:
    id: str
    secret: str
    """The whole token: shown once, never stored."""
    expires_at: float


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Tokens:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def issue(self, user_id: str, name: str, days: int = 90) -> IssuedToken:
        if not 1 <= days <= MAX_DAYS:
            raise ValueError(f"geldigheid moet 1 tot en met {MAX_DAYS} dagen zijn")
        token_id = secrets.token_hex(6)
        token = f"{PREFIX}{token_id}_{secrets.token_urlsafe(32)}"
        now = time.time()
        expires = now + days * 86400
        with self.engine.begin() as con:
            con.execute(
                insert(api_tokens).values(
                    id=token_id,
                    user_id=user_id,
                    name=name,
                    token_hash=_digest(token),
                    created_at=now,
                    expires_at=expires,
                )
            )
        return IssuedToken(token_id, token, expires)

    def user_of(self, token: str) -> str | None:
        """The user id of a valid, unexpired token, else None."""
        if not token.startswith(PREFIX) or len(token) > 200:
            return None
        digest = _digest(token)
        with self.engine.connect() as con:
            row = con.execute(select(api_tokens).where(api_tokens.c.token_hash == digest)).first()
        if row is None or not hmac.compare_digest(row.token_hash, digest):
            return None
        now = time.time()
        if row.expires_at < now:
            return None
        with self.engine.begin() as con:
            con.execute(
                update(api_tokens).where(api_tokens.c.id == row.id).values(last_used_at=now)
            )
        return str(row.user_id)

    def revoke(self, token_id: str) -> bool:
        with self.engine.begin() as con:
            result = con.execute(
                update(api_tokens).where(api_tokens.c.id == token_id).values(expires_at=0.0)
            )
        return bool(result.rowcount)
