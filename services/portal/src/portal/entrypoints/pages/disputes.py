"""调解案件: the case list with the 15-day limit, and the intake form (案件登记)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from shared.identifiers import today_in_china

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError, ServiceApi
from portal.entrypoints import labels
from portal.entrypoints.session import Form, container_of, require
from portal.entrypoints.web import DISPUTES_READERS, DISPUTES_WRITERS, redirect, render

router = APIRouter(include_in_schema=False)
Reader = Annotated[Account, require(*DISPUTES_READERS)]
Mediator = Annotated[Account, require(*DISPUTES_WRITERS)]
APPLICANT_ROWS = 3
DUE_SOON_DAYS = 3
"""A case due within this many days is highlighted (as the service's own dashboard counts)."""
SHOWN_AS = {
    "org_id": "mediation_org_id",
    "claimed_fen": "claimed_yuan",
    "agreed_fen": "agreed_yuan",
    "awarded_fen": "awarded_yuan",
    "amount_fen": "amount_yuan",
}
"""API fields the forms show under another name: the organisation is chosen through its
mediation organisation, amounts are typed in yuan."""


def disputes_api(request: Request, user: Account) -> ServiceApi:
    """The disputes API as ``user``."""
    return container_of(request).api(user, "disputes")


def writes(user: Account) -> bool:
    """Whether ``user`` may take the steps of a case (auditors only read)."""
    return user.role in DISPUTES_WRITERS


async def mediation_orgs(api: ServiceApi) -> list[dict[str, Any]]:
    """The mediation organisations in the user's scope (a case or contact hangs on one)."""
    page = await api.get("/api/v1/mediation-orgs", limit=500)
    items: list[dict[str, Any]] = page["items"]
    return items


def org_of(orgs: list[dict[str, Any]], chosen: str) -> str | None:
    """The tree node of the chosen mediation organisation."""
    return next((str(o["org_id"]) for o in orgs if str(o["id"]) == chosen), None)


def form_errors(error: ApiError) -> dict[str, str]:
    """The API's field errors under the names the form uses."""
    return {SHOWN_AS.get(name, name): message for name, message in error.fields.items()}


def with_deadline(case: dict[str, Any], today: date) -> dict[str, Any]:
    """The case with ``days_left`` of its 15-day limit and ``urgency`` while it runs."""
    days = None
    if case.get("due_on") and case.get("status") in ("accepted", "mediating"):
        days = (date.fromisoformat(str(case["due_on"])) - today).days
    urgency = "" if days is None else "overdue" if days < 0 else "due-soon" if days <= DUE_SOON_DAYS else ""  # fmt: skip
    return {**case, "days_left": days, "urgency": urgency}


@router.get("/disputes/cases")
async def cases_page(request: Request, user: Reader, status: str = "") -> Response:
    """案件列表: status and the days left of the 15-day limit, urgent ones highlighted."""
    api = disputes_api(request, user)
    page = await api.get("/api/v1/cases", status=status, limit=100, reveal=writes(user) or None)
    today = today_in_china()
    cases = [with_deadline(case, today) for case in page["items"]]
    return render(request, "disputes/cases.html", cases=cases, total=page["total"],
                  status=status, labels=labels, writer=writes(user))  # fmt: skip


def applicants_of(form: Any) -> list[dict[str, Any]]:
    """The applicant rows filled in (a row without a name or ID number is left out)."""
    rows = []
    for i in range(APPLICANT_ROWS):
        at = f"applicants[{i}]"
        text = {name: str(form.get(f"{at}.{name}", "")).strip() for name in ("name", "id_number", "phone")}  # fmt: skip
        if text["name"] or text["id_number"]:
            rows.append({**{k: v or None for k, v in text.items()}, "name": text["name"],
                         "migrant_worker": form.get(f"{at}.migrant_worker") == "on"})  # fmt: skip
    return rows


def case_body(form: Any, orgs: list[dict[str, Any]]) -> dict[str, Any]:
    """The API body of a new case from the intake form (the amount typed in yuan)."""
    chosen = str(form.get("mediation_org_id") or "")
    fen = labels.fen_of(str(form.get("claimed_yuan", "")))
    text = {name: str(form.get(name) or "").strip() or None
            for name in ("channel", "category", "employer_id", "employer_name", "employer_uscc",
                         "facts", "claims", "received_on", "contact_id")}  # fmt: skip
    if text["employer_id"]:  # a census employer: disputes takes its name and code from membership
        text["employer_name"] = text["employer_uscc"] = None
    return {**text, "org_id": org_of(orgs, chosen), "mediation_org_id": chosen or None,
            "applicants": applicants_of(form), "workers_involved": labels.count_of(form.get("workers_involved")),
            "migrant_workers": labels.count_of(form.get("migrant_workers")) or 0,
            "claimed_fen": fen if fen is not None else -1}  # fmt: skip


async def census_employers(request: Request, user: Account) -> list[dict[str, Any]]:
    """The employers registered in membership within the user's scope (被申请人 to pick); none
    when membership cannot answer, and the respondent is then named by hand."""
    try:
        page = await container_of(request).api(user, "membership").get("/api/v1/employers",
                                                                       limit=500)  # fmt: skip
    except ApiError:
        return []
    items: list[dict[str, Any]] = page["items"]
    return items


async def _intake(request: Request, user: Account, orgs: list[dict[str, Any]], status: int = 200,
                  **context: Any) -> Response:  # fmt: skip
    return render(request, "disputes/new.html", status, labels=labels, orgs=orgs,
                  employers=await census_employers(request, user), rows=range(APPLICANT_ROWS),
                  **context)  # fmt: skip


@router.get("/disputes/cases/new")
async def new_case_page(request: Request, user: Mediator, contact_id: str = "") -> Response:
    """案件登记 form (from a contact when ``contact_id`` names one)."""
    orgs = await mediation_orgs(disputes_api(request, user))
    values = {"received_on": today_in_china().isoformat(), "contact_id": contact_id,
              "workers_involved": "1", "channel": "visit"}  # fmt: skip
    return await _intake(request, user, orgs, values=values)


@router.post("/disputes/cases/new")
async def register_case(request: Request, form: Form, user: Mediator) -> Response:
    """案件登记: errors beside their fields, everything typed kept."""
    api = disputes_api(request, user)
    orgs = await mediation_orgs(api)
    body = case_body(form, orgs)
    key = str(form.get("form_key") or "")
    try:
        case = await api.post("/api/v1/cases", body, key=key)
    except ApiError as exc:
        errors = form_errors(exc)
        if body["claimed_fen"] < 0:
            errors["claimed_yuan"] = "请填写涉案金额（元，最多两位小数）"
        values = {name: str(form.get(name, "")) for name in form}
        return await _intake(request, user, orgs, 422, values=values, errors=errors,
                             api_error=exc)  # fmt: skip
    note = "案件已登记"
    if body["contact_id"]:  # the contact it came from is closed as turned into this case
        closing = {"case_id": case["id"], "closed_on": today_in_china().isoformat()}
        try:
            await api.post(
                f"/api/v1/contacts/{body['contact_id']}/case", closing, key=f"{key}:contact"
            )
        except ApiError as exc:
            note = f"案件已登记，但来访未能办结：{exc}"
    return redirect(f"/disputes/cases/{case['id']}", note)
