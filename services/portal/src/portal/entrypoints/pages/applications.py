"""帮扶申请: the list, one application and its three-officer chain (opinion, review, approval)."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError, ServiceApi
from portal.entrypoints import labels
from portal.entrypoints.pages.applicant_choice import applicant_name
from portal.entrypoints.session import Form, container_of, require
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
Officer = Annotated[Account, require("city_admin", "assistance_officer")]
OPEN_STATUSES = ("submitted", "supported", "reviewed")
STEPS = {"grassroots_opinion": "opinion", "review": "review", "approval": "approve"}
"""The chain's steps (``next_step``) and the API action taking each."""
STEP_DATES = {
    "grassroots_opinion": "opinion_on",
    "review": "reviewed_on",
    "approval": "approved_on",
}
"""The date each step may carry when entered after the fact (补录); blank is today."""


def _assistance(request: Request, user: Account) -> ServiceApi:
    return container_of(request).api(user, "assistance")


def waits_for(application: dict[str, Any], user: Account) -> bool:
    """Whether the application's next step is one ``user`` may take (no two steps each)."""
    taken = {application.get(name) for name in ("opinion_by", "reviewed_by", "approved_by")}
    return application.get("next_step") is not None and str(user.id) not in taken


async def waiting_for_me(api: ServiceApi, user: Account) -> list[dict[str, Any]]:
    """The open applications in the user's scope whose next step they may take."""
    found: list[dict[str, Any]] = []
    for status in OPEN_STATUSES:
        page = await api.get("/api/v1/applications", status=status, limit=100)
        found.extend(item for item in page["items"] if waits_for(item, user))
    return found


@router.get("/applications")
async def applications_page(request: Request, user: Officer, status: str = "") -> Response:
    """帮扶申请列表."""
    page = await _assistance(request, user).get("/api/v1/applications", status=status, limit=100)
    return render(request, "applications/index.html", page=page, status=status, labels=labels)


@router.get("/applications/{application_id}")
async def application_page(request: Request, application_id: UUID, user: Officer) -> Response:
    """一件申请: its chain so far and the form of the step due."""
    api = _assistance(request, user)
    try:
        application = await api.get(f"/api/v1/applications/{application_id}")
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    membership = container_of(request).api(user, "membership")
    return render(request, "applications/detail.html", application=application, labels=labels,
                  mine=waits_for(application, user),
                  applicant=await applicant_name(membership, api, application))  # fmt: skip


def step_body(step: str, form: Any) -> dict[str, Any] | str:
    """The API body of a step from the form, or a Chinese error about the amount."""
    decision = str(form.get("decision", ""))
    note = {"reason": form.get("reason") or None, "note": form.get("note") or None}
    day = form.get(STEP_DATES.get(step, "")) or None
    dated = {STEP_DATES[step]: day} if day else {}  # left out, the step is dated today
    if step == "grassroots_opinion":
        return {"support": decision == "yes", **note, **dated}
    if step == "review":
        return {"passed": decision == "yes", **note, **dated}
    if decision == "no":
        return {"reason": form.get("reason") or "other", "note": form.get("note") or None}
    fen = labels.fen_of(str(form.get("approved_yuan", "")))
    if fen is None or fen <= 0:
        return "请填写核定金额（元，最多两位小数）"
    return {"approved_fen": fen, "budget_org_id": form.get("budget_org_id"), **dated}


@router.post("/applications/{application_id}/{step}")
async def take_step(
    request: Request, application_id: UUID, step: str, form: Form, user: Officer
) -> Response:
    """办理一个环节: opinion, review, or approval (approve with an amount, or reject)."""
    api = _assistance(request, user)
    path = f"/api/v1/applications/{application_id}"
    body = step_body(step, form)
    action = "reject" if step == "approval" and form.get("decision") == "no" else STEPS.get(step)
    if action is None:
        return render(request, "error.html", 404, message="没有这个环节")
    try:
        if isinstance(body, str):
            raise ApiError(422, "请检查核定金额", fields={"approved_fen": body})
        await api.post(f"{path}/{action}", body, key=str(form.get("form_key") or ""))
    except ApiError as exc:
        application = await api.get(path)
        values = {name: str(form.get(name, "")) for name in form}
        return render(request, "applications/detail.html", 422, application=application,
                      labels=labels, mine=waits_for(application, user), values=values,
                      errors=exc.fields, api_error=exc)  # fmt: skip
    return redirect("/", f"{labels.STEP_NAMES.get(step, step)}已办理")
