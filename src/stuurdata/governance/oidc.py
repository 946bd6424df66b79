# SPDX-License-Identifier: EUPL-1.2
"""Sign-in with OpenID Connect (Entra ID, Keycloak): authorization code flow with PKCE (S256).

:class:`OidcClient` reads the provider's discovery document, sends the browser to its
``authorization_endpoint`` with ``state``, ``nonce`` and a PKCE challenge (kept server-side,
single use, ten minutes), exchanges the code at the ``token_endpoint`` and validates the ID
token against the provider's JWKS (RS256/ES256: signature, ``iss``, ``aud``, ``exp``, ``iat``,
``nonce``). Roles, gemeenten and purposes follow from the claims through ``oidc.mappings`` in
``stuurdata.yaml``.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlencode, urlsplit

import httpx
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from sqlalchemy import Column, Engine, Float, String, Table, delete, insert, select

from stuurdata.appdb import metadata
from stuurdata.appdb.engine import read_secret
from stuurdata.errors import StuurdataError
from stuurdata.governance.principal import Role
from stuurdata.workspace.config import OidcConfig

STATE_LIFETIME: Final = 600.0
ALGORITHMS: Final = ["RS256", "ES256"]
_LOCAL_HOSTS: Final = frozenset({"localhost", "127.0.0.1", "::1"})

oidc_states = Table(
    "oidc_states",
    metadata,
    Column("state", String(64), primary_key=True),
    Column("nonce", String(64), nullable=False),
    Column("code_verifier", String(128), nullable=False),
    Column("next_path", String(2000), nullable=False),
    Column("created_at", Float, nullable=False),
)


class OidcError(StuurdataError):
    """Sign-in through the OpenID Connect provider failed; the message says why."""


@dataclass(frozen=True)
class OidcLogin:
    issuer: str
    subject: str
    username: str
    display_name: str
    claims: dict[str, Any]
    next_path: str


def grants(
    config: OidcConfig, claims: dict[str, Any]
) -> tuple[frozenset[Role], frozenset[str], frozenset[str]]:
    """Roles, gemeenten and purposes the claims map to (union over matching mappings)."""
    roles: set[Role] = set()
    gemeenten: set[str] = set()
    purposes: set[str] = set()
    for mapping in config.mappings:
        value = claims.get(mapping.claim)
        held = value if isinstance(value, list) else [value]
        if mapping.value in [str(v) for v in held if v is not None]:
            roles.update(Role(r) for r in mapping.roles)
            gemeenten.update(mapping.gemeenten)
            purposes.update(mapping.purposes)
    return frozenset(roles), frozenset(gemeenten), frozenset(purposes)


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _secure_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOCAL_HOSTS)


class OidcClient:
    def __init__(
        self, config: OidcConfig, engine: Engine, root: Path, http: httpx.Client | None = None
    ) -> None:
        if not _secure_url(config.issuer):
            raise OidcError("de OIDC-issuer moet https gebruiken (http alleen op localhost)")
        self.config = config
        self.engine = engine
        self.root = root
        self.http = http or httpx.Client(timeout=10.0, follow_redirects=False)

    @cached_property
    def discovery(self) -> dict[str, Any]:
        url = self.config.issuer.rstrip("/") + "/.well-known/openid-configuration"
        document = self._get_json(url)
        if document.get("issuer") != self.config.issuer:
            raise OidcError("de issuer in het discovery-document wijkt af van de configuratie")
        for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not isinstance(document.get(key), str) or not _secure_url(document[key]):
                raise OidcError(f"discovery-document mist een veilige '{key}'")
        return document

    def _get_json(self, url: str) -> dict[str, Any]:
        try:
            response = self.http.get(url)
            response.raise_for_status()
            found = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise OidcError(f"de OIDC-provider is niet bereikbaar: {exc}") from exc
        if not isinstance(found, dict):
            raise OidcError(f"onverwacht antwoord van {url}")
        return found

    def keys(self) -> KeySet:
        return KeySet.import_key_set(self._get_json(self.discovery["jwks_uri"]))  # type: ignore[arg-type]

    def begin(self, redirect_uri: str, next_path: str) -> str:
        """The provider URL to send the browser to; remembers state, nonce and verifier."""
        state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        verifier = secrets.token_urlsafe(64)
        now = time.time()
        with self.engine.begin() as con:
            con.execute(delete(oidc_states).where(oidc_states.c.created_at < now - STATE_LIFETIME))
            con.execute(
                insert(oidc_states).values(
                    state=state,
                    nonce=nonce,
                    code_verifier=verifier,
                    next_path=next_path,
                    created_at=now,
                )
            )
        query = {
            "response_type": "code",
            "client_id": self.config.client_id,
            "redirect_uri": redirect_uri,
            "scope": " ".join(self.config.scopes),
            "state": state,
            "nonce": nonce,
            "code_challenge": _challenge(verifier),
            "code_challenge_method": "S256",
        }
        return f"{self.discovery['authorization_endpoint']}?{urlencode(query)}"

    def _take_state(self, state: str) -> tuple[str, str, str]:
        with self.engine.begin() as con:
            row = con.execute(select(oidc_states).where(oidc_states.c.state == state)).first()
            con.execute(delete(oidc_states).where(oidc_states.c.state == state))
        if row is None or row.created_at < time.time() - STATE_LIFETIME:
            raise OidcError("onbekende of verlopen inlogpoging; probeer opnieuw")
        return row.nonce, row.code_verifier, row.next_path

    def finish(self, redirect_uri: str, state: str, code: str) -> OidcLogin:
        """Exchange ``code`` and validate the ID token; the state is used up either way."""
        nonce, verifier, next_path = self._take_state(state)
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": self.config.client_id,
            "code_verifier": verifier,
        }
        auth: httpx.Auth | None = None
        if self.config.client_secret is not None:
            secret = read_secret(self.config.client_secret, self.root)
            auth = httpx.BasicAuth(self.config.client_id, secret)
        try:
            endpoint = self.discovery["token_endpoint"]
            response = (
                self.http.post(endpoint, data=form, auth=auth)
                if auth
                else self.http.post(endpoint, data=form)
            )
            response.raise_for_status()
            id_token = response.json().get("id_token")
        except (httpx.HTTPError, ValueError) as exc:
            raise OidcError(f"de code kon niet worden ingewisseld: {exc}") from exc
        if not isinstance(id_token, str):
            raise OidcError("de provider gaf geen ID-token")
        claims = self.validate(id_token, nonce)
        subject = str(claims["sub"])
        username = str(claims.get(self.config.username_claim) or subject)
        display = str(claims.get("name") or username)
        return OidcLogin(self.config.issuer, subject, username, display, claims, next_path)

    def validate(self, id_token: str, nonce: str) -> dict[str, Any]:
        """The claims of a valid ID token for this client and nonce; :class:`OidcError` else."""
        try:
            token = jwt.decode(id_token, self.keys(), algorithms=ALGORITHMS)
            registry = jwt.JWTClaimsRegistry(
                leeway=60,
                iss={"essential": True, "value": self.config.issuer},
                sub={"essential": True},
                exp={"essential": True},
                iat={"essential": True},
                nonce={"essential": True, "value": nonce},
            )
            registry.validate(token.claims)
        except (JoseError, ValueError) as exc:
            raise OidcError(f"het ID-token is ongeldig: {exc}") from exc
        claims = dict(token.claims)
        audience = claims.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.config.client_id not in audiences:
            raise OidcError("het ID-token is niet voor deze toepassing bestemd (aud)")
        if len(audiences) > 1 and claims.get("azp") != self.config.client_id:
            raise OidcError("het ID-token noemt een andere azp")
        return claims
