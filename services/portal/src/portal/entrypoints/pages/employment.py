"""就业服务: job seekers, job fairs with the employers attending, placements and follow-ups."""

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
from portal.entrypoints.pages.training import (
    Coordinator,
    Reader,
    organisers,
    training_api,
    writes,
)
from portal.entrypoints.session import Form
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
PAGE = "/training/employment"


def _text(form: Any, *names: str) -> dict[str, Any]:
    return {name: str(form.get(name) or "").strip() or None for name in names}


def seeker_body(form: Any) -> dict[str, Any]:
    """求职登记 from its form."""
    person = {k.removeprefix("person."): v for k, v in _text(form, "person.name", "person.id_number", "person.phone").items()}  # fmt: skip
    fields = _text(form, "org_id", "status", "wanted_occupation", "registered_on")
    if fields["registered_on"] is None:
        del fields["registered_on"]  # today, the service's default
    return {**fields, "person": person}


def placement_body(form: Any) -> dict[str, Any]:
    """实现就业 from its form (the fair or the posting only when that is the channel)."""
    body = _text(form, "seeker_id", "employer_name", "placed_on", "channel", "fair_id",
                 "posting_id")  # fmt: skip
    if body["channel"] != "fair":
        body["fair_id"] = None
    if body["channel"] != "posting":
        body["posting_id"] = None
    return body


FORMS: dict[str, tuple[str, Callable[[Any], dict[str, Any]], str]] = {
    "seekers": ("/api/v1/seekers", seeker_body, "求职登记已保存"),
    "fairs": (
        "/api/v1/fairs",
        lambda f: _text(f, "org_id", "title", "venue", "held_on"),
        "招聘会已登记",
    ),
    "placements": ("/api/v1/placements", placement_body, "就业登记已保存"),
}
"""Each form of the page: the API route, its body from the form, the confirmation."""


async def _page(request: Request, user: Account, status: int = 200, **context: Any) -> Response:
    api = training_api(request, user)
    seekers = await api.get("/api/v1/seekers", limit=200, reveal=writes(user) or None)
    fairs = await api.get("/api/v1/fairs", limit=50)
    placements = await api.get("/api/v1/placements", limit=100)
    postings = await api.get("/api/v1/postings", limit=100)
    names = {s["id"]: s["person"]["name"] for s in seekers["items"]}
    context.setdefault("values", {"held_on": today_in_china().isoformat(),
                                  "placed_on": today_in_china().isoformat()})  # fmt: skip
    return render(request, "training/employment.html", status, seekers=seekers["items"],
                  fairs=fairs["items"], placements=placements["items"], names=names,
                  postings=postings["items"],
                  organisers=await organisers(request, user), labels=labels,
                  writer=writes(user), **context)  # fmt: skip


@router.get(PAGE)
async def employment_page(request: Request, user: Reader) -> Response:
    """求职登记, 招聘会 and 实现就业, with the forms recording each."""
    return await _page(request, user)


@router.post(PAGE + "/{which}")
async def record(request: Request, which: str, form: Form, user: Coordinator) -> Response:
    """A seeker, a fair or a placement: errors beside their fields, everything typed kept."""
    if which not in FORMS:
        return render(request, "error.html", 404, message="没有这项登记")
    path, body, done = FORMS[which]
    try:
        await training_api(request, user).post(
            path, body(form), key=str(form.get("form_key") or "")
        )
    except ApiError as exc:
        values = {name: str(form.get(name, "")) for name in form}
        return await _page(request, user, 422, form=which, values=values, errors=exc.fields,
                           api_error=exc)  # fmt: skip
    return redirect(PAGE, done)


@router.post("/training/fairs/{fair_id}/employers")
async def fair_employer(request: Request, fair_id: UUID, form: Form, user: Coordinator) -> Response:
    """参会单位 and the positions it offers."""
    body = {**_text(form, "employer_name"), "positions": labels.count_of(form.get("positions"))}
    return await _short_step(request, user, f"/api/v1/fairs/{fair_id}/employers", body, form,
                             "参会单位已登记")  # fmt: skip


@router.post("/training/placements/{placement_id}/follow-ups")
async def follow_up(
    request: Request, placement_id: UUID, form: Form, user: Coordinator
) -> Response:
    """跟踪回访 at 3 or 6 months: still employed or not."""
    body = {"months": labels.count_of(form.get("months")),
            "still_employed": form.get("still_employed") == "yes"}  # fmt: skip
    return await _short_step(request, user, f"/api/v1/placements/{placement_id}/follow-ups", body,
                             form, "回访已记录")  # fmt: skip


@router.post("/training/fairs/{fair_id}/seekers")
async def fair_seeker(request: Request, fair_id: UUID, form: Form, user: Coordinator) -> Response:
    """参会求职者: a registered seeker attended the fair (counted once however often sent)."""
    return await _short_step(request, user, f"/api/v1/fairs/{fair_id}/seekers",
                             _text(form, "seeker_id"), form, "参会求职者已登记")  # fmt: skip


@router.post("/training/fairs/{fair_id}/seekers-counted")
async def fair_head_count(request: Request, fair_id: UUID, form: Form, user: Coordinator) -> Response:  # fmt: skip
    """到场人数: the head count at the door; walk-ins are those beyond the registered seekers."""
    body = {"seekers_counted": labels.count_of(form.get("seekers_counted"))}
    return await _short_step(request, user, f"/api/v1/fairs/{fair_id}/seekers-counted", body,
                             form, "到场人数已保存", replace=True)  # fmt: skip


async def _short_step(request: Request, user: Account, path: str, body: dict[str, Any],
                      form: Any, done: str, replace: bool = False) -> Response:  # fmt: skip
    """A one-line form in a table row: its refusal comes back as the page's note."""
    api, key = training_api(request, user), str(form.get("form_key") or "")
    try:
        await (api.put(path, body, key=key) if replace else api.post(path, body, key=key))
    except ApiError as exc:
        return redirect(PAGE, f"未能保存：{'；'.join(exc.fields.values()) or exc}")
    return redirect(PAGE, done)
