"""调解网络: mediation organisations, their mediators, enterprises' early-warning reporters and
the risks they report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response
from shared.identifiers import today_in_china

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError
from portal.entrypoints import labels
from portal.entrypoints.pages.disputes import Mediator, Reader, disputes_api, writes
from portal.entrypoints.session import Form, container_of
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
PAGE = "/disputes/network"


def _text(form: Any, *names: str) -> dict[str, Any]:
    return {name: str(form.get(name) or "").strip() or None for name in names}


def _mediator_route(form: Any) -> str:
    return f"/api/v1/mediation-orgs/{form.get('mediation_org_id') or '-'}/mediators"


def _warning_body(form: Any) -> dict[str, Any]:
    return {**_text(form, "reporter_id", "risk", "reported_on", "note"),
            "workers_at_risk": labels.count_of(form.get("workers_at_risk"))}  # fmt: skip


FORMS: dict[str, tuple[Callable[[Any], str], Callable[[Any], dict[str, Any]], str]] = {
    "orgs": (lambda f: "/api/v1/mediation-orgs",
             lambda f: _text(f, "org_id", "kind", "name", "employer_id"), "调解组织已设立"),
    "mediators": (_mediator_route, lambda f: _text(f, "name", "phone"), "调解员已聘任"),
    "reporters": (lambda f: "/api/v1/warning-reporters",
                  lambda f: _text(f, "org_id", "employer_id", "name", "phone"), "预警员已聘任"),
    "warnings": (lambda f: "/api/v1/warnings", _warning_body, "风险预警已登记"),
}  # fmt: skip
"""Each form of the page: the API route and body from the form, and the confirmation."""


async def unions_and_employers(request: Request, user: Account) -> dict[str, Any]:
    """The unions and employers of the user's subtree, from membership (mediators may read)."""
    api = container_of(request).api(user, "membership")
    try:
        unions = await api.get("/api/v1/organisations", limit=500)
        employers = await api.get("/api/v1/employers", limit=500)
    except ApiError:
        return {"unions": [], "employers": []}
    return {"unions": unions["items"], "employers": employers["items"]}


async def _page(request: Request, user: Account, status: int = 200, **context: Any) -> Response:
    api = disputes_api(request, user)
    orgs = (await api.get("/api/v1/mediation-orgs", limit=500))["items"]
    people = (await api.get("/api/v1/people", limit=500))["items"]
    warnings = (await api.get("/api/v1/warnings", limit=100))["items"]
    tree = await unions_and_employers(request, user)
    names = {str(i["id"]): i["name"] for i in (*orgs, *people, *tree["unions"], *tree["employers"])}
    context.setdefault("values", {"reported_on": today_in_china().isoformat()})
    return render(request, "disputes/network.html", status, orgs=orgs, names=names,
                  mediators=[p for p in people if p["role"] == "mediator"],
                  reporters=[p for p in people if p["role"] == "reporter"], warnings=warnings,
                  labels=labels, writer=writes(user), **tree, **context)  # fmt: skip


@router.get(PAGE)
async def network_page(request: Request, user: Reader) -> Response:
    """调解组织, 调解员, 预警员 and 风险预警, with the forms recording each."""
    return await _page(request, user)


@router.post(PAGE + "/{which}")
async def record(request: Request, which: str, form: Form, user: Mediator) -> Response:
    """An organisation, a mediator, a reporter or a warning: errors beside their fields."""
    if which not in FORMS:
        return render(request, "error.html", 404, message="没有这项登记")
    route, body, done = FORMS[which]
    try:
        await disputes_api(request, user).post(route(form), body(form),
                                               key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        errors = dict(exc.fields)
        if which == "mediators" and not exc.fields:  # no such organisation: the route's own
            errors["mediation_org_id"] = str(exc)
        values = {name: str(form.get(name, "")) for name in form}
        return await _page(request, user, 422, form=which, values=values, errors=errors,
                           api_error=exc)  # fmt: skip
    return redirect(PAGE, done)


@router.post("/disputes/people/{person_id}/retirement")
async def retire(request: Request, person_id: UUID, form: Form, user: Mediator) -> Response:
    """离任: a mediator or reporter no longer serves."""
    try:
        await disputes_api(request, user).post(f"/api/v1/people/{person_id}/retirement", None,
                                               key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        return redirect(PAGE, f"未能办理离任：{exc}")
    return redirect(PAGE, "已办理离任")
