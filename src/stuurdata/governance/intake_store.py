# SPDX-License-Identifier: EUPL-1.2
"""Data requests in the application database (table ``data_requests``, migration 0002_intake).

A requester sees the status through an unguessable link: a random token shown once after
submitting; only its SHA-256 is stored, so a copy of the database does not reveal the links.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Engine,
    Integer,
    String,
    Table,
    Text,
    insert,
    select,
    update,
)

from stuurdata.appdb import metadata
from stuurdata.governance.intake import Channel, DataRequest, Privacy, Scores, Status

data_requests = Table(
    "data_requests",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("title", String(200), nullable=False),
    Column("description", Text, nullable=False),
    Column("requester", String(200), nullable=False),
    Column("email", String(200), nullable=False),
    Column("gemeente", String(6), nullable=True),
    Column("channel", String(20), nullable=False),
    Column("value", Integer, nullable=False),
    Column("urgency", Integer, nullable=False),
    Column("effort", Integer, nullable=False),
    Column("personal_data", Boolean, nullable=False),
    Column("special_categories", Boolean, nullable=False),
    Column("new_purpose", Boolean, nullable=False),
    Column("large_scale", Boolean, nullable=False),
    Column("legal_basis", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("reply", Text, nullable=False),
    Column("delivered", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("handled_at", DateTime(timezone=True), nullable=True),
)

MAX_TITLE = 200
MAX_TEXT = 5000


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NewRequest:
    """What a form hands in."""

    title: str
    description: str
    requester: str = ""
    email: str = ""
    gemeente: str | None = None
    channel: Channel = Channel.PUBLIEK
    scores: Scores = field(default_factory=Scores)
    privacy: Privacy = field(default_factory=Privacy)
    legal_basis: str = ""


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _request(row: Any) -> DataRequest:
    created = _utc(row.created_at)
    updated = _utc(row.updated_at)
    assert created is not None and updated is not None
    return DataRequest(
        id=row.id,
        title=row.title,
        description=row.description,
        requester=row.requester,
        email=row.email,
        gemeente=row.gemeente,
        channel=Channel(row.channel),
        scores=Scores(row.value, row.urgency, row.effort),
        privacy=Privacy(
            row.personal_data, row.special_categories, row.new_purpose, row.large_scale
        ),
        legal_basis=row.legal_basis,
        status=Status(row.status),
        created_at=created,
        updated_at=updated,
        reply=row.reply,
        delivered=tuple(json.loads(row.delivered)),
        handled_at=_utc(row.handled_at),
    )


class IntakeStore:
    """Add, read and update data requests."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, new: NewRequest, now: dt.datetime | None = None) -> tuple[DataRequest, str]:
        """Store a request; returns it and the status token (shown once, never stored)."""
        token = secrets.token_urlsafe(32)
        moment = now or dt.datetime.now(dt.UTC)
        with self.engine.begin() as con:
            result = con.execute(
                insert(data_requests).values(
                    token_hash=token_hash(token),
                    title=new.title.strip()[:MAX_TITLE],
                    description=new.description.strip()[:MAX_TEXT],
                    requester=new.requester.strip()[:200],
                    email=new.email.strip()[:200],
                    gemeente=new.gemeente,
                    channel=new.channel.value,
                    value=new.scores.value,
                    urgency=new.scores.urgency,
                    effort=new.scores.effort,
                    personal_data=new.privacy.personal_data,
                    special_categories=new.privacy.special_categories,
                    new_purpose=new.privacy.new_purpose,
                    large_scale=new.privacy.large_scale,
                    legal_basis=new.legal_basis.strip()[:MAX_TEXT],
                    status=Status.NIEUW.value,
                    reply="",
                    delivered="[]",
                    created_at=moment,
                    updated_at=moment,
                )
            )
            key = result.inserted_primary_key
            assert key is not None
            new_id = int(key[0])
        found = self.get(new_id)
        assert found is not None
        return found, token

    def get(self, request_id: int) -> DataRequest | None:
        with self.engine.connect() as con:
            row = con.execute(select(data_requests).where(data_requests.c.id == request_id)).first()
        return _request(row) if row else None

    def by_token(self, token: str) -> DataRequest | None:
        if not token or len(token) > 100:
            return None
        with self.engine.connect() as con:
            row = con.execute(
                select(data_requests).where(data_requests.c.token_hash == token_hash(token))
            ).first()
        return _request(row) if row else None

    def all(self) -> list[DataRequest]:
        with self.engine.connect() as con:
            rows = con.execute(select(data_requests).order_by(data_requests.c.id)).all()
        return [_request(row) for row in rows]

    def backlog(self) -> list[DataRequest]:
        """Open requests first, highest priority first (ties: oldest first); then closed ones."""
        return sorted(
            self.all(), key=lambda r: (r.status.closed, -r.priority.score, r.created_at, r.id)
        )

    def update(
        self,
        request_id: int,
        *,
        status: Status,
        scores: Scores,
        privacy: Privacy,
        legal_basis: str,
        reply: str,
        delivered: Iterable[str],
        now: dt.datetime | None = None,
    ) -> DataRequest | None:
        """Change the assessment, status and delivery of a request."""
        moment = now or dt.datetime.now(dt.UTC)
        current = self.get(request_id)
        if current is None:
            return None
        handled = current.handled_at
        if status.closed and handled is None:
            handled = moment
        elif not status.closed:
            handled = None
        with self.engine.begin() as con:
            con.execute(
                update(data_requests)
                .where(data_requests.c.id == request_id)
                .values(
                    status=status.value,
                    value=scores.value,
                    urgency=scores.urgency,
                    effort=scores.effort,
                    personal_data=privacy.personal_data,
                    special_categories=privacy.special_categories,
                    new_purpose=privacy.new_purpose,
                    large_scale=privacy.large_scale,
                    legal_basis=legal_basis.strip()[:MAX_TEXT],
                    reply=reply.strip()[:MAX_TEXT],
                    delivered=json.dumps(sorted(set(delivered))),
                    updated_at=moment,
                    handled_at=handled,
                )
            )
        return self.get(request_id)


def handled_per_gemeente(engine: Engine, start: dt.date, end: dt.date) -> Counter[str]:
    """Delivered requests per gemeente with ``start <= handled_at < end`` (no gemeente: '')."""
    counts: Counter[str] = Counter()
    for request in IntakeStore(engine).all():
        handled = request.handled_at
        if request.status is Status.GELEVERD and handled and start <= handled.date() < end:
            counts[request.gemeente or ""] += 1
    return counts
