"""募捐: donation campaigns, and the receipts recorded against each with its totals."""

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
CAMPAIGNS = "/api/v1/donation-campaigns"


def _assistance(request: Request, user: Account) -> ServiceApi:
    return container_of(request).api(user, "assistance")


async def _organisations(request: Request, user: Account) -> list[dict[str, Any]]:
    page = (
        await container_of(request).api(user, "membership").get("/api/v1/organisations", limit=500)
    )
    items: list[dict[str, Any]] = page["items"]
    return items


def _typed(form: Any) -> dict[str, str]:
    return {name: str(form.get(name, "")) for name in form}


def _fen_or_invalid(text: str) -> int | None:
    """Fen of typed yuan; -1 (refused by the API beside the field) when it is no amount."""
    if not text.strip():
        return None
    fen = labels.fen_of(text)
    return fen if fen is not None else -1


def campaign_body(form: Any) -> dict[str, Any]:
    """The API body of a new campaign from its form."""
    return {"org_id": form.get("org_id") or None, "name": str(form.get("name", "")).strip(),
            "opens_on": form.get("opens_on") or None, "closes_on": form.get("closes_on") or None,
            "target_fen": _fen_or_invalid(str(form.get("target_yuan", "")))}  # fmt: skip


def receipt_body(form: Any) -> dict[str, Any]:
    """The API body of a receipt from its form (the amount typed in yuan)."""
    amount = labels.fen_of(str(form.get("amount_yuan", "")))
    return {"amount_fen": amount if amount is not None else -1,
            "donor_kind": form.get("donor_kind") or None,
            "received_on": form.get("received_on") or None,
            "donor_name": str(form.get("donor_name", "")).strip() or None}  # fmt: skip


async def _campaigns_page(request: Request, user: Account, status: int = 200,
                          **context: Any) -> Response:  # fmt: skip
    campaigns = await _assistance(request, user).get(CAMPAIGNS, limit=100)
    return render(request, "donations/index.html", status, campaigns=campaigns["items"],
                  organisations=await _organisations(request, user), labels=labels,
                  **context)  # fmt: skip


@router.get("/donations")
async def campaigns_page(request: Request, user: Officer) -> Response:
    """募捐活动列表与新建."""
    return await _campaigns_page(request, user)


@router.post("/donations")
async def open_campaign(request: Request, form: Form, user: Officer) -> Response:
    """发起募捐活动: errors beside their fields, everything typed kept."""
    try:
        created = await _assistance(request, user).post(
            CAMPAIGNS, campaign_body(form), key=str(form.get("form_key") or "")
        )
    except ApiError as exc:
        errors = {("target_yuan" if k == "target_fen" else k): v for k, v in exc.fields.items()}
        return await _campaigns_page(request, user, 422, values=_typed(form), errors=errors,
                                     api_error=exc)  # fmt: skip
    return redirect(f"/donations/{created['id']}", "募捐活动已发起")


async def _campaign_page(request: Request, user: Account, campaign_id: UUID, status: int = 200,
                         **context: Any) -> Response:  # fmt: skip
    api = _assistance(request, user)
    try:
        campaign = await api.get(f"{CAMPAIGNS}/{campaign_id}")
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    receipts = await api.get(f"{CAMPAIGNS}/{campaign_id}/receipts", limit=200)
    return render(request, "donations/campaign.html", status, c=campaign,
                  receipts=receipts["items"], labels=labels, **context)  # fmt: skip


@router.get("/donations/{campaign_id}")
async def campaign_page(request: Request, campaign_id: UUID, user: Officer) -> Response:
    """一次募捐活动: 合计、捐款记录与登记捐款."""
    return await _campaign_page(request, user, campaign_id)


@router.post("/donations/{campaign_id}/receipts")
async def record_receipt(
    request: Request, campaign_id: UUID, form: Form, user: Officer
) -> Response:
    """登记捐款 (the donor's name is kept encrypted by the service)."""
    try:
        await _assistance(request, user).post(
            f"{CAMPAIGNS}/{campaign_id}/receipts", receipt_body(form),
            key=str(form.get("form_key") or ""),
        )  # fmt: skip
    except ApiError as exc:
        errors = {("amount_yuan" if k == "amount_fen" else k): v for k, v in exc.fields.items()}
        return await _campaign_page(request, user, campaign_id, 422, values=_typed(form),
                                    errors=errors, api_error=exc)  # fmt: skip
    return redirect(f"/donations/{campaign_id}", "捐款已登记")
