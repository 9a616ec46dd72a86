"""统一身份认证登录: sign-in through the city's OpenID Connect provider (code flow + PKCE).

The provider proves who the person is; the workbench account of that name (created by an
admin, with its role and unit) is the one signed in. Nobody gets an account by signing in.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from portal.adapters.oidc import OidcClient, OidcRefused, SignInAttempt
from portal.bootstrap import Container
from portal.entrypoints.pages.auth import login_page_response, open_session, safe_next
from portal.entrypoints.session import container_of

router = APIRouter(include_in_schema=False)
ATTEMPT_COOKIE = "uh_sso"
ATTEMPT_PATH = "/login/sso"
ATTEMPT_SECONDS = 600


def _client(container: Container) -> OidcClient:
    if container.oidc is None:
        raise OidcRefused("未配置统一身份认证，请使用账号密码登录")
    return container.oidc


def _callback_url(request: Request, container: Container) -> str:
    # Outside dev and test the configured URL is required, so no Host header can choose it.
    return container.settings.oidc_redirect_url or str(request.url_for("sso_callback"))


def _refused(request: Request, message: str, status: int = 401) -> Response:
    response = login_page_response(request, status, next="/", notice=message)
    response.delete_cookie(ATTEMPT_COOKIE, path=ATTEMPT_PATH)
    return response


@router.get("/login/sso")
async def sso_start(request: Request, next: str = "/") -> Response:
    """统一身份认证登录: go to the provider with a fresh state, nonce and PKCE challenge."""
    container = container_of(request)
    attempt = SignInAttempt.start(safe_next(next))
    try:
        url = await _client(container).authorization_url(attempt, _callback_url(request, container))
    except OidcRefused as refusal:
        return _refused(request, refusal.message, 503)
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(
        ATTEMPT_COOKIE, attempt.encode(), max_age=ATTEMPT_SECONDS, httponly=True,
        samesite="lax", path=ATTEMPT_PATH, secure=container.settings.cookie_secure,
    )  # fmt: skip
    return response


@router.get("/login/sso/callback", name="sso_callback")
async def sso_callback(
    request: Request, code: str = "", state: str = "", error: str = ""
) -> Response:
    """统一身份认证回调: check the attempt, verify the ID token, open the account's session."""
    container = container_of(request)
    attempt = SignInAttempt.decode(request.cookies.get(ATTEMPT_COOKIE, ""))
    if error:
        return _refused(request, "统一身份认证未完成登录，请重试")
    if attempt is None or not code or not attempt.matches(state):
        return _refused(request, "登录请求已失效或不匹配，请重新登录", 403)
    try:
        username = await _client(container).username(
            code, attempt, _callback_url(request, container)
        )
    except OidcRefused as refusal:
        return _refused(request, refusal.message)
    account = await container.accounts.by_username(username)
    if account is None:
        return _refused(request, f"账号“{username}”尚未在工作台开通，请联系管理员", 403)
    if account.locked_at(datetime.now(UTC)):
        return _refused(request, "账号因多次密码错误已锁定，请稍后再试或联系管理员")
    await container.accounts.record_success(account.id)
    response = await open_session(container, account, attempt.next)
    response.delete_cookie(ATTEMPT_COOKIE, path=ATTEMPT_PATH)
    return response
