"""困难档案: open a file with its family, then submit, return, file, re-verify or exit it."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError, ServiceApi
from portal.entrypoints import labels
from portal.entrypoints.session import Form, container_of, require
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
Officer = Annotated[Account, require("city_admin", "assistance_officer")]
FAMILY_ROWS = 3
ACTIONS = {
    "submit": "提交",
    "return": "退回",
    "file": "建档",
    "reverify": "年度复核",
    "exit": "脱困退出",
}


def _assistance(request: Request, user: Account) -> ServiceApi:
    return container_of(request).api(user, "assistance")


async def organisations_of(request: Request, user: Account) -> list[dict[str, Any]]:
    page = (
        await container_of(request).api(user, "membership").get("/api/v1/organisations", limit=500)
    )
    items: list[dict[str, Any]] = page["items"]
    return items


@router.get("/households")
async def households_page(request: Request, user: Officer, status: str = "") -> Response:
    """困难档案列表."""
    page = await _assistance(request, user).get("/api/v1/households", status=status, limit=100)
    return render(request, "households/index.html", page=page, status=status, labels=labels)


@router.get("/households/new")
async def new_page(request: Request, user: Officer) -> Response:
    """新建困难档案."""
    return render(request, "households/new.html", labels=labels, rows=range(FAMILY_ROWS),
                  organisations=await organisations_of(request, user))  # fmt: skip


def household_body(form: Any, rows: int = FAMILY_ROWS) -> dict[str, Any]:
    """The API body of a file from the form (empty family rows left out)."""
    head = {name: str(form.get(f"head.{name}", "")).strip() or None
            for name in ("name", "id_number", "phone", "address")}  # fmt: skip
    family = [
        {"relation": form.get(f"family.{i}.relation"), "name": str(form.get(f"family.{i}.name")).strip(),
         "id_number": str(form.get(f"family.{i}.id_number", "")).strip() or None}
        for i in range(rows) if str(form.get(f"family.{i}.name", "")).strip()
    ]  # fmt: skip
    income = labels.fen_of(str(form.get("income_yuan", "")))
    return {"head": head, "family": family, "level": form.get("level") or None,
            "causes": form.getlist("causes"), "org_id": form.get("org_id") or None,
            "monthly_income_per_capita_fen": income if income is not None else -1}  # fmt: skip


@router.post("/households/new")
async def create(request: Request, form: Form, user: Officer) -> Response:
    """建档 (草稿): errors beside their fields, everything typed kept."""
    api = _assistance(request, user)
    try:
        created = await api.post("/api/v1/households", household_body(form),
                                 key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        values = {name: str(form.get(name, "")) for name in form}
        return render(request, "households/new.html", 422, labels=labels, values=values,
                      causes=form.getlist("causes"), errors=exc.fields, api_error=exc,
                      rows=range(FAMILY_ROWS), organisations=await organisations_of(request, user))  # fmt: skip
    return redirect(f"/households/{created['id']}", "困难档案草稿已保存")


@router.get("/households/{household_id}")
async def household_page(request: Request, household_id: UUID, user: Officer) -> Response:
    """一户档案: facts, family and the lifecycle actions its status allows."""
    api = _assistance(request, user)
    try:
        household = await api.get(f"/api/v1/households/{household_id}")
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    visits = await api.get("/api/v1/visits", household_id=str(household_id), limit=100)
    return render(request, "households/detail.html", h=household, visits=visits["items"],
                  labels=labels)  # fmt: skip


@router.post("/households/{household_id}/visits")
async def record_visit(request: Request, household_id: UUID, form: Form, user: Officer) -> Response:
    """记录走访慰问."""
    api = _assistance(request, user)
    body = {"household_id": str(household_id), "occasion": form.get("occasion") or None,
            "visited_on": form.get("visited_on") or None, "note": form.get("note") or None}  # fmt: skip
    try:
        await api.post("/api/v1/visits", body, key=str(form.get("form_key") or ""))
    except ApiError as exc:
        household = await api.get(f"/api/v1/households/{household_id}")
        visits = await api.get("/api/v1/visits", household_id=str(household_id), limit=100)
        values = {name: str(form.get(name, "")) for name in form}
        return render(request, "households/detail.html", 422, h=household, visits=visits["items"],
                      labels=labels, values=values, errors=exc.fields, api_error=exc)  # fmt: skip
    return redirect(f"/households/{household_id}", "走访已记录")


def action_body(action: str, form: Any) -> dict[str, Any]:
    """The body of a lifecycle action from its form."""
    if action == "return":
        return {"note": str(form.get("note", "")).strip()}
    if action == "exit":
        return {"reason": form.get("reason") or None}
    if action == "reverify":
        income = labels.fen_of(str(form.get("income_yuan", "")))
        return {"level": form.get("level") or None,
                "monthly_income_per_capita_fen": income if income is not None else -1}  # fmt: skip
    return {}


@router.post("/households/{household_id}/{action}")
async def household_action(
    request: Request, household_id: UUID, action: str, form: Form, user: Officer
) -> Response:
    """提交、退回、建档、复核、退出."""
    if action not in ACTIONS:
        return render(request, "error.html", 404, message="没有这项操作")
    api = _assistance(request, user)
    path = f"/api/v1/households/{household_id}"
    try:
        await api.post(
            f"{path}/{action}", action_body(action, form), key=str(form.get("form_key") or "")
        )
    except ApiError as exc:
        household = await api.get(path)
        visits = await api.get("/api/v1/visits", household_id=str(household_id), limit=100)
        return render(request, "households/detail.html", 422, h=household, labels=labels,
                      visits=visits["items"], errors=exc.fields, api_error=exc)  # fmt: skip
    return redirect(f"/households/{household_id}", f"已{ACTIONS[action]}")
