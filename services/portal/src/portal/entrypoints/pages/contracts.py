"""集体合同: sign a collective contract (who signed, the employers and workers it covers) and
end one before its term."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError
from portal.entrypoints.pages.organisations import organisations_page_response
from portal.entrypoints.session import Form, container_of, require
from portal.entrypoints.web import redirect

router = APIRouter(include_in_schema=False)
Cadre = Annotated[Account, require("city_admin", "union_cadre")]
DATES = ("signed_on", "starts_on", "ends_on")


def contract_body(form: Any) -> dict[str, Any]:
    """The API body of a contract from its form (several employers for a regional contract)."""
    workers = str(form.get("workers_covered", "")).strip()
    return {"kind": form.get("kind") or None, "signing_party": form.get("signing_party") or None,
            "union_id": form.get("union_id") or None,
            "employer_ids": [e for e in form.getlist("employer_ids") if e],
            "workers_covered": int(workers) if workers.isdigit() else workers or None,
            **{name: form.get(name) or None for name in DATES}}  # fmt: skip


@router.post("/contracts")
async def sign(request: Request, form: Form, user: Cadre) -> Response:
    """签订集体合同: errors beside their fields, the choices kept."""
    api = container_of(request).api(user, "membership")
    try:
        await api.post("/api/v1/contracts", contract_body(form),
                       key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        values = {name: str(form.get(name, "")) for name in form}
        return await organisations_page_response(
            request, api, 422, contract_values=values, contract_errors=exc.fields,
            chosen_employers=form.getlist("employer_ids"), api_error=exc,
        )  # fmt: skip
    return redirect("/organisations#contracts", "集体合同已登记")


@router.post("/contracts/{contract_id}/terminate")
async def terminate(request: Request, contract_id: UUID, form: Form, user: Cadre) -> Response:
    """提前终止集体合同."""
    api = container_of(request).api(user, "membership")
    body = {"terminated_on": form.get("terminated_on") or None}
    try:
        await api.post(f"/api/v1/contracts/{contract_id}/terminate", body,
                       key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        return await organisations_page_response(
            request, api, 422, terminate_for=str(contract_id),
            contract_errors=exc.fields, api_error=exc,
        )  # fmt: skip
    return redirect("/organisations#contracts", "集体合同已终止")
