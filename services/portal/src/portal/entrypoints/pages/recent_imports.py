"""最近导入: the latest bulk imports of assistance (the user's own, or all of their scope), each
with its status, counts and a link to its page listing the refused rows."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import Response
from shared.identifiers import CHINA_TZ

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError
from portal.entrypoints.pages.imports import KINDS
from portal.entrypoints.session import container_of, require
from portal.entrypoints.web import render

router = APIRouter(include_in_schema=False)
Officer = Annotated[Account, require("city_admin", "assistance_officer")]
LIMIT = 50
STATUS = {
    "queued": "排队中",
    "running": "导入中",
    "completed": "已完成",
    "completed_with_errors": "部分行有误",
    "failed": "导入失败",
}


def china_time(text: str | None) -> str:
    """An API timestamp as China's wall-clock minute (``2024-03-01 09:30``)."""
    if not text:
        return "—"
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


@router.get("/imports/recent")
async def recent_page(request: Request, user: Officer, scope: str = "mine") -> Response:
    """最近导入: newest first; ``scope=all`` for every upload within the user's scope."""
    everyone = scope == "all"
    api = container_of(request).api(user, "assistance")
    try:
        jobs = await api.get("/api/v1/imports", limit=LIMIT, mine=None if everyone else "true")
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    return render(request, "imports/recent.html", jobs=jobs, kinds=KINDS, statuses=STATUS,
                  china_time=china_time, everyone=everyone, mine=str(user.id))  # fmt: skip
