"""技能竞赛: competitions with their trades, the entrants of each and their results."""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response
from shared.identifiers import today_in_china

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError
from portal.entrypoints import labels
from portal.entrypoints.pages.training import (
    Coordinator,
    Reader,
    organisers,
    training_api,
    writes,
)
from portal.entrypoints.session import Form
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
PAGE = "/training/competitions"
ITEM_SEPARATORS = re.compile(r"[、,，;；]")


def trades_of(text: str) -> list[dict[str, Any]]:
    """Trades typed one a line, ``电工：低压配电、故障排查`` (the items after a colon)."""
    trades = []
    for line in text.splitlines():
        name, _, items = line.replace(":", "：").partition("：")
        if name.strip():
            split = (item.strip() for item in ITEM_SEPARATORS.split(items))
            trades.append({"name": name.strip(), "items": [item for item in split if item]})
    return trades


def shown_errors(error: ApiError) -> dict[str, str]:
    """Field errors of a nested trade (``trades.0.name``) beside the one trades box."""
    return {("trades" if name.startswith("trades") else name): message
            for name, message in error.fields.items()}  # fmt: skip


async def _list_page(request: Request, user: Account, status: int = 200, **context: Any) -> Response:  # fmt: skip
    found = await training_api(request, user).get("/api/v1/competitions", limit=100)
    context.setdefault("values", {"held_on": today_in_china().isoformat()})
    return render(request, "training/competitions.html", status, competitions=found["items"],
                  organisers=await organisers(request, user), writer=writes(user), **context)  # fmt: skip


@router.get(PAGE)
async def competitions_page(request: Request, user: Reader) -> Response:
    """技能竞赛列表 and the form announcing one."""
    return await _list_page(request, user)


@router.post(PAGE)
async def announce(request: Request, form: Form, user: Coordinator) -> Response:
    """举办技能竞赛 with its trades and items: errors beside their fields, everything kept."""
    body: dict[str, Any] = {name: str(form.get(name) or "").strip() or None
                            for name in ("org_id", "title", "held_on")}  # fmt: skip
    body["trades"] = trades_of(str(form.get("trades") or ""))
    try:
        made = await training_api(request, user).post(PAGE.replace("/training", "/api/v1"), body,
                                                      key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        values = {name: str(form.get(name, "")) for name in form}
        return await _list_page(request, user, 422, values=values, errors=shown_errors(exc),
                                api_error=exc)  # fmt: skip
    return redirect(f"{PAGE}/{made['id']}", "技能竞赛已发布")


async def _competition_page(request: Request, user: Account, competition_id: UUID,
                            status: int = 200, **context: Any) -> Response:  # fmt: skip
    api = training_api(request, user)
    listed = await api.get("/api/v1/competitions", limit=500)
    competition = next((c for c in listed["items"] if c["id"] == str(competition_id)), None)
    if competition is None:
        return render(request, "error.html", 404, message="没有这项竞赛，或不在您的范围内")
    entries = await api.get(f"/api/v1/competitions/{competition_id}/entries", limit=500,
                            reveal=writes(user) or None)  # fmt: skip
    return render(request, "training/competition.html", status, k=competition,
                  entries=entries["items"], writer=writes(user), labels=labels, **context)  # fmt: skip


@router.get(PAGE + "/{competition_id}")
async def competition_page(request: Request, competition_id: UUID, user: Reader) -> Response:
    """一项竞赛: its trades, the entrants by trade and rank, the forms entering and scoring."""
    return await _competition_page(request, user, competition_id)


@router.post(PAGE + "/{competition_id}/entries")
async def enter(request: Request, competition_id: UUID, form: Form, user: Coordinator) -> Response:
    """报名参赛: a person enters one trade."""
    person = {name: str(form.get(f"person.{name}") or "").strip() or None
              for name in ("name", "id_number", "phone")}  # fmt: skip
    body = {"trade": str(form.get("trade") or "") or None, "person": person}
    path = f"/api/v1/competitions/{competition_id}/entries"
    try:
        await training_api(request, user).post(path, body, key=str(form.get("form_key") or ""))
    except ApiError as exc:
        values = {name: str(form.get(name, "")) for name in form}
        return await _competition_page(request, user, competition_id, 422, form="entry",
                                       values=values, errors=exc.fields, api_error=exc)  # fmt: skip
    return redirect(f"{PAGE}/{competition_id}", "已报名参赛")


@router.post(PAGE + "/{competition_id}/entries/{entry_id}/result")
async def record_result(request: Request, competition_id: UUID, entry_id: UUID, form: Form,
                        user: Coordinator) -> Response:  # fmt: skip
    """成绩与名次 of one entrant."""
    body = {"score": str(form.get("score") or "").strip() or None,
            "rank": labels.count_of(form.get("rank"))}  # fmt: skip
    path = f"/api/v1/competitions/entries/{entry_id}/result"
    try:
        await training_api(request, user).post(path, body, key=str(form.get("form_key") or ""))
    except ApiError as exc:
        values = {name: str(form.get(name, "")) for name in form}
        return await _competition_page(request, user, competition_id, 422,
                                       form=f"result-{entry_id}", values=values,
                                       errors=exc.fields, api_error=exc)  # fmt: skip
    return redirect(f"{PAGE}/{competition_id}", "成绩已记录")
