"""Dashboard pages: ``/`` (login), ``/login``, ``/logout`` and ``/dashboard``.

The pages answer HTML, errors included, and apply the statistics API's rules: the same roles,
and the same scope check (an organisation outside the caller's subtree reads as unknown).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from shared.auth import AuthError, Principal
from shared.http.problems import Problem
from shared.outbox.writer import Connection as Conn

from reporting.adapters import statistics
from reporting.bootstrap import Container
from reporting.domain.periods import InvalidPeriod, Period, parse_period
from reporting.entrypoints.api.statistics import READ_ROLES, ensure_visible
from reporting.entrypoints.pages import figures, session
from reporting.entrypoints.pages.layout import SECURITY_HEADERS, message_page, page
from reporting.entrypoints.pages.views import Dashboard, dashboard_body, login_body

router = APIRouter(include_in_schema=False)


@router.get("/")
async def login_page(request: Request, next: str = "") -> Response:
    try:
        if session.signed_in(request) is not None:
            return _redirect(session.after_login(next))
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
    if not principal.has_any(*READ_ROLES):
        return page("登录", login_body("此令牌的角色无权查看统计报表", next), status=403)
    response = _redirect(session.after_login(next))
    session.keep_token(request, response, token)
    return response


@router.post("/logout")
async def logout() -> Response:
    response = _redirect("/")
    session.forget_token(response)
    return response


@router.get("/dashboard")
async def dashboard(
    request: Request,
    org_id: str | None = None,
    period: str | None = None,
    year: int | None = None,
    span: str = "",
) -> Response:
    principal = _caller(request)
    if isinstance(principal, Response):
        return principal
    today = date.today()
    chosen = (period or (f"{year}{span}" if year else str(today.year))).strip().upper()
    try:
        window = parse_period(chosen)
        wanted = UUID(org_id) if org_id else None
    except (InvalidPeriod, ValueError) as error:
        return message_page(422, "请求参数无效", str(error), who=principal.subject)
    container: Container = request.app.state.container
    async with container.pool.acquire() as conn:
        target = wanted or await figures.home_organisation(conn, principal)
        if target is None:
            return message_page(404, "尚无组织数据", "还没有收到任何组织的事件。")
        try:
            await ensure_visible(conn, principal, target, _bounds(window))
        except Problem as problem:
            return message_page(
                problem.status,
                problem.title,
                "组织不存在或不在您的权限范围内。",
                who=principal.subject,
            )
        view = await _read(conn, principal, target, chosen, window, today)
    return page("统计仪表板", dashboard_body(view), who=principal.subject)


def _caller(request: Request) -> Principal | Response:
    """The signed-in reader, or the page to answer instead (login, or refusal)."""
    try:
        principal = session.signed_in(request)
    except AuthError as error:
        response = page("登录", login_body(f"登录已失效：{error}"), status=401)
        session.forget_token(response)
        return response
    if principal is None:
        return _redirect("/")
    if not principal.has_any(*READ_ROLES):
        return message_page(
            403,
            "无权执行此操作",
            "统计报表仅对市总管理员、统计分析员和工会干部开放。",
            who=principal.subject,
        )
    return principal


async def _read(
    conn: Conn,
    principal: Principal,
    org_id: UUID,
    period: str,
    window: Period,
    today: date,
) -> Dashboard:
    bounds = _bounds(window)
    return Dashboard(
        org_id=org_id,
        period=period,
        picker=await figures.organisation_picker(conn, principal, bounds[1]),
        total=await statistics.indicators(conn, org_id, *bounds),
        children=await statistics.children_indicators(conn, org_id, *bounds),
        trend=await figures.monthly_trend(conn, principal, org_id, window.date_from.year, today),
        today=today,
    )


def _bounds(window: Period) -> tuple[date, date]:
    return window.date_from, window.stock_date(None)


def _redirect(target: str) -> Response:
    return RedirectResponse(target, status_code=303, headers=SECURITY_HEADERS)
