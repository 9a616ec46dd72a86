"""统计报表: the reporting dashboards, entered with the same sign-in.

The page posts a freshly signed token to the reporting service's own sign-in (a POST, never in
a URL), as its token form does; the dashboards keep it in their own HttpOnly cookie.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from portal.adapters.accounts import Account
from portal.entrypoints.session import User, container_of
from portal.entrypoints.web import render

router = APIRouter(include_in_schema=False)
REPORT_TOKEN_LIFETIME = timedelta(hours=1)
DASHBOARD_PAGES = (
    "/dashboard",
    "/dashboard/assistance",
    "/dashboard/breakdowns",
    "/dashboard/annual-report",
)
"""The dashboards the workbench opens; any other ``page`` opens the membership one."""


def report_token(request: Request, user: Account) -> str:
    """A token for the dashboards, valid for an hour."""
    container = container_of(request)
    return container.signing_key.sign(
        container.settings, subject=str(user.id), roles=[user.role],
        org_id=str(user.org_id) if user.org_id else None, ttl=REPORT_TOKEN_LIFETIME,
    )  # fmt: skip


@router.get("/reports")
async def reports(
    request: Request, user: User, page: str = "/dashboard", org_id: str = "", period: str = ""
) -> Response:
    """进入统计报表 (a form the browser submits to the dashboards at once)."""
    target = page if page in DASHBOARD_PAGES else "/dashboard"
    query = urlencode(
        {name: value for name, value in (("org_id", org_id), ("period", period)) if value}
    )
    base = container_of(request).settings.reporting_url.rstrip("/")
    return render(request, "reports.html", action=f"{base}/login", token=report_token(request, user),
                  target=f"{target}?{query}" if query else target)  # fmt: skip
