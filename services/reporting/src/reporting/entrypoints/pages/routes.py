"""Dashboard pages: ``/`` (login), ``/login``, ``/logout`` and ``/dashboard``.

The pages answer HTML, errors included, and apply the statistics API's rules: the same roles,
and the same scope check (an organisation outside the caller's subtree reads as unknown).
Assistance officers and auditors may sign in too; they land on the assistance dashboard,
and mediators on the mediation dashboard.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated, TypeVar
from uuid import UUID

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from shared.auth import AuthError, Principal, Role
from shared.http.problems import Problem
from shared.identifiers import today_in_china
from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries import latest_data, statistics
from reporting.adapters.queries.latest_data import LatestDay
from reporting.bootstrap import Container
from reporting.domain.periods import InvalidPeriod, Period
from reporting.entrypoints.api.assistance_statistics import ASSISTANCE_READ_ROLES
from reporting.entrypoints.api.dispute_statistics import DISPUTE_READ_ROLES
from reporting.entrypoints.api.statistics import READ_ROLES, ensure_visible
from reporting.entrypoints.api.training_statistics import TRAINING_READ_ROLES
from reporting.entrypoints.pages import drill, figures, session
from reporting.entrypoints.pages.choice import Choice, latest_year, requested
from reporting.entrypoints.pages.dispute_views import DISPUTES_PAGE
from reporting.entrypoints.pages.layout import SECURITY_HEADERS, message_page, page
from reporting.entrypoints.pages.views import (
    ASSISTANCE_PAGE,
    TRAINING_PAGE,
    Dashboard,
    dashboard_body,
    login_body,
)

router = APIRouter(include_in_schema=False)


@router.get("/")
async def login_page(request: Request, next: str = "") -> Response:
    try:
        principal = session.signed_in(request)
        if principal is not None:
            return redirect(session.after_login(next, home_page(principal)))
    except AuthError:
        pass
    return page("登录", login_body(next_target=next))


@router.post("/login")
async def login(
    request: Request, token: Annotated[str, Form()], next: Annotated[str, Form()] = ""
) -> Response:
    try:
        principal = session.check_token(request, token)
    except AuthError as error:
        return page("登录", login_body(f"令牌无效：{error}", next), status=401)
    if not principal.has_any(*ASSISTANCE_READ_ROLES, *DISPUTE_READ_ROLES, *TRAINING_READ_ROLES):
        return page("登录", login_body("此令牌的角色无权查看统计报表", next), status=403)
    response = redirect(session.after_login(next, home_page(principal)))
    session.keep_token(request, response, token)
    return response


def home_page(principal: Principal) -> str:
    """The dashboard a reader lands on: membership, else assistance, else mediation, else training."""
    if principal.has_any(*READ_ROLES):
        return session.DASHBOARD_PATH
    if principal.has_any(*ASSISTANCE_READ_ROLES):
        return ASSISTANCE_PAGE
    if principal.has_any(*DISPUTE_READ_ROLES):
        return DISPUTES_PAGE
    return TRAINING_PAGE


@router.post("/logout")
async def logout() -> Response:
    response = redirect("/")
    session.forget_token(response)
    return response


@router.get("/dashboard")
async def dashboard(
    request: Request,
    org_id: str | None = None,
    period: str | None = None,
    year: int | None = None,
    span: str = "",
    as_of: date | None = None,
) -> Response:
    """会籍统计: headline cards, the year's trend, children's rates and the children table."""
    choice = Choice(org_id, period, year, span, as_of)
    return await dashboard_page(
        request, choice, READ_ROLES, _MEMBERSHIP_READERS, "统计仪表板", _read, dashboard_body,
        latest_data.membership,
    )  # fmt: skip


View = TypeVar("View")
ReadView = Callable[[Conn, Principal, UUID, str, Period, date], Awaitable[View]]


async def dashboard_page(
    request: Request,
    choice: Choice,
    roles: tuple[Role, ...],
    refusal: str,
    title: str,
    read: ReadView[View],
    body: Callable[[View], str],
    latest: LatestDay,
) -> Response:
    """A dashboard for the chosen organisation and period (by default the latest with data).

    Sign-in, roles, the period and the scope rule are checked here for every dashboard;
    ``read`` builds the view of the organisation shown and ``body`` renders it; ``latest``
    finds the latest day with data, for a request naming no period.
    """
    principal = caller(request, roles, refusal)
    if isinstance(principal, Response):
        return principal
    today = today_in_china()
    container: Container = request.app.state.container
    async with container.pool.acquire() as conn:
        try:
            fallback = await latest_year(conn, principal, choice, latest, today)
            chosen, window, wanted = requested(choice, fallback, today)
        except (InvalidPeriod, ValueError) as error:
            return message_page(422, "请求参数无效", str(error), who=principal.title)
        target = await shown_organisation(conn, principal, wanted, window)
        if isinstance(target, Response):
            return target
        view = await read(conn, principal, target, chosen, window, today)
    return page(title, body(view), who=principal.title)


async def shown_organisation(
    conn: Conn, principal: Principal, wanted: UUID | None, window: Period
) -> UUID | Response:
    """The organisation asked for (the caller's own by default), or the page refusing it."""
    target = wanted or await figures.home_organisation(conn, principal)
    if target is None:
        return message_page(404, "尚无组织数据", "还没有收到任何组织的事件。")
    try:
        await ensure_visible(conn, principal, target, bounds(window))
    except Problem as problem:
        detail = "组织不存在或不在您的权限范围内。"
        return message_page(problem.status, problem.title, detail, who=principal.title)
    return target


_MEMBERSHIP_READERS = (
    "会籍统计仅对市总管理员、统计分析员和工会干部开放；帮扶干事和审计人员请查看困难职工帮扶统计"
    f"（{ASSISTANCE_PAGE}）。"
)


def caller(request: Request, roles: tuple[Role, ...], refusal: str) -> Principal | Response:
    """The signed-in reader holding one of ``roles``, or the page to answer instead."""
    try:
        principal = session.signed_in(request)
    except AuthError as error:
        response = page("登录", login_body(f"登录已失效：{error}"), status=401)
        session.forget_token(response)
        return response
    if principal is None:
        return redirect("/")
    if not principal.has_any(*roles):
        return message_page(403, "无权执行此操作", refusal, who=principal.title)
    return principal


async def _read(
    conn: Conn,
    principal: Principal,
    org_id: UUID,
    period: str,
    window: Period,
    today: date,
) -> Dashboard:
    first, stock_date = bounds(window)
    return Dashboard(
        org_id=org_id,
        period=period,
        picker=await figures.organisation_picker(conn, principal, stock_date),
        total=await statistics.indicators(conn, org_id, first, stock_date),
        children=await statistics.children_indicators(conn, org_id, first, stock_date),
        trend=await figures.monthly_trend(conn, principal, org_id, window.date_from.year, today),
        today=today,
        own=await statistics.indicators(conn, org_id, first, stock_date, own_only=True),
        trail=await drill.trail(conn, principal, org_id, stock_date),
        as_of=drill.as_of_of(period, window),
    )


def bounds(window: Period) -> tuple[date, date]:
    """The first day of the flows and the stock date of a dashboard's period."""
    return window.date_from, window.stock_date(None)


def redirect(target: str) -> Response:
    """A 303 to ``target`` carrying the pages' security headers."""
    return RedirectResponse(target, status_code=303, headers=SECURITY_HEADERS)
