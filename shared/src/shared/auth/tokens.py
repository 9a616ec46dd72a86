"""Issuing (development) and verifying bearer JWTs.

Claims: ``sub``, ``roles`` (list of role names), ``org_id`` (uuid of the caller's scope root,
absent for a city-wide administrator), ``iss``, ``aud``, ``iat``, ``exp``. Production verifies
RS256/ES256 tokens (the workbench's or the city's identity provider's) against the keys of
``jwt_jwks_url`` or against ``jwt_public_key``; development and tests sign HS256 tokens with
``jwt_secret``, still accepted beside the asymmetric keys when ``jwt_dev_tokens`` is set.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from shared.auth.principal import Principal, Role
from shared.settings import ServiceSettings

ASYMMETRIC_ALGORITHMS = ["RS256", "ES256"]
CLOCK_SKEW = timedelta(seconds=30)
JWKS_LIFESPAN_SECONDS = 300
_ROLE_NAMES = {role.value for role in Role}


class AuthError(Exception):
    """The token is missing a claim, expired, for another audience or issuer, or forged."""


def issue_token(
    settings: ServiceSettings,
    *,
    subject: str,
    roles: Iterable[str],
    org_id: str | None,
    ttl: timedelta = timedelta(hours=8),
) -> str:
    """Sign an HS256 token with ``settings.jwt_secret`` (development and tests).

    Args:
        settings: supplies the secret, issuer and audience.
        subject: the ``sub`` claim.
        roles: role names; each must be a :class:`Role` value.
        org_id: uuid of the caller's scope root; ``None`` only with ``city_admin``.
        ttl: lifetime; a negative value yields an already expired token.

    Raises:
        ValueError: an unknown role, a malformed ``org_id``, or no scope for a non-admin.
    """
    claims = token_claims(settings, subject=subject, roles=roles, org_id=org_id, ttl=ttl)
    return jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")


def token_claims(
    settings: ServiceSettings,
    *,
    subject: str,
    roles: Iterable[str],
    org_id: str | None,
    ttl: timedelta,
) -> dict[str, Any]:
    """The platform's claims for a caller, checked as :func:`issue_token` describes."""
    role_list = sorted({Role(name).value for name in roles})
    org_id = _scope_root(frozenset(Role(name) for name in role_list), org_id)
    now = datetime.now(UTC)
    claims: dict[str, Any] = {
        "sub": subject,
        "roles": role_list,
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + ttl,
    }
    if org_id is not None:
        claims["org_id"] = org_id
    return claims


def verify_token(settings: ServiceSettings, token: str) -> Principal:
    """Check signature, expiry, issuer and audience and return the caller.

    Uses the keys of ``settings.jwt_jwks_url`` or ``settings.jwt_public_key`` (RS256/ES256) when
    set, otherwise ``jwt_secret`` (HS256). The two are not mixed, so a token signed with the
    development secret is refused once an asymmetric key is configured, unless
    ``jwt_dev_tokens`` (dev and test only) admits it. With a JWKS URL the first call fetches the
    key set over the network: call it from a thread in async code (:func:`get_principal` does).

    Raises:
        AuthError: the token is not acceptable; the message says why, in Chinese.
    """
    principal, _ = verify_token_until(settings, token)
    return principal


def verify_token_until(settings: ServiceSettings, token: str) -> tuple[Principal, float]:
    """:func:`verify_token`, also returning when the token expires (its ``exp``, epoch seconds).

    Raises:
        AuthError: as :func:`verify_token`.
    """
    key, algorithms = verification_key(settings, token)
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=algorithms,
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            leeway=CLOCK_SKEW,
            options={"require": ["sub", "exp", "iss", "aud"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise AuthError("令牌已过期") from exc
    except jwt.InvalidAudienceError as exc:
        raise AuthError("令牌的受众不符") from exc
    except jwt.InvalidIssuerError as exc:
        raise AuthError("令牌的签发者不符") from exc
    except jwt.PyJWTError as exc:
        # Broader than InvalidTokenError: a header naming an algorithm the configured key
        # cannot serve (ES256 against an RSA key) raises InvalidKeyError, and is still the
        # client's fault, not a server error.
        raise AuthError("令牌无法验证") from exc
    return _principal_from_claims(claims), float(claims["exp"])


def verification_key(settings: ServiceSettings, token: str) -> tuple[Any, list[str]]:
    """The key and algorithms that may verify ``token`` under ``settings``.

    Raises:
        AuthError: the JWKS holds no key for the token, or cannot be fetched.
    """
    asymmetric = bool(settings.jwt_jwks_url or settings.jwt_public_key)
    if not asymmetric or (settings.jwt_dev_tokens and _algorithm(token) == "HS256"):
        return settings.jwt_secret.get_secret_value(), ["HS256"]
    if settings.jwt_jwks_url:
        try:
            signing = jwks_client(settings.jwt_jwks_url).get_signing_key_from_jwt(token)
        except jwt.PyJWKClientError as exc:
            if settings.jwt_public_key:  # not the workbench's key: maybe the identity provider's
                return settings.jwt_public_key, ASYMMETRIC_ALGORITHMS
            raise AuthError("令牌的签名密钥未知") from exc
        except jwt.PyJWTError as exc:
            raise AuthError("令牌无法验证") from exc
        return signing.key, ASYMMETRIC_ALGORITHMS
    return settings.jwt_public_key, ASYMMETRIC_ALGORITHMS


@functools.cache
def jwks_client(url: str) -> jwt.PyJWKClient:
    """One cached key-set client per URL: keys kept 5 minutes, refetched for an unknown ``kid``."""
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=JWKS_LIFESPAN_SECONDS, timeout=5)


def _algorithm(token: str) -> str | None:
    try:
        return str(jwt.get_unverified_header(token).get("alg"))
    except jwt.PyJWTError:
        return None


def _principal_from_claims(claims: dict[str, Any]) -> Principal:
    raw_roles = claims.get("roles", [])
    if not isinstance(raw_roles, list):
        raise AuthError("令牌的角色声明格式错误")
    # Roles this platform does not know grant nothing here; they are not an error.
    roles = frozenset(Role(name) for name in raw_roles if name in _ROLE_NAMES)
    org_id = claims.get("org_id")
    if org_id is not None and not isinstance(org_id, str):
        raise AuthError("令牌的组织范围声明格式错误")
    try:
        scope_root = _scope_root(roles, org_id)
    except ValueError as exc:
        raise AuthError(str(exc)) from exc
    return Principal(subject=str(claims["sub"]), roles=roles, org_id=scope_root)


def _scope_root(roles: frozenset[Role], org_id: str | None) -> str | None:
    """The canonical uuid text of ``org_id``, checking that only an admin goes without one."""
    if org_id is None:
        if Role.CITY_ADMIN not in roles:
            raise ValueError("只有市总管理员可以不限定组织范围")
        return None
    try:
        return str(uuid.UUID(org_id))
    except ValueError as exc:
        raise ValueError("组织范围必须是 UUID") from exc
