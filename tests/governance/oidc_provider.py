# SPDX-License-Identifier: EUPL-1.2
"""A small but real OpenID Connect provider for the tests: discovery, authorize (signs the
configured user in at once), token (authorization code + PKCE S256, single-use codes) and
JWKS, with RS256 keys generated per run. ``app.state.mode`` makes it misbehave on purpose."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse
from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "stuurdata-portaal"
CLIENT_SECRET = "geheim-van-de-test-client"


def make_provider(redirect_uri: str) -> FastAPI:
    app = FastAPI()
    key = RSAKey.generate_key(2048, parameters={"kid": "k1", "use": "sig"}, private=True)
    rogue = RSAKey.generate_key(2048, parameters={"kid": "k1", "use": "sig"}, private=True)
    codes: dict[str, dict[str, Any]] = {}
    app.state.claims = {}
    app.state.mode = "ok"
    app.state.issuer = ""
    app.state.seen = []

    @app.get("/.well-known/openid-configuration")
    def discovery(request: Request) -> dict[str, Any]:
        issuer = app.state.issuer
        return {
            "issuer": issuer,
            "authorization_endpoint": f"{issuer}/authorize",
            "token_endpoint": f"{issuer}/token",
            "jwks_uri": f"{issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }

    @app.get("/jwks")
    def jwks() -> dict[str, Any]:
        return {"keys": [key.as_dict(private=False)]}

    @app.get("/authorize")
    def authorize(request: Request) -> Any:
        query = dict(request.query_params)
        app.state.seen.append(query)
        if (
            query.get("client_id") != CLIENT_ID
            or query.get("redirect_uri") != redirect_uri
            or query.get("response_type") != "code"
            or query.get("code_challenge_method") != "S256"
            or not query.get("code_challenge")
            or "openid" not in query.get("scope", "").split()
        ):
            return JSONResponse({"error": "invalid_request"}, status_code=400)
        code = secrets.token_urlsafe(24)
        codes[code] = {
            "challenge": query["code_challenge"],
            "nonce": query.get("nonce"),
            "redirect_uri": query["redirect_uri"],
        }
        target = f"{redirect_uri}?{urlencode({'code': code, 'state': query['state']})}"
        return RedirectResponse(target, status_code=302)

    @app.post("/token")
    def token(
        request: Request,
        grant_type: str = Form(),
        code: str = Form(),
        redirect_uri: str = Form(),
        code_verifier: str = Form(),
    ) -> Any:
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if request.headers.get("authorization") != f"Basic {expected}":
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        found = codes.pop(code, None)  # single use
        if found is None or grant_type != "authorization_code":
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        digest = hashlib.sha256(code_verifier.encode()).digest()
        challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        if challenge != found["challenge"] or redirect_uri != found["redirect_uri"]:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        now = int(time.time())
        mode = app.state.mode
        claims = {
            "iss": app.state.issuer if mode != "wrong_issuer" else "https://elders.example",
            "aud": CLIENT_ID if mode != "wrong_audience" else "andere-toepassing",
            "iat": now,
            "exp": now + 300 if mode != "expired" else now - 3600,
            "nonce": found["nonce"] if mode != "wrong_nonce" else "andere-nonce",
            **app.state.claims,
        }
        signer = rogue if mode == "rogue_key" else key
        id_token = jwt.encode({"alg": "RS256", "kid": "k1"}, claims, signer)
        return {
            "access_token": secrets.token_urlsafe(16),
            "token_type": "Bearer",
            "id_token": id_token,
        }

    return app
