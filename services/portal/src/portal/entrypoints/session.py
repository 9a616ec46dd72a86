"""The signed-in user of a page: the session cookie, its CSRF token, and who may do what.

The cookie holds a random session id (HttpOnly, SameSite=Lax, Secure outside dev); the table
holds only its hash, so a tampered or forged cookie finds nothing and the user signs in again.
Every POST carries the session's CSRF token (a hidden field, or the ``X-CSRF-Token`` header
htmx sends) and is refused with 403 without it.
"""

from __future__ import annotations

import hmac
from datetime import timedelta
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from starlette.datastructures import FormData

from portal.adapters.accounts import Account
from portal.bootstrap import Container

SESSION_COOKIE = "uh_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


class SignInRequired(Exception):
    """No live session: the user is sent to the sign-in page, then back to ``target``."""

    def __init__(self, target: str, expired: bool) -> None:
        super().__init__(target)
        self.target = target
        self.expired = expired


class Refused(Exception):
    """The user may not do this (403): a missing CSRF token or a role without the right."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def container_of(request: Request) -> Container:
    """The portal's container."""
    container: Container = request.app.state.container
    return container


async def current_user(request: Request) -> Account:
    """The signed-in account; raises :class:`SignInRequired` without a live session."""
    container = container_of(request)
    cookie = request.cookies.get(SESSION_COOKIE)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if not cookie:
        raise SignInRequired(target, expired=False)
    idle = timedelta(minutes=container.settings.session_minutes)
    session = await container.sessions.find(cookie, idle)
    account = await container.accounts.by_id(session.account_id) if session else None
    if session is None or account is None:
        raise SignInRequired(target, expired=True)
    request.state.user = account
    request.state.csrf_token = session.csrf_token
    return account


async def checked_form(
    request: Request, user: Annotated[Account, Depends(current_user)]
) -> FormData:
    """The POSTed form, after its CSRF token matched the session's."""
    form = await request.form()
    given = str(form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER) or "")
    if not hmac.compare_digest(given.encode(), str(request.state.csrf_token).encode()):
        raise Refused("表单已失效或来源不明（缺少校验码），请刷新页面后重试")
    return form


def require(*roles: str) -> Any:
    """A dependency admitting the signed-in users holding one of ``roles`` (for ``Annotated``)."""

    async def dependency(user: Annotated[Account, Depends(current_user)]) -> Account:
        if user.role not in roles:
            raise Refused("您的角色无权使用此功能")
        return user

    return Depends(dependency)


def sign_in_path(target: str) -> str:
    """The sign-in page returning to ``target`` afterwards."""
    return "/login?next=" + quote(target, safe="")


User = Annotated[Account, Depends(current_user)]
Form = Annotated[FormData, Depends(checked_form)]
