"""A small OpenID Connect provider for the single sign-on tests, served over real HTTP.

It signs in whoever the test names, checks the PKCE verifier against the challenge and the
redirect URI at the token endpoint, and signs RS256 ID tokens; knobs let a test make it give
a token for another audience or nonce.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import urlencode

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI, Form, HTTPException, Query
from fastapi.responses import JSONResponse, RedirectResponse
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "unionhub-workbench"


@dataclass
class Grant:
    challenge: str
    redirect_uri: str
    nonce: str


@dataclass
class ProviderState:
    """What the test controls: who signs in, and how the next ID token is spoiled."""

    issuer: str = ""
    username: str = "admin"
    audience: str = CLIENT_ID
    nonce: str | None = None
    grants: dict[str, Grant] = field(default_factory=dict)
    key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _id_token(state: ProviderState, grant: Grant) -> str:
    now = int(time.time())
    claims = {
        "iss": state.issuer, "aud": state.audience, "sub": f"sub-{state.username}",
        "iat": now, "exp": now + 300, "nonce": state.nonce or grant.nonce,
        "preferred_username": state.username,
    }  # fmt: skip
    return jwt.encode(claims, state.key, algorithm="RS256", headers={"kid": "k1"})


def provider_app(state: ProviderState) -> FastAPI:
    """The provider's discovery document, authorization, token and key endpoints."""
    app = FastAPI()

    @app.get("/.well-known/openid-configuration")
    async def discovery() -> dict[str, Any]:
        return {
            "issuer": state.issuer, "authorization_endpoint": f"{state.issuer}/authorize",
            "token_endpoint": f"{state.issuer}/token", "jwks_uri": f"{state.issuer}/jwks",
            "response_types_supported": ["code"], "code_challenge_methods_supported": ["S256"],
        }  # fmt: skip

    @app.get("/authorize")
    async def authorize(
        client_id: str,
        redirect_uri: str,
        nonce: str,
        code_challenge: str,
        code_challenge_method: str,
        request_state: Annotated[str, Query(alias="state")],
    ) -> RedirectResponse:
        if client_id != CLIENT_ID or code_challenge_method != "S256":
            raise HTTPException(400, detail="invalid_request")
        code = secrets.token_urlsafe(16)
        state.grants[code] = Grant(code_challenge, redirect_uri, nonce)
        query = urlencode({"code": code, "state": request_state})
        return RedirectResponse(f"{redirect_uri}?{query}", status_code=302)

    @app.get("/jwks")
    async def jwks() -> dict[str, Any]:
        public = RSAAlgorithm.to_jwk(state.key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": "k1", "use": "sig", "alg": "RS256"}]}

    @app.post("/token", response_model=None)
    async def token(
        code: Annotated[str, Form()],
        redirect_uri: Annotated[str, Form()],
        code_verifier: Annotated[str, Form()],
        client_id: Annotated[str, Form()] = "",
    ) -> dict[str, Any] | JSONResponse:
        grant = state.grants.pop(code, None)
        if grant is None or client_id != CLIENT_ID or grant.redirect_uri != redirect_uri:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        if _s256(code_verifier) != grant.challenge:
            return JSONResponse(
                {"error": "invalid_grant", "error_description": "PKCE verifier"}, status_code=400
            )
        return {"access_token": secrets.token_urlsafe(16), "token_type": "Bearer",
                "expires_in": 300, "id_token": _id_token(state, grant)}  # fmt: skip

    return app
