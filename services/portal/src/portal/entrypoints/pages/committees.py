"""换届选举: an organisation's committees (the one in office and the past ones with their size)
and the election form, one repeatable row per member with their role."""

from __future__ import annotations

import re
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
Cadre = Annotated[Account, require("city_admin", "union_cadre")]
DATES = ("elected_on", "term_start", "term_end")
MEMBER_FIELDS = ("name", "role", "sex", "full_time")
BLANK_ROWS = 5
MAX_ROWS = 40
MEMBER_ERROR = re.compile(r"^members\[(\d+)\](?:\.(\w+))?$")


def member_rows(form: Any) -> list[dict[str, str]]:
    """Every member row of the form as typed (blank ones too, so the form comes back as it was)."""
    given = str(form.get("rows", ""))
    count = min(int(given), MAX_ROWS) if given.isdigit() else 0
    return [{name: str(form.get(f"members-{i}-{name}", "")).strip() for name in MEMBER_FIELDS}
            for i in range(count)]  # fmt: skip


def election_body(form: Any, rows: list[dict[str, str]]) -> tuple[dict[str, Any], list[int]]:
    """The API body of an election, and the form row of each member sent (blank rows left out)."""
    sent = [i for i, row in enumerate(rows) if row["name"] or row["role"]]
    members = [{"name": rows[i]["name"], "role": rows[i]["role"] or None,
                "sex": rows[i]["sex"] or None, "full_time": rows[i]["full_time"] == "on"}
               for i in sent]  # fmt: skip
    body = {**{name: str(form.get(name, "")).strip() or None for name in DATES}, "members": members}
    return body, sent


def row_errors(fields: dict[str, str], sent: list[int]) -> tuple[dict[str, str], dict[int, str]]:
    """The API's errors split into the form's fields and the message of each member row."""
    errors: dict[str, str] = {}
    by_row: dict[int, str] = {}
    for name, message in fields.items():
        found = MEMBER_ERROR.match(name)
        if found and int(found.group(1)) < len(sent):
            what = labels.COMMITTEE_FIELD.get(found.group(2) or "", "")
            by_row[sent[int(found.group(1))]] = f"{what}{message}" if what else message
        else:
            errors[name] = message
    return errors, by_row


async def _page(request: Request, api: ServiceApi, org_id: UUID, status: int = 200,
                **context: Any) -> Response:  # fmt: skip
    try:
        organisation = await api.get(f"/api/v1/organisations/{org_id}")
        history = await api.get(f"/api/v1/organisations/{org_id}/committees/history")
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    in_office = await _in_office(api, org_id)
    rows = context.pop("rows", None) or [dict.fromkeys(MEMBER_FIELDS, "")] * BLANK_ROWS
    return render(request, "committees.html", status, organisation=organisation,
                  committees=history["items"], in_office=in_office, rows=rows,
                  row_messages=context.pop("row_messages", {}), labels=labels,
                  **context)  # fmt: skip


async def _in_office(api: ServiceApi, org_id: UUID) -> dict[str, Any] | None:
    try:
        found: dict[str, Any] = await api.get(f"/api/v1/organisations/{org_id}/committees")
    except ApiError as exc:
        if exc.status == 404:
            return None  # no committee in office today
        raise
    return found


@router.get("/organisations/{org_id}/committees")
async def committees_page(request: Request, org_id: UUID, user: Cadre) -> Response:
    """工会委员会: the one in office, the past ones with their size, the election form."""
    return await _page(request, container_of(request).api(user, "membership"), org_id)


@router.post("/organisations/{org_id}/committees")
async def elect(request: Request, org_id: UUID, form: Form, user: Cadre) -> Response:
    """登记换届选举 (or 添加一行: the form again with one more member row)."""
    api = container_of(request).api(user, "membership")
    rows = member_rows(form)
    values = {name: str(form.get(name, "")) for name in DATES}
    if form.get("action") == "add_row":
        rows = [*rows, dict.fromkeys(MEMBER_FIELDS, "")][:MAX_ROWS]
        return await _page(request, api, org_id, values=values, rows=rows)
    body, sent = election_body(form, rows)
    try:
        await api.post(f"/api/v1/organisations/{org_id}/committees", body,
                       key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        errors, by_row = row_errors(exc.fields, sent)
        return await _page(request, api, org_id, 422, values=values, rows=rows or None,
                           errors=errors, row_messages=by_row, api_error=exc)  # fmt: skip
    return redirect(f"/organisations/{org_id}/committees", f"换届选举已登记（{len(sent)} 名委员）")
