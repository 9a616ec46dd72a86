"""FastAPI dependencies: the caller from the bearer token, and role requirements.

The settings (secret or public key, issuer, audience) come from ``app.state.settings``,
which :func:`shared.http.app.create_app` sets.

Usage::

    @router.get("/members/{member_id}")
    async def get_member(
        member_id: UUID,
        principal: Annotated[Principal, Depends(require_roles(Role.UNION_CADRE, Role.AUDITOR))],
    ) -> MemberView: ...

Roles are never implied: a route lists every role it admits, ``city_admin`` included.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.auth.principal import Principal, Role
from shared.auth.token_cache import VerifiedTokens
from shared.auth.tokens import AuthError, verify_token_until
from shared.http.problems import Problem, forbidden
from shared.settings import ServiceSettings

BEARER_SCHEME_NAME = "bearerAuth"
_bearer = HTTPBearer(
    scheme_name=BEARER_SCHEME_NAME,
    bearerFormat="JWT",
    description="统一身份认证签发的 JWT；开发环境可用 devtoken 命令生成",
    auto_error=False,
)


async def get_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The authenticated caller; also kept on ``request.state.principal`` for logging.

    A token verified once is trusted again until it expires (see
    :class:`~shared.auth.token_cache.VerifiedTokens`): the signature is checked once per
    token, not once per request.

    Raises:
        Problem: 401 with ``WWW-Authenticate: Bearer`` when the token is missing or unacceptable.
    """
    if credentials is None:
        raise Problem(401, "未认证", "请求缺少 Bearer 令牌", headers={"WWW-Authenticate": "Bearer"})
    token = credentials.credentials
    verified = _verified_tokens(request)
    principal = verified.get(token)
    if principal is None:
        principal = await _verify(request.app.state.settings, token, verified)
    request.state.principal = principal
    return principal


def _verified_tokens(request: Request) -> VerifiedTokens:
    """The app's cache of verified tokens (one per app: its settings decide what is valid)."""
    state = request.app.state
    cache: VerifiedTokens | None = getattr(state, "verified_tokens", None)
    if cache is None:
        cache = state.verified_tokens = VerifiedTokens()
    return cache


async def _verify(settings: ServiceSettings, token: str, verified: VerifiedTokens) -> Principal:
    try:
        if settings.jwt_jwks_url:  # the key set may be fetched: never on the event loop
            principal, expires_at = await asyncio.to_thread(verify_token_until, settings, token)
        else:
            principal, expires_at = verify_token_until(settings, token)
    except AuthError as exc:
        raise Problem(
            401,
            "令牌无效或已过期",
            str(exc),
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        ) from exc
    verified.put(token, principal, expires_at)
    return principal


def require_roles(*roles: Role) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency admitting callers that hold at least one of ``roles``.

    Raises:
        Problem: 401 as :func:`get_principal`; 403 "无权执行此操作" for a caller without the role.
    """
    if not roles:
        raise ValueError("require_roles needs at least one role")
    admitted = frozenset(roles)

    async def dependency(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
        if not principal.has_any(*admitted):
            raise forbidden("需要以下角色之一：" + "、".join(sorted(admitted)))
        return principal

    return dependency


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]
"""Annotation for a route parameter that only needs an authenticated caller."""
