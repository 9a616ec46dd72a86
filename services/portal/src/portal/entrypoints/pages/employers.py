"""单位登记: register an employer with its 登记注册类型 (possibly as of a past day, 补录), its
page, and the correction of its registration type."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response
from shared.identifiers import today_in_china
from shared.registration_types import JOINT_VENTURE_UNSPECIFIED, REGISTRATION_TYPES

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError, ServiceApi
from portal.entrypoints import labels
from portal.entrypoints.session import Form, container_of, require
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
Cadre = Annotated[Account, require("city_admin", "union_cadre")]
FIELDS = ("name", "uscc", "registration_type", "industry", "territory_org_id", "workers",
          "registered_on")  # fmt: skip
GROUPS = (("1", "内资企业"), ("2", "港澳台商投资企业"), ("3", "外商投资企业"))


def registration_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """The registration types as (group label, [(code, label)]) for a grouped select box.

    合资（未区分） is left out: it only stands for old records, to be corrected, never chosen."""
    groups = [(label, [(code, name) for code, name in REGISTRATION_TYPES.items()
                       if code.startswith(prefix)]) for prefix, label in GROUPS]  # fmt: skip
    others = [(code, name) for code, name in REGISTRATION_TYPES.items()
              if not code[0].isdigit() and code != JOINT_VENTURE_UNSPECIFIED]  # fmt: skip
    return [*groups, ("非企业单位", others)]


def employer_body(form: Any) -> dict[str, Any]:
    """The API body of a registration; a staff size given becomes the first census."""
    body: dict[str, Any] = {name: str(form.get(name, "")).strip() or None for name in FIELDS[:5]}
    body["registered_on"] = str(form.get("registered_on", "")).strip() or None
    workers = str(form.get("workers", "")).strip()
    if workers:
        census_on = body["registered_on"] or today_in_china().isoformat()
        body["census"] = {"workers": labels.count_of(workers), "effective_on": census_on}
    return body


def form_errors(exc: ApiError) -> dict[str, str]:
    """The API's field errors under the form's names (the census's workers is 职工人数)."""
    if exc.status == 404 and not exc.fields:
        # The territory is the only thing a registration looks up: one outside the user's
        # subtree is "not found", and belongs beside that field.
        return {"territory_org_id": exc.detail or exc.title}
    errors = {name.removeprefix("census."): message for name, message in exc.fields.items()}
    if "effective_on" in errors:
        errors.setdefault("registered_on", errors.pop("effective_on"))
    return errors


async def _territories(api: ServiceApi) -> list[dict[str, Any]]:
    found = await api.get("/api/v1/organisations", limit=500)
    items: list[dict[str, Any]] = found["items"]
    return items


async def _new_page(
    request: Request, api: ServiceApi, status: int = 200, **context: Any
) -> Response:
    return render(request, "employers/new.html", status, groups=registration_groups(),
                  territories=await _territories(api), today=today_in_china().isoformat(),
                  **context)  # fmt: skip


@router.get("/employers/new")
async def new_employer(request: Request, user: Cadre) -> Response:
    """单位登记: the form (a past 登记日期 enters an old registration, 补录)."""
    return await _new_page(request, container_of(request).api(user, "membership"))


@router.post("/employers")
async def register(request: Request, form: Form, user: Cadre) -> Response:
    """登记单位: errors beside their fields, what was typed kept."""
    api = container_of(request).api(user, "membership")
    try:
        created = await api.post("/api/v1/employers", employer_body(form),
                                 key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        values = {name: str(form.get(name, "")) for name in FIELDS}
        return await _new_page(request, api, 422, values=values,
                               errors=form_errors(exc), api_error=exc)  # fmt: skip
    return redirect(f"/employers/{created['id']}", f"单位“{created['name']}”已登记")


async def _employer_page(
    request: Request, api: ServiceApi, employer_id: UUID, status: int = 200, **context: Any
) -> Response:
    try:
        employer = await api.get(f"/api/v1/employers/{employer_id}")
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    names = {item["id"]: item["name"] for item in await _territories(api)}
    return render(request, "employers/detail.html", status, employer=employer, names=names,
                  groups=registration_groups(), **context)  # fmt: skip


@router.get("/employers/{employer_id}")
async def employer_page(request: Request, employer_id: UUID, user: Cadre) -> Response:
    """一个单位: its registration, census and the registration-type correction form."""
    return await _employer_page(request, container_of(request).api(user, "membership"), employer_id)


@router.post("/employers/{employer_id}/registration-type")
async def reclassify(request: Request, employer_id: UUID, form: Form, user: Cadre) -> Response:
    """更正登记注册类型 (the correction holds for the employer's whole history)."""
    api = container_of(request).api(user, "membership")
    body = {"registration_type": str(form.get("registration_type", "")).strip()}
    try:
        await api.patch(f"/api/v1/employers/{employer_id}/registration-type", body,
                        key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        return await _employer_page(request, api, employer_id, 422, values=body,
                                    errors=exc.fields, api_error=exc)  # fmt: skip
    return redirect(f"/employers/{employer_id}", "登记注册类型已更正")
