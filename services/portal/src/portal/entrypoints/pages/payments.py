"""资金发放: payment orders to confirm as paid, and festival batches with their progress."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response
from shared.identifiers import today_in_china

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError
from portal.entrypoints import labels
from portal.entrypoints.session import Form, container_of, require
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
Officer = Annotated[Account, require("city_admin", "assistance_officer")]


async def _payments_page(request: Request, user: Account, status: str, code: int = 200,
                         **context: Any) -> Response:  # fmt: skip
    api = container_of(request).api(user, "assistance")
    payments = await api.get("/api/v1/payments", status=status, limit=100)
    batches = await api.get("/api/v1/payment-batches", limit=20)
    return render(request, "payments/index.html", code, payments=payments, batches=batches,
                  status=status, labels=labels, **context)  # fmt: skip


@router.get("/payments")
async def payments_page(request: Request, user: Officer, status: str = "pending") -> Response:
    """付款单与批量发放."""
    return await _payments_page(request, user, status)


@router.post("/payments/{payment_id}/disburse")
async def disburse(request: Request, payment_id: UUID, form: Form, user: Officer) -> Response:
    """确认发放: method and date of a payment order."""
    api = container_of(request).api(user, "assistance")
    body = {"method": form.get("method") or "bank_transfer", "paid_on": form.get("paid_on") or None}
    try:
        await api.post(f"/api/v1/payments/{payment_id}/disburse", body,
                       key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:  # e.g. a back-dated paid_on before the approval, beside its field
        values = {name: str(form.get(name, "")) for name in ("method", "paid_on")}
        return await _payments_page(request, user, "pending", 422, api_error=exc,
                                    payment_for=str(payment_id), values=values,
                                    errors=exc.fields)  # fmt: skip
    return redirect("/payments", "已确认发放")


async def _new_batch_page(request: Request, user: Account, status: int = 200,
                          **context: Any) -> Response:  # fmt: skip
    page = (
        await container_of(request).api(user, "membership").get("/api/v1/organisations", limit=500)
    )
    return render(request, "payments/new_batch.html", status, organisations=page["items"],
                  labels=labels, year=today_in_china().year, **context)  # fmt: skip


@router.get("/payments/batches/new")
async def new_batch_page(request: Request, user: Officer) -> Response:
    """新建批量发放 (送温暖等): the programme, budget, amount per household and the selection."""
    return await _new_batch_page(request, user)


def batch_body(form: Any) -> dict[str, Any]:
    """The API body of a batch from its form (the amount per household typed in yuan)."""
    amount = labels.fen_of(str(form.get("amount_yuan", "")))
    year = str(form.get("year", ""))
    return {"programme": form.get("programme") or None,
            "year": int(year) if year.isdigit() else None,
            "budget_org_id": form.get("budget_org_id") or None,
            "amount_fen": amount if amount is not None else -1,
            "method": form.get("method") or "cash", "paid_on": form.get("paid_on") or None,
            "selection": {"org_id": form.get("org_id") or form.get("budget_org_id") or None,
                          "levels": form.getlist("levels")}}  # fmt: skip


@router.post("/payments/batches")
async def start_batch(request: Request, form: Form, user: Officer) -> Response:
    """开始批量发放: paid in the background; the batch page shows the progress."""
    api = container_of(request).api(user, "assistance")
    try:
        batch = await api.post("/api/v1/payment-batches", batch_body(form),
                               key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        fields = {k.removeprefix("selection."): v for k, v in exc.fields.items()}
        errors = {("amount_yuan" if k == "amount_fen" else k): v for k, v in fields.items()}
        values = {name: str(form.get(name, "")) for name in form}
        return await _new_batch_page(request, user, 422, values=values, errors=errors,
                                     levels=form.getlist("levels"), api_error=exc)  # fmt: skip
    return redirect(f"/payments/batches/{batch['id']}", "批量发放已开始")


@router.get("/payments/batches/{batch_id}")
async def batch_page(request: Request, batch_id: UUID, user: Officer) -> Response:
    """批量发放进度与每户结果 (the progress refreshed while it runs)."""
    api = container_of(request).api(user, "assistance")
    try:
        batch = await api.get(f"/api/v1/payment-batches/{batch_id}")
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    if request.headers.get("HX-Request") == "true":
        return render(request, "payments/batch_progress.html", batch=batch, labels=labels)
    items = await api.get(f"/api/v1/payment-batches/{batch_id}/items", limit=500)
    return render(request, "payments/batch.html", batch=batch, items=items, labels=labels)
