"""互助保障: enrol members (found by ID number) for a scheme year, pay claims, see the year."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from shared.identifiers import today_in_china

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError, ServiceApi
from portal.entrypoints import labels
from portal.entrypoints.session import Form, container_of, require
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
Officer = Annotated[Account, require("city_admin", "assistance_officer")]
INSURANCE = "/api/v1/insurance"
NOT_A_MEMBER = "未找到该身份证号的会员，请核对"


def _assistance(request: Request, user: Account) -> ServiceApi:
    return container_of(request).api(user, "assistance")


def _typed(form: Any) -> dict[str, str]:
    return {name: str(form.get(name, "")) for name in form}


def _year_of(text: str) -> int:
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else today_in_china().year


async def _page(request: Request, user: Account, year: int, status: int = 200,
                **context: Any) -> Response:  # fmt: skip
    api = _assistance(request, user)
    figures = await api.get(f"{INSURANCE}/figures", scheme_year=year)
    enrolments = await api.get(f"{INSURANCE}/enrolments", scheme_year=year, limit=200)
    claims = await api.get(f"{INSURANCE}/claims", limit=50)
    return render(request, "insurance/index.html", status, year=year, figures=figures,
                  enrolments=enrolments["items"], claims=claims["items"], labels=labels,
                  **context)  # fmt: skip


@router.get("/insurance")
async def insurance_page(request: Request, user: Officer, year: str = "") -> Response:
    """互助保障: the year's figures, enrolments and claims, with the forms."""
    return await _page(request, user, _year_of(year))


async def _member_id(request: Request, user: Account, id_number: str) -> str | None:
    """The member with this ID number (found through membership's blind index), if any."""
    if not id_number:
        return None
    page = (
        await container_of(request)
        .api(user, "membership")
        .get("/api/v1/members", id_number=id_number, limit=1)
    )
    return str(page["items"][0]["id"]) if page["items"] else None


def enrolment_body(member_id: str, form: Any) -> dict[str, Any]:
    """The API body of an enrolment (the premium typed in yuan)."""
    premium = labels.fen_of(str(form.get("premium_yuan", "")))
    return {"member_id": member_id, "scheme_year": _year_of(str(form.get("scheme_year", ""))),
            "premium_fen": premium if premium is not None else -1,
            "enrolled_on": form.get("enrolled_on") or None}  # fmt: skip


@router.post("/insurance/enrolments")
async def enrol(request: Request, form: Form, user: Officer) -> Response:
    """参保登记: the member found by ID number, once per scheme year."""
    year = _year_of(str(form.get("scheme_year", "")))
    id_number = str(form.get("id_number", "")).strip().upper()
    try:
        member_id = await _member_id(request, user, id_number)
        if member_id is None:
            raise ApiError(422, "参保信息有误", fields={"id_number": NOT_A_MEMBER})
        await _assistance(request, user).post(f"{INSURANCE}/enrolments",
                                              enrolment_body(member_id, form),
                                              key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        errors = {{"premium_fen": "premium_yuan", "member_id": "id_number"}.get(k, k): v
                  for k, v in exc.fields.items()}  # fmt: skip
        return await _page(request, user, year, 422, values=_typed(form), errors=errors,
                           api_error=exc)  # fmt: skip
    return redirect(f"/insurance?year={year}", "参保已登记")


async def _enrolment_id(request: Request, user: Account, form: Any, year: int) -> str:
    """The enrolment of the member with the typed ID number in ``year``.

    Raises:
        ApiError: no such member, or no enrolment of theirs that year (beside the field).
    """
    id_number = str(form.get("claim_id_number", "")).strip().upper()
    member_id = await _member_id(request, user, id_number)
    if member_id is None:
        raise ApiError(422, "报销信息有误", fields={"claim_id_number": NOT_A_MEMBER})
    page = await _assistance(request, user).get(
        f"{INSURANCE}/enrolments", member_id=member_id, scheme_year=year, limit=1
    )
    if not page["items"]:
        message = f"该会员没有 {year} 年度的参保记录"
        raise ApiError(422, "报销信息有误", fields={"claim_id_number": message})
    return str(page["items"][0]["id"])


@router.post("/insurance/claims")
async def pay_claim(request: Request, form: Form, user: Officer) -> Response:
    """报销登记: a claim paid on the member's enrolment of the year."""
    year = _year_of(str(form.get("year", "")))
    amount = labels.fen_of(str(form.get("amount_yuan", "")))
    try:
        body = {"enrolment_id": await _enrolment_id(request, user, form, year),
                "claim_kind": form.get("claim_kind") or None,
                "amount_fen": amount if amount is not None else -1,
                "paid_on": form.get("paid_on") or None}  # fmt: skip
        await _assistance(request, user).post(f"{INSURANCE}/claims", body,
                                              key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        errors = {("amount_yuan" if k == "amount_fen" else k): v for k, v in exc.fields.items()}
        return await _page(request, user, year, 422, values=_typed(form), errors=errors,
                           api_error=exc)  # fmt: skip
    return redirect(f"/insurance?year={year}", "报销已登记")
