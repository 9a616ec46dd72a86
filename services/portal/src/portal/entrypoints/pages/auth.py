"""登录、退出、修改密码: sign-in with lock-out, sign-out and password change."""

from __future__ import annotations

import hmac
import secrets
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from portal.adapters.accounts import Account
from portal.adapters.passwords import hash_password, verify_password, weakness
from portal.bootstrap import Container
from portal.entrypoints.session import SESSION_COOKIE, User, container_of
from portal.entrypoints.session import Form as CheckedForm
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
LOGIN_CSRF_COOKIE = "uh_login_csrf"
WRONG = "用户名或密码错误"


def safe_next(target: str) -> str:
    """Only a path of this site (no open redirect)."""
    return target if target.startswith("/") and not target.startswith("//") else "/"


def login_page_response(request: Request, status: int = 200, **context: object) -> HTMLResponse:
    """The sign-in page (with the single sign-on button when configured), a fresh CSRF cookie."""
    token = secrets.token_urlsafe(32)
    settings = container_of(request).settings
    sso_label = settings.oidc_label if settings.oidc_enabled else None
    response = render(
        request, "login.html", status, login_csrf=token, sso_label=sso_label, **context
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", path="/login",
        secure=settings.cookie_secure,
    )  # fmt: skip
    return response


@router.get("/login")
async def login_page(request: Request, next: str = "/", expired: bool = False) -> Response:
    """登录页."""
    notice = "登录已超时，请重新登录" if expired else None
    return login_page_response(request, next=safe_next(next), notice=notice)


async def _check_password(container: Container, username: str, password: str) -> Account | str:
    settings = container.settings
    account = await container.accounts.by_username(username.strip().lower())
    now = datetime.now(UTC)
    if account is not None and account.locked_at(now):
        verify_password(None, password)  # the same time as any other refusal
        return "账号因多次密码错误已锁定，请稍后再试或联系管理员"
    if not verify_password(account.password_hash if account else None, password):
        if account is not None:
            lock = timedelta(minutes=settings.lock_minutes)
            await container.accounts.record_failure(account.id, settings.max_failures, lock)
        return WRONG
    assert account is not None
    await container.accounts.record_success(account.id)
    return account


@router.post("/login")
async def login(
    request: Request,
    username: Annotated[str, Form(max_length=40)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    """登录: check the password, open a session, go where the user was going."""
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(expected.encode(), csrf_token.encode()):
        return login_page_response(request, 403, next=safe_next(next), username=username,
                           notice="登录表单已失效（缺少校验码），请重试")  # fmt: skip
    container = container_of(request)
    outcome = await _check_password(container, username, password)
    if isinstance(outcome, str):
        return login_page_response(
            request, 401, next=safe_next(next), username=username, notice=outcome
        )
    response = await open_session(container, outcome, safe_next(next))
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


async def open_session(container: Container, account: Account, next_path: str) -> Response:
    """A new session for ``account`` (its cookie set) and the way on to ``next_path``."""
    idle = timedelta(minutes=container.settings.session_minutes)
    cookie, _ = await container.sessions.open(account.id, idle)
    response = RedirectResponse(next_path, status_code=303)
    response.set_cookie(
        SESSION_COOKIE, cookie, httponly=True, samesite="lax", path="/",
        secure=container.settings.cookie_secure,
    )  # fmt: skip
    return response


@router.post("/logout")
async def logout(request: Request, user: User, form: CheckedForm) -> Response:
    """退出登录."""
    await container_of(request).sessions.close(request.cookies.get(SESSION_COOKIE, ""))
    response = redirect("/login", "您已退出登录")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/password")
async def password_page(request: Request, user: User) -> Response:
    """修改密码页."""
    return render(request, "password.html")


@router.post("/password")
async def change_password(request: Request, user: User, form: CheckedForm) -> Response:
    """修改密码: the current one, then a new one twice; other sessions end."""
    current, new, again = (str(form.get(name, "")) for name in ("current", "new", "again"))
    errors: dict[str, str] = {}
    if not verify_password(user.password_hash, current):
        errors["current"] = "当前密码不正确"
    elif problem := weakness(new, user.username):
        errors["new"] = problem
    elif new != again:
        errors["again"] = "两次输入的新密码不一致"
    if errors:
        return render(request, "password.html", 422, errors=errors)
    container = container_of(request)
    await container.accounts.set_password(user.id, hash_password(new))
    await container.sessions.close_all(user.id, keep=request.cookies.get(SESSION_COOKIE))
    return redirect("/", "密码已修改")
