"""一件调解案件: its facts, timeline and the next steps as forms; the agreement PDF."""

from __future__ import annotations

import contextlib
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
    with_deadline,
    writes,
)
from portal.entrypoints.session import Form, container_of
from portal.entrypoints.web import DISPUTES_AUDITORS, redirect, render

router = APIRouter(include_in_schema=False)
STEPS = {
    "accept": ("accept", ("accepted_on",), "已受理，15 日调解期限开始计算"),
    "decline": ("decline", ("reason", "declined_on"), "已决定不予受理"),
    "mediator": ("mediator", ("mediator_id", "assigned_on"), "已指派调解员"),
    "session": ("sessions", ("scheduled_on",), "已安排调解"),
    "record": ("sessions/{no}/record", ("held_on", "minutes"), "调解笔录已保存"),
    "settle": ("settlement", ("terms", "signed_on", "pay_by"), "调解成功，协议已记录"),
    "fail": ("failure", ("reason", "failed_on"), "已记录调解不成"),
    "refer": ("referral", ("target", "referred_on", "employment_ending"), "已转出"),
    "withdraw": ("withdrawal", ("withdrawn_on",), "案件已撤回"),
    "close": ("closure", ("closed_on",), "案件已办结"),
    "extend": ("extension", ("due_on", "agreed_on", "reason", "note"), "调解期限已延长"),
    "transfer": ("transfer", ("mediation_org_id", "reason", "transferred_on"), "案件已移交"),
    "award": ("arbitration-outcome", ("outcome", "decided_on", "award_no"), "仲裁结果已记录"),
    "recovery": ("recoveries", ("received_on",), "追回金额已记录"),
}
"""Each step of the case page: the API route, the form's plain fields, the confirmation."""
AMOUNTS = {
    "settle": ("agreed_yuan", "agreed_fen"),
    "award": ("awarded_yuan", "awarded_fen"),
    "recovery": ("amount_yuan", "amount_fen"),
}
"""The steps with an amount: typed in yuan, sent as integer fen."""


def step_body(step: str, form: Any) -> dict[str, Any]:
    """The API body of a step from its form (amounts typed in yuan, people one a line)."""
    body: dict[str, Any] = {
        name: str(form.get(name) or "").strip() or None for name in STEPS[step][1]
    }
    if step == "record":
        lines = str(form.get("attendees") or "").splitlines()
        body["attendees"] = [line.strip() for line in lines if line.strip()]
    if step in AMOUNTS:
        typed, sent = AMOUNTS[step]
        fen = labels.fen_of(str(form.get(typed, "")))
        body[sent] = fen if fen is not None else -1
    if step == "settle":
        for party in ("worker_confirmed", "employer_confirmed"):
            body[party] = form.get(party) == "on"
    if step == "extend":
        body["both_parties_agreed"] = form.get("both_parties_agreed") == "on"
    if step == "refer":
        body["employment_ending"] = body["employment_ending"] or "unknown"
    return body


async def _mediators(api: ServiceApi) -> list[dict[str, Any]]:
    page = await api.get("/api/v1/people", role="mediator", limit=500)
    return [person for person in page["items"] if person["active"]]


async def _choices(api: ServiceApi, case_id: UUID, writer: bool) -> dict[str, Any]:
    """The case's legal aid and, for the forms, the mediators and organisations to transfer to."""
    aid = await api.get("/api/v1/legal-aid", case_id=str(case_id), limit=100)
    if not writer:
        return {"legal_aid": aid["items"], "mediators": [], "orgs": []}
    return {"legal_aid": aid["items"], "mediators": await _mediators(api),
            "orgs": await mediation_orgs(api)}  # fmt: skip


async def with_census_name(request: Request, user: Any, case: dict[str, Any]) -> dict[str, Any]:
    """A census employer's name from membership (disputes keeps only its id and code)."""
    if case.get("employer_name") or not case.get("employer_id"):
        return case
    membership = container_of(request).api(user, "membership")
    with contextlib.suppress(ApiError):  # out of the user's scope there: the code is shown
        employer = await membership.get(f"/api/v1/employers/{case['employer_id']}")
        return {**case, "employer_name": employer["name"]}
    return case


async def case_page_response(request: Request, user: Any, case_id: UUID, status: int = 200,
                             **context: Any) -> Response:  # fmt: skip
    """The case page, with a form's values and errors when one was refused."""
    api = disputes_api(request, user)
    try:
        case = await api.get(f"/api/v1/cases/{case_id}", reveal=writes(user) or None)
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    case = await with_census_name(request, user, case)
    history = await api.get(f"/api/v1/cases/{case_id}/history")
    choices = await _choices(api, case_id, writes(user))
    names = {str(m["id"]): m["name"] for m in choices["mediators"]}
    return render(request, "disputes/case.html", status, c=with_deadline(case, today_in_china()),
                  history=history, mediator_names=names, labels=labels, writer=writes(user),
                  auditor=user.role in DISPUTES_AUDITORS,
                  today=today_in_china().isoformat(), **choices, **context)  # fmt: skip


@router.get("/disputes/cases/{case_id}")
async def case_page(request: Request, case_id: UUID, user: Reader) -> Response:
    """案件详情: facts, timeline (the history chain) and the steps its status allows."""
    return await case_page_response(request, user, case_id)


@router.get("/disputes/cases/{case_id}/agreement.pdf")
async def agreement_pdf(request: Request, case_id: UUID, user: Reader) -> Response:
    """调解协议书, fetched with the user's token (the service is never linked directly)."""
    try:
        pdf = await disputes_api(request, user).raw(f"/api/v1/cases/{case_id}/agreement.pdf")
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    disposition = f'inline; filename="agreement-{case_id}.pdf"'
    return Response(pdf.content, media_type="application/pdf",
                    headers={"Content-Disposition": disposition})  # fmt: skip


@router.post("/disputes/cases/{case_id}/{step}")
async def take_step(request: Request, case_id: UUID, step: str, form: Form, user: Mediator) -> Response:  # fmt: skip
    """办理一步: accept, decline, assign, schedule, record, settle, fail, refer, withdraw, close."""
    if step not in STEPS:
        return render(request, "error.html", 404, message="没有这项操作")
    route, _, done = STEPS[step]
    route = route.format(no=str(form.get("session_no") or "0"))
    body = step_body(step, form)
    try:
        await disputes_api(request, user).post(f"/api/v1/cases/{case_id}/{route}", body,
                                               key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        errors = form_errors(exc)
        if step in AMOUNTS and body[AMOUNTS[step][1]] < 0:
            errors[AMOUNTS[step][0]] = "请填写金额（元，最多两位小数）"
        if step == "extend" and body["reason"] is None and "reason" in errors:
            errors["reason"] = "请选择延期理由"
        values = {name: str(form.get(name, "")) for name in form}
        return await case_page_response(request, user, case_id, 422, step=step, values=values,
                                errors=errors, api_error=exc)  # fmt: skip
    return redirect(f"/disputes/cases/{case_id}", done)
