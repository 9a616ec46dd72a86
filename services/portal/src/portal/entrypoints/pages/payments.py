"""资金发放: payment orders to confirm as paid, and festival batches with their progress."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError
from portal.entrypoints import labels
from portal.entrypoints.session import Form, container_of, require
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
Officer = Annotated[Account, require("city_admin", "assistance_officer")]


@router.get("/payments")
async def payments_page(request: Request, user: Officer, status: str = "pending") -> Response:
    """付款单与批量发放."""
    api = container_of(request).api(user, "assistance")
    payments = await api.get("/api/v1/payments", status=status, limit=100)
    batches = await api.get("/api/v1/payment-batches", limit=20)
    return render(request, "payments/index.html", payments=payments, batches=batches,
                  status=status, labels=labels)  # fmt: skip


@router.post("/payments/{payment_id}/disburse")
async def disburse(request: Request, payment_id: UUID, form: Form, user: Officer) -> Response:
    """确认发放: method and date of a payment order."""
    api = container_of(request).api(user, "assistance")
    body = {"method": form.get("method") or "bank_transfer", "paid_on": form.get("paid_on") or None}
    try:
        await api.post(f"/api/v1/payments/{payment_id}/disburse", body,
                       key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        return redirect("/payments", f"未能确认发放：{exc}")
    return redirect("/payments", "已确认发放")


@router.get("/payments/batches/{batch_id}")
async def batch_page(request: Request, batch_id: UUID, user: Officer) -> Response:
    """批量发放进度与每户结果."""
    api = container_of(request).api(user, "assistance")
    batch = await api.get(f"/api/v1/payment-batches/{batch_id}")
    items = await api.get(f"/api/v1/payment-batches/{batch_id}/items", limit=500)
    return render(request, "payments/batch.html", batch=batch, items=items, labels=labels)
