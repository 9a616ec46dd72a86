"""会员: search, the member page, admission and the status changes, over membership's API."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError, ServiceApi
from portal.entrypoints import labels
from portal.entrypoints.pages.application_form import APPLY_ROLES
from portal.entrypoints.session import Form, container_of, require
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
Cadre = Annotated[Account, require("city_admin", "union_cadre")]
ADMIT_FIELDS = (
    "name", "id_number", "mobile", "household_type", "union_id", "employer_id",
    "joined_on", "card_number",
)  # fmt: skip
ACTIONS = {
    "transfer": ("to_union_id", "effective_on", "reason", "new_employer_id", "note"),
    "retain": ("reason", "effective_on"),
    "reinstate": ("effective_on",),
    "leave": ("reason", "effective_on"),
}
ACTION_NAMES = {
    "transfer": "会籍接转",
    "retain": "保留会籍",
    "reinstate": "恢复会籍",
    "leave": "离会",
}


def _membership(request: Request, user: Account) -> ServiceApi:
    return container_of(request).api(user, "membership")


async def choices(api: ServiceApi) -> dict[str, list[dict[str, Any]]]:
    """The grassroots unions and employers the user may pick."""
    unions = await api.get("/api/v1/organisations", kind="grassroots_union", limit=500)
    employers = await api.get("/api/v1/employers", limit=500)
    return {"unions": unions["items"], "employers": employers["items"]}


@router.get("/members")
async def search(request: Request, user: Cadre, name: str = "", id_number: str = "",
                 union_id: str = "", employer_id: str = "") -> Response:  # fmt: skip
    """会员查询: by name, ID number (blind index), union or employer."""
    api = _membership(request, user)
    query = {"name": name, "id_number": id_number, "union_id": union_id, "employer_id": employer_id}
    page, error = None, None
    if any(query.values()):
        try:
            page = await api.get("/api/v1/members", limit=50, **query)
        except ApiError as exc:
            error = exc
    return render(request, "members/search.html", query=query, page=page, api_error=error,
                  labels=labels, **await choices(api))  # fmt: skip


@router.get("/members/new")
async def admit_page(request: Request, user: Cadre) -> Response:
    """入会登记表."""
    api = _membership(request, user)
    return render(request, "members/admit.html", labels=labels, **await choices(api))


def _body(form: Any, names: tuple[str, ...]) -> dict[str, Any]:
    body = {name: str(form.get(name, "")).strip() for name in names}
    return {name: value for name, value in body.items() if value != ""}


@router.post("/members/new")
async def admit(request: Request, form: Form, user: Cadre) -> Response:
    """入会: admit a member; field errors come back beside their fields with the values kept."""
    api = _membership(request, user)
    body = _body(form, ADMIT_FIELDS)
    try:
        member = await api.post("/api/v1/members", body, key=str(form.get("form_key") or ""))
    except ApiError as exc:
        return render(request, "members/admit.html", 422, labels=labels, values=body,
                      errors=exc.fields, api_error=exc, **await choices(api))  # fmt: skip
    return redirect(f"/members/{member['id']}", f"已为 {member['name']} 办理入会")


@router.get("/members/{member_id}")
async def member_page(request: Request, member_id: UUID, user: Cadre) -> Response:
    """会员详情: status, transfers and the forms of the status changes."""
    api = _membership(request, user)
    try:
        member = await api.get(f"/api/v1/members/{member_id}")
        transfers = await api.get(f"/api/v1/members/{member_id}/transfers")
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    return render(request, "members/detail.html", member=member, transfers=transfers,
                  labels=labels, action_names=ACTION_NAMES, may_apply=user.role in APPLY_ROLES,
                  **await choices(api))  # fmt: skip


@router.post("/members/{member_id}/{action}")
async def member_action(
    request: Request, member_id: UUID, action: str, form: Form, user: Cadre
) -> Response:
    """接转、保留、恢复、离会: one status change of a member."""
    if action not in ACTIONS:
        return render(request, "error.html", 404, message="没有这项操作")
    api = _membership(request, user)
    body = _body(form, ACTIONS[action])
    try:
        await api.post(f"/api/v1/members/{member_id}/{action}", body,
                       key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        member = await api.get(f"/api/v1/members/{member_id}")
        transfers = await api.get(f"/api/v1/members/{member_id}/transfers")
        return render(request, "members/detail.html", 422, member=member, transfers=transfers,
                      labels=labels, action_names=ACTION_NAMES, open_action=action,
                      may_apply=user.role in APPLY_ROLES,
                      values=body, errors=exc.fields, api_error=exc,
                      **await choices(api))  # fmt: skip
    return redirect(f"/members/{member_id}", f"{ACTION_NAMES[action]}已办理")
