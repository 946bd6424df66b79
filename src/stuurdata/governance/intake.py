# SPDX-License-Identifier: EUPL-1.2
"""Data-request intake: a request, its scores, whether a DPIA is needed and its priority.

The priority is a transparent sum that staff and requesters can recompute by hand::

    prioriteit = 2 x waarde + 2 x urgentie + (6 - inspanning) - privacyrisico

with every score 1..5 and privacyrisico 0 (no personal data), 2 (personal data) or 4 (special
categories). Without a legal basis a request for personal data cannot be delivered: its priority
is halved (rounded down) until the basis is there. A DPIA is needed when personal data is
processed for a new purpose, at large scale or with special categories (AVG art. 35 and the
Autoriteit Persoonsgegevens' list).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    """Where a request stands; shown to the requester."""

    NIEUW = "nieuw"
    IN_BEHANDELING = "in_behandeling"
    GELEVERD = "geleverd"
    AFGEWEZEN = "afgewezen"

    @property
    def closed(self) -> bool:
        return self in (Status.GELEVERD, Status.AFGEWEZEN)


class Channel(StrEnum):
    PUBLIEK = "publiek"
    """The public form: anyone, no account."""
    MEDEWERKER = "medewerker"
    """The staff form."""


SCORE_RANGE = range(1, 6)


@dataclass(frozen=True)
class Privacy:
    """The privacy questions of a request."""

    personal_data: bool = False
    """Does it need data about persons?"""
    special_categories: bool = False
    """Health, religion, ethnicity, criminal records ... (AVG art. 9 and 10)?"""
    new_purpose: bool = False
    """For a purpose the data was not collected for?"""
    large_scale: bool = False
    """Many persons, a whole gemeente or more?"""

    @property
    def dpia_needed(self) -> bool:
        """Personal data plus a new purpose, large scale or special categories."""
        return self.personal_data and (
            self.new_purpose or self.large_scale or self.special_categories
        )

    @property
    def risk(self) -> int:
        """0 without personal data, 2 with, 4 with special categories."""
        if not self.personal_data and not self.special_categories:
            return 0
        return 4 if self.special_categories else 2


@dataclass(frozen=True)
class Scores:
    """Value, urgency and effort, each 1 (low) to 5 (high)."""

    value: int = 3
    urgency: int = 3
    effort: int = 3

    def __post_init__(self) -> None:
        for name in ("value", "urgency", "effort"):
            if getattr(self, name) not in SCORE_RANGE:
                raise ValueError(f"{name} moet 1 tot en met 5 zijn")


@dataclass(frozen=True)
class Priority:
    """The priority and the sum it comes from."""

    score: int
    explanation: str


def priority(scores: Scores, privacy: Privacy, legal_basis: str) -> Priority:
    """The priority of a request (see the module docstring), with its sum in words."""
    base = 2 * scores.value + 2 * scores.urgency + (6 - scores.effort) - privacy.risk
    text = (
        f"2×waarde {scores.value} + 2×urgentie {scores.urgency} + "
        f"(6 − inspanning {scores.effort}) − privacyrisico {privacy.risk} = {base}"
    )
    if privacy.personal_data and not legal_basis.strip():
        halved = base // 2
        return Priority(halved, f"{text}; zonder grondslag gehalveerd: {halved}")
    return Priority(base, text)


@dataclass(frozen=True)
class DataRequest:
    """A stored data request."""

    id: int
    title: str
    description: str
    requester: str
    email: str
    gemeente: str | None
    channel: Channel
    scores: Scores
    privacy: Privacy
    legal_basis: str
    status: Status
    created_at: dt.datetime
    updated_at: dt.datetime
    reply: str = ""
    """Message to the requester, shown on the status page."""
    delivered: tuple[str, ...] = field(default_factory=tuple)
    """What was delivered: ``dataset:<name>`` or ``dashboard:<id>``."""
    handled_at: dt.datetime | None = None

    @property
    def priority(self) -> Priority:
        return priority(self.scores, self.privacy, self.legal_basis)

    @property
    def dpia_needed(self) -> bool:
        return self.privacy.dpia_needed
