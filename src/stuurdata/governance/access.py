# SPDX-License-Identifier: EUPL-1.2
"""The one access matrix: who may read what, by classification, gemeente and purpose.

:data:`MATRIX` is declarative: for each classification, the roles that may read it and the
conditions they must meet. :func:`decide` is the only function that answers "may this
principal read this resource?"; the API, downloads, catalog and portal ask it and nothing
else decides.

Conditions:

* ``gemeente`` — the user works for at least one gemeente the resource covers; rows of a
  table with an area code column are limited to the user's gemeenten;
* ``doel`` (doelbinding) — the user holds a registered purpose that the resource declares
  (the purposes of the sources it is derived from). Personal data without a declared purpose
  is readable by nobody.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from stuurdata.governance.principal import Principal, Role
from stuurdata.workspace.config import Classification


class Condition(StrEnum):
    GEMEENTE = "gemeente"
    DOEL = "doel"


_NONE: Final[frozenset[Condition]] = frozenset()
_GM: Final = frozenset({Condition.GEMEENTE})
_GM_DOEL: Final = frozenset({Condition.GEMEENTE, Condition.DOEL})

MATRIX: Final[Mapping[Classification, Mapping[Role, frozenset[Condition]]]] = {
    Classification.OPENBAAR: dict.fromkeys(Role, _NONE),
    Classification.INTERN: {
        Role.MEDEWERKER: _GM,
        Role.ANALIST: _GM,
        Role.DATA_EIGENAAR: _GM,
        Role.BEHEERDER: _GM,
        Role.PRIVACY_OFFICER: _GM,
    },
    Classification.VERTROUWELIJK: {
        Role.ANALIST: _GM,
        Role.DATA_EIGENAAR: _GM,
        Role.PRIVACY_OFFICER: _GM,
    },
    Classification.PERSOONSGEGEVENS: {
        Role.ANALIST: _GM_DOEL,
        Role.DATA_EIGENAAR: _GM_DOEL,
    },
    Classification.BIJZONDERE_PERSOONSGEGEVENS: {
        Role.ANALIST: _GM_DOEL,
    },
}
"""Classification -> role -> conditions. A role that is absent may not read it at all."""


@dataclass(frozen=True)
class Resource:
    """Something that can be read: a dataset or one of its columns."""

    kind: str
    """``dataset`` or ``column``."""
    name: str
    classification: Classification
    purposes: frozenset[str] = frozenset()
    """Purposes (doelbinding) the resource declares: those of its sources."""
    gemeenten: frozenset[str] = frozenset()
    """Gemeenten the resource covers (its ``spatial``, default every tenant)."""

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.name}"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str
    """Why, in Dutch: for the audit log and for the user when access is refused."""
    purpose: str | None = None
    """The purpose under which access is granted (personal data)."""
    gemeenten: frozenset[str] | None = None
    """Rows are limited to these gemeenten; None: no limit (openbaar)."""


def _check(
    principal: Principal, role: Role, conditions: frozenset[Condition], resource: Resource
) -> Decision:
    purpose: str | None = None
    scope: frozenset[str] | None = None
    if Condition.GEMEENTE in conditions:
        scope = principal.gemeenten & resource.gemeenten
        if not scope:
            return Decision(False, f"rol {role.value}: geen gemeente van deze gegevens")
    if Condition.DOEL in conditions:
        shared = sorted(principal.purposes & resource.purposes)
        if not resource.purposes:
            return Decision(False, "geen geregistreerd doel voor deze persoonsgegevens")
        if not shared:
            return Decision(False, f"rol {role.value}: geen van de doelen van deze gegevens")
        purpose = shared[0]
    reason = f"rol {role.value}" + (f", doel {purpose}" if purpose else "")
    return Decision(True, reason, purpose, scope)


def decide(principal: Principal, resource: Resource) -> Decision:
    """May ``principal`` read ``resource``? Looked up in :data:`MATRIX`, nowhere else."""
    rules = MATRIX[resource.classification]
    if resource.classification is Classification.OPENBAAR:
        return Decision(True, "openbaar")
    if not principal.authenticated:
        return Decision(False, "niet ingelogd")
    refusals = []
    for role in sorted(principal.roles):
        conditions = rules.get(role)
        if conditions is None:
            continue
        found = _check(principal, role, conditions, resource)
        if found.allowed:
            return found
        refusals.append(found.reason)
    if not refusals:
        roles = ", ".join(sorted(r.value for r in principal.roles))
        return Decision(False, f"rol ({roles}) mag {resource.classification.value} niet lezen")
    return Decision(False, "; ".join(refusals))
