"""Bearer tokens: what verifies, what is refused with 401, and roles refused with 403."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from fastapi import Depends, FastAPI
from shared.auth import (
    AuthError,
    CurrentPrincipal,
    Principal,
    Role,
    issue_token,
    require_roles,
    verify_token,
)
from shared.auth.devtoken import app as devtoken_cli
from shared.settings import ServiceSettings
from typer.testing import CliRunner

Client = Callable[[FastAPI], httpx.AsyncClient]


@pytest.fixture
def app(make_app: Callable[..., FastAPI]) -> FastAPI:
    app = make_app()

    @app.get("/me")
    async def me(principal: CurrentPrincipal) -> dict[str, Any]:
        return {"subject": principal.subject, "org_id": principal.org_id}

    @app.post("/disputes")
    async def open_dispute(
        principal: Annotated[Principal, Depends(require_roles(Role.MEDIATOR, Role.CITY_ADMIN))],
    ) -> dict[str, str]:
        return {"by": principal.subject}

    return app


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def signed(settings: ServiceSettings, **changes: Any) -> str:
    """An HS256 token with valid claims except for ``changes`` (``None`` drops a claim)."""
    now = datetime.now(UTC)
    claims: dict[str, Any] = {
        "sub": "u-1",
        "roles": ["union_cadre"],
        "org_id": str(uuid.uuid4()),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + timedelta(hours=1),
    }
    claims.update(changes)
    claims = {name: value for name, value in claims.items() if value is not None}
    return jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")


def test_a_valid_token_yields_the_principal(settings: ServiceSettings, org_id: str) -> None:
    token = issue_token(settings, subject="u-7", roles=["union_cadre", "auditor"], org_id=org_id)

    principal = verify_token(settings, token)

    assert principal == Principal("u-7", frozenset({Role.UNION_CADRE, Role.AUDITOR}), org_id)
    assert principal.has_any(Role.AUDITOR, Role.ANALYST)
    assert not principal.has_any(Role.CITY_ADMIN)
    assert principal.principal_key == "sub:u-7"


def test_unknown_roles_grant_nothing_and_the_scope_is_canonical(settings: ServiceSettings) -> None:
    org = uuid.uuid4()
    token = signed(settings, roles=["analyst", "superuser"], org_id=org.hex.upper())

    principal = verify_token(settings, token)

    assert principal.roles == frozenset({Role.ANALYST})
    assert principal.org_id == str(org)


def test_only_a_city_admin_may_go_without_an_organisation_scope(
    settings: ServiceSettings,
) -> None:
    admin = verify_token(
        settings, issue_token(settings, subject="a", roles=["city_admin"], org_id=None)
    )
    assert admin.org_id is None

    with pytest.raises(ValueError, match="市总管理员"):
        issue_token(settings, subject="c", roles=["union_cadre"], org_id=None)
    with pytest.raises(AuthError, match="市总管理员"):
        verify_token(settings, signed(settings, org_id=None))
    with pytest.raises(AuthError, match="UUID"):
        verify_token(settings, signed(settings, org_id="street-7"))
    with pytest.raises(ValueError, match="root"):
        issue_token(settings, subject="c", roles=["root"], org_id=str(uuid.uuid4()))


async def test_the_caller_is_served_with_a_valid_token(
    app: FastAPI, client_for: Client, cadre_token: str, org_id: str
) -> None:
    response = await client_for(app).get("/me", headers=bearer(cadre_token))

    assert response.status_code == 200
    assert response.json() == {"subject": "cadre-1", "org_id": org_id}


async def test_no_token_is_401_with_a_bearer_challenge(app: FastAPI, client_for: Client) -> None:
    client = client_for(app)
    for headers in ({}, {"Authorization": "Basic dXNlcjpwYXNz"}):
        response = await client.get("/me", headers=headers)

        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["title"] == "未认证"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"exp": datetime.now(UTC) - timedelta(minutes=5)}, "令牌已过期"),
        ({"aud": "another-service"}, "令牌的受众不符"),
        ({"iss": "someone-else"}, "令牌的签发者不符"),
        ({"exp": None}, "令牌无法验证"),
    ],
    ids=["expired", "wrong-audience", "wrong-issuer", "no-expiry"],
)
async def test_unacceptable_claims_are_401(
    app: FastAPI,
    client_for: Client,
    settings: ServiceSettings,
    changes: dict[str, Any],
    reason: str,
) -> None:
    response = await client_for(app).get("/me", headers=bearer(signed(settings, **changes)))

    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json()["title"] == "令牌无效或已过期"
    assert response.json()["detail"] == reason


async def test_an_expired_token_from_issue_token_is_401(
    app: FastAPI, client_for: Client, settings: ServiceSettings, org_id: str
) -> None:
    stale = issue_token(
        settings, subject="u", roles=["union_cadre"], org_id=org_id, ttl=timedelta(minutes=-2)
    )

    response = await client_for(app).get("/me", headers=bearer(stale))

    assert response.status_code == 401
    assert response.json()["detail"] == "令牌已过期"


async def test_a_bad_signature_is_401(
    app: FastAPI, client_for: Client, settings: ServiceSettings, cadre_token: str
) -> None:
    header, payload, signature = cadre_token.split(".")
    tampered_signature = ("A" if signature[0] != "A" else "B") + signature[1:]
    other_key = settings.model_copy(update={"jwt_secret": settings.jwt_secret.__class__("x" * 40)})
    forged = issue_token(other_key, subject="cadre-1", roles=["city_admin"], org_id=None)

    client = client_for(app)
    for token in (f"{header}.{payload}.{tampered_signature}", forged, "not-a-jwt"):
        response = await client.get("/me", headers=bearer(token))
        assert response.status_code == 401
        assert response.json()["title"] == "令牌无效或已过期"


async def test_a_missing_role_is_403_in_chinese(
    app: FastAPI, client_for: Client, cadre_token: str, settings: ServiceSettings
) -> None:
    client = client_for(app)

    refused = await client.post("/disputes", headers=bearer(cadre_token))
    mediator = issue_token(settings, subject="m-1", roles=["mediator"], org_id=str(uuid.uuid4()))
    admitted = await client.post("/disputes", headers=bearer(mediator))

    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["title"] == "无权执行此操作"
    assert admitted.status_code == 200
    assert admitted.json() == {"by": "m-1"}


async def test_rs256_tokens_verify_against_the_configured_public_key(
    make_app: Callable[..., FastAPI], client_for: Client, settings: ServiceSettings
) -> None:
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = (
        private_key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    production_like = settings.model_copy(update={"jwt_public_key": public_pem})
    now = datetime.now(UTC)
    claims = {
        "sub": "idp-user-9",
        "roles": ["analyst"],
        "org_id": str(uuid.uuid4()),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "exp": now + timedelta(minutes=10),
    }
    rs256 = jwt.encode(claims, private_key, algorithm="RS256")

    assert verify_token(production_like, rs256).subject == "idp-user-9"
    with pytest.raises(AuthError):  # the development secret no longer signs anything valid
        verify_token(production_like, signed(settings))
    other_algorithm = jwt.encode(claims, ec.generate_private_key(ec.SECP256R1()), "ES256")
    with pytest.raises(AuthError):  # an EC-signed token against the RSA key is refused
        verify_token(production_like, other_algorithm)
    app = make_app(settings=production_like)

    @app.get("/me")
    async def me(principal: CurrentPrincipal) -> dict[str, str]:
        return {"subject": principal.subject}

    response = await client_for(app).get("/me", headers=bearer(rs256))
    assert response.status_code == 200
    assert response.json() == {"subject": "idp-user-9"}


def test_devtoken_prints_a_token_in_dev_and_refuses_in_production(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    org = str(uuid.uuid4())
    monkeypatch.setenv("ENVIRONMENT", "dev")
    runner = CliRunner()

    printed = runner.invoke(devtoken_cli, ["--role", "union_cadre", "--org", org, "--sub", "zhang"])
    admin = runner.invoke(devtoken_cli, ["--role", "city_admin", "--org", ""])

    assert printed.exit_code == 0, printed.output
    principal = verify_token(ServiceSettings(), printed.stdout.strip())
    assert principal == Principal("zhang", frozenset({Role.UNION_CADRE}), org)
    assert admin.exit_code == 0, admin.output
    assert verify_token(ServiceSettings(), admin.stdout.strip()).org_id is None

    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("JWT_SECRET", "a-real-secret-from-the-vault-0123456789")
    monkeypatch.setenv("PII_KEY", "cHJvZHVjdGlvbi1rZXktMzItYnl0ZXMtbG9uZy0wMDA=")
    monkeypatch.setenv("BLIND_INDEX_KEY", "a-real-blind-index-key")
    refused = runner.invoke(devtoken_cli, ["--role", "union_cadre", "--org", org])

    assert refused.exit_code == 2
    assert "refused" in refused.stderr
    assert refused.stdout.strip() == ""


def test_a_page_names_the_caller_by_roles_never_by_the_token_subject() -> None:
    admin = Principal(subject="a1b2", roles=frozenset({Role.CITY_ADMIN}), org_id=None)
    assert admin.title == "管理员（全市）"
    officer = Principal(
        subject="c3d4",
        roles=frozenset({Role.MEDIATOR, Role.ASSISTANCE_OFFICER}),
        org_id="6f1c2a9e-3c55-4c2f-9b52-1f2d3c4b5a69",
    )
    assert officer.title == "帮扶专干、调解员"
    assert "c3d4" not in officer.title
    nobody = Principal(
        subject="e5", roles=frozenset(), org_id="6f1c2a9e-3c55-4c2f-9b52-1f2d3c4b5a69"
    )
    assert nobody.title == "无角色"
