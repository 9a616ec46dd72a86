"""Rendering: the Jinja2 environment, the menu a role may see, redirects and flash notes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from shared.auth import ROLE_TITLES
from shared.http.tab_icon import TAB_ICON
from shared.identifiers import today_in_china

from portal.config import PACKAGE_DIR

templates = Jinja2Templates(directory=str(PACKAGE_DIR / "templates"))
templates.env.filters["options"] = lambda items: [(i["id"], i["name"]) for i in items]
templates.env.filters["options_titled"] = lambda items: [(i["id"], i["title"]) for i in items]
templates.env.filters["posting_options"] = lambda items: [
    (i["id"], f"{i['employer_name']} · {i['title']}") for i in items
]
templates.env.filters["employer_options"] = lambda items: [
    (i["id"], f"{i['name']}（{i['uscc']}）") for i in items
]
templates.env.filters["zip_names"] = lambda ids, names: [(i, names.get(i, i)) for i in ids]
templates.env.globals["new_key"] = lambda: str(uuid.uuid4())  # a form's idempotency key
templates.env.globals["today"] = lambda: today_in_china().isoformat()
templates.env.globals["tab_icon"] = TAB_ICON
FLASH_COOKIE = "uh_flash"

ROLE_NAMES = {role.value: title for role, title in ROLE_TITLES.items()}
"""Role names for the templates, keyed as the accounts store them."""


@dataclass(frozen=True)
class MenuItem:
    """One entry of the menu and the roles that see it."""

    path: str
    label: str
    roles: frozenset[str]


_MEMBERSHIP = frozenset({"city_admin", "union_cadre"})
_ASSISTANCE = frozenset({"city_admin", "assistance_officer"})
DISPUTES_WRITERS = ("city_admin", "mediator")
DISPUTES_READERS = (*DISPUTES_WRITERS, "auditor")
"""The roles the disputes API lets write, and read (auditors only read)."""
DISPUTES_AUDITORS = ("city_admin", "auditor")
"""The roles the disputes API shows the access log of cases (who read which case, when)."""
TRAINING_WRITERS = ("city_admin", "training_coordinator")
TRAINING_READERS = (*TRAINING_WRITERS, "union_cadre", "auditor")
"""The roles the training API lets write, and read (cadres and auditors only read)."""
BUDGET_WRITERS = ("city_admin", "assistance_officer")
BUDGET_READERS = (*BUDGET_WRITERS, "auditor")
"""The roles assistance lets set budgets, and read them (auditors only read)."""
_EVERYONE = frozenset(ROLE_NAMES)
MENU = (
    MenuItem("/", "待办", _EVERYONE),
    MenuItem("/members", "会员", _MEMBERSHIP),
    MenuItem("/rosters", "花名册导入", _MEMBERSHIP),
    MenuItem("/organisations", "组织", _MEMBERSHIP),
    MenuItem("/households", "困难档案", _ASSISTANCE),
    MenuItem("/applications", "帮扶申请", _ASSISTANCE),
    MenuItem("/payments", "资金发放", _ASSISTANCE),
    MenuItem("/budgets", "帮扶预算", frozenset(BUDGET_READERS)),
    MenuItem("/donations", "募捐", _ASSISTANCE),
    MenuItem("/insurance", "互助保障", _ASSISTANCE),
    MenuItem("/imports", "批量导入", _ASSISTANCE),
    MenuItem("/disputes/contacts", "接待登记", frozenset(DISPUTES_READERS)),
    MenuItem("/disputes/cases", "调解案件", frozenset(DISPUTES_READERS)),
    MenuItem("/disputes/network", "调解网络", frozenset(DISPUTES_READERS)),
    MenuItem("/disputes/audit", "案件审计", frozenset(DISPUTES_AUDITORS)),
    MenuItem("/training/classes", "培训班", frozenset(TRAINING_READERS)),
    MenuItem("/training/employment", "就业服务", frozenset(TRAINING_READERS)),
    MenuItem("/training/postings", "招聘信息", frozenset(TRAINING_READERS)),
    MenuItem("/training/competitions", "技能竞赛", frozenset(TRAINING_READERS)),
    MenuItem("/reports", "统计报表", frozenset(ROLE_NAMES) - {"mediator", "training_coordinator"}),
    MenuItem("/accounts", "账号管理", frozenset({"city_admin"})),
)


def menu_for(role: str) -> list[MenuItem]:
    """The entries ``role`` may use."""
    return [item for item in MENU if role in item.roles]


def render(request: Request, name: str, status: int = 200, /, **context: Any) -> HTMLResponse:
    """A page: the template with the signed-in user, the menu, the CSRF token and a flash."""
    user = getattr(request.state, "user", None)
    raw_flash = request.cookies.get(FLASH_COOKIE)
    flash = unquote(raw_flash) if raw_flash else None
    context.setdefault("errors", {})
    context.setdefault("values", {})
    response = templates.TemplateResponse(
        request,
        name,
        {
            "user": user,
            "role_name": ROLE_NAMES.get(user.role, user.role) if user else "",
            "menu": menu_for(user.role) if user else [],
            "csrf_token": getattr(request.state, "csrf_token", ""),
            "flash": flash,
            **context,
        },
        status_code=status,
    )
    if flash:
        response.delete_cookie(FLASH_COOKIE, path="/")
    return response


def redirect(path: str, note: str | None = None) -> RedirectResponse:
    """A 303 to ``path``, carrying a one-time confirmation shown on the next page."""
    response = RedirectResponse(path, status_code=303)
    if note:
        response.set_cookie(FLASH_COOKIE, quote(note), httponly=True, samesite="strict", path="/")
    return response
