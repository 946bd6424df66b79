# SPDX-License-Identifier: EUPL-1.2
"""The audit log of every access to non-public data: append-only and hash-chained.

Each line is canonical JSON holding, besides who, what, when, purpose, result and origin
(as the BIO asks), the SHA-256 of the previous line (``prev``); the row stores the SHA-256 of
its own line. A checkpoint row holds the number of lines and the last hash, updated in the
same transaction as each append, so a deleted line in the middle breaks the chain and a
removed tail no longer matches the checkpoint. :func:`verify` checks all of it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Final, Literal

from sqlalchemy import Column, Engine, Integer, String, Table, Text, insert, select, update
from sqlalchemy.exc import IntegrityError

from stuurdata.appdb import metadata

GENESIS: Final = "0" * 64
Result = Literal["toegestaan", "geweigerd"]

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("line", Text, nullable=False),
    Column("hash", String(64), nullable=False),
)
audit_checkpoint = Table(
    "audit_checkpoint",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("count", Integer, nullable=False),
    Column("head", String(64), nullable=False),
)


@dataclass(frozen=True)
class AuditEvent:
    """One access to non-public data."""

    actor: str
    """User id, or 'anoniem'."""
    actor_name: str
    via: str
    action: str
    """What was asked, e.g. 'dataset.rows' or 'dataset.download'."""
    resource: str
    """What it was asked of, e.g. 'dataset:personen_sociaal_domein'."""
    classification: str
    purpose: str | None
    result: Result
    reason: str
    ip: str | None
    user_agent: str | None


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    lines: int
    bad_line: int | None
    """1-based number of the first line that fails, None when the chain holds."""
    message: str


def _digest(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def _line(seq: int, at: str, event: AuditEvent, prev: str) -> str:
    body = {"seq": seq, "at": at, **asdict(event), "prev": prev}
    if body["user_agent"]:
        body["user_agent"] = str(body["user_agent"])[:300]
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class AuditLog:
    """Append and verify the audit log in the application database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()

    def append(self, event: AuditEvent, at: dt.datetime | None = None) -> int:
        """Append ``event``; returns its line number. Retries when another process won."""
        moment = (at or dt.datetime.now(dt.UTC)).isoformat(timespec="microseconds")
        with self._lock:
            for _attempt in range(20):
                try:
                    return self._append(event, moment)
                except IntegrityError:
                    continue
        raise RuntimeError("het auditlog kon niet worden bijgewerkt")

    def _append(self, event: AuditEvent, moment: str) -> int:
        with self.engine.begin() as con:
            point = con.execute(
                select(audit_checkpoint).where(audit_checkpoint.c.id == 1).with_for_update()
            ).first()
            count, head = (int(point[1]), str(point[2])) if point else (0, GENESIS)
            seq = count + 1
            line = _line(seq, moment, event, head)
            digest = _digest(line)
            con.execute(insert(audit_log).values(seq=seq, line=line, hash=digest))
            if point is None:
                con.execute(insert(audit_checkpoint).values(id=1, count=seq, head=digest))
            else:
                changed = con.execute(
                    update(audit_checkpoint)
                    .where(audit_checkpoint.c.id == 1, audit_checkpoint.c.count == count)
                    .values(count=seq, head=digest)
                )
                if changed.rowcount != 1:
                    raise IntegrityError("checkpoint moved", None, Exception("race"))
        return seq

    def lines(self) -> Iterator[dict[str, object]]:
        """The lines in order, parsed (for display and export)."""
        with self.engine.connect() as con:
            for row in con.execute(select(audit_log.c.line).order_by(audit_log.c.seq)):
                parsed: dict[str, object] = json.loads(row.line)
                yield parsed

    def verify(self) -> VerifyResult:
        """Check every line's hash, the chain of ``prev`` hashes, the numbering and the
        checkpoint; the first line that fails is reported."""
        prev = GENESIS
        number = 0
        with self.engine.connect() as con:
            rows = con.execute(select(audit_log).order_by(audit_log.c.seq))
            for row in rows:
                number += 1
                problem = _check_row(row.seq, row.line, row.hash, number, prev)
                if problem:
                    return VerifyResult(False, number - 1, number, problem)
                prev = row.hash
            point = con.execute(select(audit_checkpoint).where(audit_checkpoint.c.id == 1)).first()
        expected = int(point[1]) if point else 0
        if expected != number or (point is not None and point[2] != prev):
            return VerifyResult(
                False,
                number,
                number + 1 if expected > number else max(number, 1),
                f"het controlepunt noemt {expected} regels, het log heeft er {number}: "
                "regels aan het eind zijn verwijderd of het controlepunt is gewijzigd",
            )
        return VerifyResult(True, number, None, f"{number} regels, keten intact")


def _check_row(seq: int, line: str, stored: str, number: int, prev: str) -> str | None:
    if seq != number:
        return f"regel {number} ontbreekt (volgende heeft nummer {seq})"
    if _digest(line) != stored:
        return f"regel {number} is gewijzigd (hash klopt niet)"
    try:
        body = json.loads(line)
    except json.JSONDecodeError:
        return f"regel {number} is geen geldige JSON"
    if body.get("seq") != number:
        return f"regel {number} draagt nummer {body.get('seq')}"
    if body.get("prev") != prev:
        return f"regel {number} verwijst niet naar de vorige regel (keten gebroken)"
    return None
