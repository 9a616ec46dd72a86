"""接待登记: log a worker's contact, list the recent ones, answer one or turn it into a case."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response
from shared.identifiers import today_in_china

from portal.adapters.services import ApiError, ServiceApi
from portal.entrypoints import labels
from portal.entrypoints.pages.disputes import (
    Mediator,
    Reader,
    disputes_api,
    form_errors,
    mediation_orgs,
    org_of,
    writes,
)
from portal.entrypoints.session import Form
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)


async def _page(request: Request, api: ServiceApi, writer: bool, status: int = 200,
                **context: Any) -> Response:  # fmt: skip
    contacts = await api.get("/api/v1/contacts", status=context.pop("only", None), limit=50)
    context.setdefault(
        "values", {"contacted_on": today_in_china().isoformat(), "workers_involved": "1"}
    )
    return render(request, "disputes/contacts.html", status, contacts=contacts, labels=labels,
                  orgs=await mediation_orgs(api), writer=writer, today=today_in_china().isoformat(),
                  **context)  # fmt: skip


@router.get("/disputes/contacts")
async def contacts_page(request: Request, user: Reader, status: str = "") -> Response:
    """接待登记: the form and the recent contacts, newest first."""
    api = disputes_api(request, user)
    return await _page(request, api, writes(user), only=status or None, status_filter=status)


def contact_body(form: Any, orgs: list[dict[str, Any]]) -> dict[str, Any]:
    """The API body of a contact from the form."""
    text = {name: str(form.get(name) or "").strip() or None
            for name in ("channel", "category", "topic", "caller_name", "contacted_on")}  # fmt: skip
    return {**text, "org_id": org_of(orgs, str(form.get("mediation_org_id") or "")),
            "workers_involved": labels.count_of(form.get("workers_involved"))}  # fmt: skip


@router.post("/disputes/contacts")
async def log_contact(request: Request, form: Form, user: Mediator) -> Response:
    """登记来访: errors beside their fields, everything typed kept."""
    api = disputes_api(request, user)
    body = contact_body(form, await mediation_orgs(api))
    try:
        await api.post("/api/v1/contacts", body, key=str(form.get("form_key") or ""))
    except ApiError as exc:
        values = {name: str(form.get(name, "")) for name in form}
        return await _page(request, api, True, 422, values=values, errors=form_errors(exc),
                           api_error=exc)  # fmt: skip
    return redirect("/disputes/contacts", "来访已登记")


@router.post("/disputes/contacts/{contact_id}/answer")
async def answer(request: Request, contact_id: UUID, form: Form, user: Mediator) -> Response:
    """当场答复: the contact is closed as answered."""
    body = {"answer": str(form.get("answer") or "").strip() or None,
            "closed_on": form.get("closed_on") or today_in_china().isoformat()}  # fmt: skip
    try:
        await disputes_api(request, user).post(
            f"/api/v1/contacts/{contact_id}/answer", body, key=str(form.get("form_key") or "")
        )
    except ApiError as exc:
        reasons = "；".join(exc.fields.values()) or str(exc)
        return redirect("/disputes/contacts", f"未能办结来访：{reasons}")
    return redirect("/disputes/contacts", "来访已答复办结")
