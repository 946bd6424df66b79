# SPDX-License-Identifier: EUPL-1.2
"""Who is asking: the principal of a request, and the FastAPI dependencies that read it.

The authentication middleware (:mod:`stuurdata.governance.auth`) puts a :class:`Principal` on
``request.state.principal`` for every request; anonymous callers get :data:`ANONYMOUS`.
Route handlers never look at cookies or tokens themselves: they depend on
:func:`current_principal` or :func:`require_roles`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from fastapi import HTTPException, Request


class Role(StrEnum):
    """The roles of the platform, from least to most trusted (the FG stands beside them)."""

    PUBLIEK = "publiek"
    MEDEWERKER = "medewerker"
    ANALIST = "analist"
    DATA_EIGENAAR = "data-eigenaar"
    BEHEERDER = "beheerder"
    PRIVACY_OFFICER = "privacy-officer"


@dataclass(frozen=True)
class Principal:
    """An authenticated user, an API token's owner, or the anonymous public."""

    user_id: str | None
    name: str
    roles: frozenset[Role] = frozenset({Role.PUBLIEK})
    gemeenten: frozenset[str] = frozenset()
    """Gemeente codes (GMxxxx) the user works for; empty for the public."""
    purposes: frozenset[str] = frozenset()
    """Registered purposes (doelbinding, ``purposes`` in stuurdata.yaml) the user may process for."""
    via: str = "anonymous"
    """How the caller authenticated: ``anonymous``, ``password``, ``oidc`` or ``token``."""
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def authenticated(self) -> bool:
        return self.user_id is not None

    def has_any(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))


ANONYMOUS = Principal(user_id=None, name="publiek")


def current_principal(request: Request) -> Principal:
    """FastAPI dependency: the principal the authentication middleware found (else anonymous)."""
    principal = getattr(request.state, "principal", None)
    return principal if isinstance(principal, Principal) else ANONYMOUS


def require_roles(*roles: Role) -> Callable[[Request], Principal]:
    """FastAPI dependency factory: the principal when it holds one of ``roles``.

    Anonymous callers get 401, signed-in users without the role 403; neither response names
    the resource.
    """

    def dependency(request: Request) -> Principal:
        principal = current_principal(request)
        if not principal.authenticated:
            raise HTTPException(status_code=401, detail="Inloggen vereist.")
        if not principal.has_any(*roles):
            raise HTTPException(status_code=403, detail="Geen toegang.")
        return principal

    return dependency
