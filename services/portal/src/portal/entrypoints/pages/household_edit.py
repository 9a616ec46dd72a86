"""修改困难档案: complete a draft or correct a file returned for more information."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError
from portal.entrypoints import labels
from portal.entrypoints.pages.households import FAMILY_ROWS, household_body, organisations_of
from portal.entrypoints.session import Form, container_of, require
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
Officer = Annotated[Account, require("city_admin", "assistance_officer")]
EDITABLE = ("draft", "returned")


def form_values(household: dict[str, Any]) -> dict[str, str]:
    """The edit form filled from a file read in full (``reveal``), family row by row."""
    head = household["head"]
    values = {f"head.{name}": str(head.get(name) or "") for name in
              ("name", "id_number", "phone", "address")}  # fmt: skip
    values |= {"org_id": str(household["org_id"]), "level": household["level"],
               "income_yuan": labels.yuan(household["monthly_income_per_capita_fen"]).replace(",", "")}  # fmt: skip
    for i, relative in enumerate(household["family"]):
        values |= {f"family.{i}.{name}": str(relative.get(name) or "")
                   for name in ("relation", "name", "id_number")}  # fmt: skip
    return values


def _rows(family_size: int) -> range:
    return range(max(FAMILY_ROWS, family_size + 1))


@router.get("/households/{household_id}/edit")
async def edit_page(request: Request, household_id: UUID, user: Officer) -> Response:
    """修改档案 (a draft or a returned file), filled with what the file says."""
    api = container_of(request).api(user, "assistance")
    try:
        household = await api.get(f"/api/v1/households/{household_id}", reveal="true")
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    if household["status"] not in EDITABLE:
        return redirect(f"/households/{household_id}", "只有草稿或退回的档案可以修改")
    return render(request, "households/new.html", labels=labels, h=household,
                  values=form_values(household), causes=household["causes"],
                  rows=_rows(len(household["family"])),
                  organisations=await organisations_of(request, user))  # fmt: skip


@router.post("/households/{household_id}/edit")
async def save(request: Request, household_id: UUID, form: Form, user: Officer) -> Response:
    """保存修改: errors beside their fields, everything typed kept."""
    api = container_of(request).api(user, "assistance")
    rows = min(int(str(form.get("family_rows") or FAMILY_ROWS)), 20)
    try:
        await api.patch(f"/api/v1/households/{household_id}", household_body(form, rows),
                        key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        values = {name: str(form.get(name, "")) for name in form}
        return render(request, "households/new.html", 422, labels=labels, values=values,
                      h={"id": household_id}, causes=form.getlist("causes"), errors=exc.fields,
                      api_error=exc, rows=range(rows),
                      organisations=await organisations_of(request, user))  # fmt: skip
    return redirect(f"/households/{household_id}", "档案已修改，可再次提交审核")
