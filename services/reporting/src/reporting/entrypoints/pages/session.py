"""The signed-in caller of the pages: the bearer token kept in an HttpOnly cookie.

The token is pasted once into the login form (a POST, so it never appears in a URL or an
access log) and then travels only in the cookie, which scripts cannot read (HttpOnly) and
other sites' forms cannot send along (SameSite=Lax).
"""

from __future__ import annotations

from fastapi import Request, Response
from shared.auth import Principal, verify_token
from shared.settings import ServiceSettings

SESSION_COOKIE = "unionhub_reporting_session"
DASHBOARD_PATH = "/dashboard"
DASHBOARD_PATHS = (
    DASHBOARD_PATH,
    "/dashboard/assistance",
    "/dashboard/disputes",
    "/dashboard/training",
    "/dashboard/breakdowns",
    "/dashboard/annual-report",
)


def signed_in(request: Request) -> Principal | None:
    """The caller whose token the cookie holds, or ``None`` without a cookie.

    Raises:
        AuthError: the cookie's token is expired, forged or otherwise unacceptable.
    """
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    return verify_token(_settings(request), token)


def check_token(request: Request, token: str) -> Principal:
    """Verify a pasted token as the API would.

    Raises:
        AuthError: the token is not acceptable.
    """
    return verify_token(_settings(request), token.strip())


def keep_token(request: Request, response: Response, token: str) -> None:
    """Store the token in the session cookie (Secure everywhere but dev and test over http)."""
    response.set_cookie(
        SESSION_COOKIE,
        token.strip(),
        httponly=True,
        samesite="lax",
        secure=_settings(request).environment not in ("dev", "test"),
        path="/",
    )


def forget_token(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")


def after_login(target: str | None, home: str = DASHBOARD_PATH) -> str:
    """Where to go once signed in: a dashboard address, never another site (open redirect).

    Without an acceptable ``target`` the caller goes to ``home``, the dashboard of their role.
    """
    for path in DASHBOARD_PATHS:
        if target and (target == path or target.startswith(path + "?")):
            return target
    return home


def _settings(request: Request) -> ServiceSettings:
    settings: ServiceSettings = request.app.state.settings
    return settings
