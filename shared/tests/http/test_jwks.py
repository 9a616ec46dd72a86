"""Asymmetric tokens verified against a JWKS URL, dev tokens beside them, and offline /docs."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from fastapi import FastAPI
from shared.auth import AuthError, CurrentPrincipal, SigningKey, issue_token, verify_token
from shared.auth.tokens import jwks_client
from shared.settings import ServiceSettings

Client = Callable[[FastAPI], httpx.AsyncClient]
KEY = SigningKey.generate()


@pytest.fixture
def jwks_url() -> Iterator[str]:
    """A real HTTP server publishing ``KEY``'s key set."""
    body = json.dumps(KEY.jwks()).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/.well-known/jwks.json"
    server.shutdown()
    jwks_client.cache_clear()


def _sign(settings: ServiceSettings, key: SigningKey, ttl: timedelta = timedelta(minutes=5)) -> str:
    return key.sign(settings, subject="cadre-7", roles=["union_cadre"], org_id=_ORG, ttl=ttl)


_ORG = "8d6f9a52-54f5-4a5e-8a43-3c2f8f0f4b11"


def test_es256_tokens_verify_against_the_jwks_and_others_are_refused(
    settings: ServiceSettings, jwks_url: str
) -> None:
    with_jwks = settings.model_copy(update={"jwt_jwks_url": jwks_url})
    principal = verify_token(with_jwks, _sign(settings, KEY))
    assert (principal.subject, principal.org_id) == ("cadre-7", _ORG)
    with pytest.raises(AuthError, match="签名密钥未知"):
        verify_token(with_jwks, _sign(settings, SigningKey.generate()))
    with pytest.raises(AuthError, match="已过期"):
        verify_token(with_jwks, _sign(settings, KEY, ttl=timedelta(minutes=-5)))
    dev = issue_token(settings, subject="dev", roles=["city_admin"], org_id=None)
    with pytest.raises(AuthError):  # a dev token is refused once keys are configured …
        verify_token(with_jwks, dev)
    also_dev = with_jwks.model_copy(update={"jwt_dev_tokens": True})
    assert verify_token(also_dev, dev).subject == "dev"  # … unless dev tokens are admitted
    assert verify_token(also_dev, _sign(settings, KEY)).subject == "cadre-7"
    provider = SigningKey.generate()  # the city's identity provider, configured by public key
    public_pem = provider.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    both = with_jwks.model_copy(update={"jwt_public_key": public_pem.decode()})
    assert verify_token(both, _sign(settings, provider)).subject == "cadre-7"
    assert verify_token(both, _sign(settings, KEY)).subject == "cadre-7"


def test_dev_tokens_beside_keys_are_refused_outside_dev() -> None:
    with pytest.raises(ValueError, match="JWT_DEV_TOKENS"):
        ServiceSettings(
            environment="production",
            jwt_secret="a-real-secret-of-the-city-0123456789",
            pii_key="cHJvZC1waWkta2V5LTMyLWJ5dGVzLWZvci1hZXMtZ2NtIQ==",
            blind_index_key="a-real-blind-index-key",
            jwt_dev_tokens=True,
        )


async def test_a_service_serves_a_jwks_signed_caller(
    make_app: Callable[..., FastAPI], client_for: Client, settings: ServiceSettings, jwks_url: str
) -> None:
    app = make_app(settings=settings.model_copy(update={"jwt_jwks_url": jwks_url}))

    @app.get("/me")
    async def me(principal: CurrentPrincipal) -> dict[str, str]:
        return {"subject": principal.subject}

    token = _sign(settings, KEY)
    response = await client_for(app).get("/me", headers={"Authorization": f"Bearer {token}"})
    assert response.json() == {"subject": "cadre-7"}


async def test_docs_work_offline(make_app: Callable[..., FastAPI], client_for: Client) -> None:
    client = client_for(make_app())
    page = await client.get("/docs")
    assert page.status_code == 200
    assert "/docs-assets/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower()
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert (await client.get(f"/docs-assets/{asset}")).status_code == 200
    assert (await client.get("/redoc")).status_code == 404
