"""法律援助: the legal aid of the user's scope, aid granted to a worker without a case, and its
conclusion (aid on a case is granted from the case page)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response
from shared.identifiers import today_in_china

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError
from portal.entrypoints import labels
from portal.entrypoints.pages.disputes import Mediator, Reader, disputes_api, writes
from portal.entrypoints.pages.mediation_network import unions_and_employers
from portal.entrypoints.session import Form
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
PAGE = "/disputes/legal-aid"


async def _page(request: Request, user: Account, status: int = 200, **context: Any) -> Response:
    aid = await disputes_api(request, user).get("/api/v1/legal-aid", limit=200)
    tree = await unions_and_employers(request, user)
    context.setdefault("values", {"granted_on": today_in_china().isoformat(), "stage": "arbitration"})  # fmt: skip
    return render(request, "disputes/legal_aid.html", status, aid=aid["items"], total=aid["total"],
                  unions=tree["unions"], labels=labels, writer=writes(user),
                  today=today_in_china().isoformat(), **context)  # fmt: skip


@router.get(PAGE)
async def legal_aid_page(request: Request, user: Reader) -> Response:
    """法律援助: every aid of the scope, on a case or to a worker, and how each ended."""
    return await _page(request, user)


@router.post(PAGE)
async def grant_to_worker(request: Request, form: Form, user: Mediator) -> Response:
    """法律援助 to a worker without a case: errors beside their fields, everything kept."""
    body = {name: str(form.get(name) or "").strip() or None
            for name in ("org_id", "provider", "stage", "granted_on", "worker_name")}  # fmt: skip
    try:
        await disputes_api(request, user).post("/api/v1/legal-aid", body,
                                               key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        values = {name: str(form.get(name, "")) for name in form}
        errors = {("worker_name" if k == "case_id" else k): v for k, v in exc.fields.items()}
        return await _page(request, user, 422, values=values, errors=errors, api_error=exc)
    return redirect(PAGE, "法律援助已登记")


@router.post(PAGE + "/{aid_id}/conclusion")
async def conclude(request: Request, aid_id: UUID, form: Form, user: Mediator) -> Response:
    """援助结案 from the list: its refusal comes back as the page's note."""
    fen = labels.fen_of(str(form.get("amount_yuan", "")))
    body = {"outcome": str(form.get("outcome") or "") or None,
            "concluded_on": str(form.get("concluded_on") or "") or None,
            "amount_fen": fen if fen is not None else -1}  # fmt: skip
    try:
        await disputes_api(request, user).post(f"/api/v1/legal-aid/{aid_id}/conclusion", body,
                                               key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        return redirect(PAGE, f"未能结案：{'；'.join(exc.fields.values()) or exc}")
    return redirect(PAGE, "法律援助已结案")
