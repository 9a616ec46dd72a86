"""招聘信息 (岗位): the job postings of the user's scope, a new one published, and how many
people were placed through each (from the placements recorded with it on 就业服务)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError
from portal.entrypoints import labels
from portal.entrypoints.pages.training import Coordinator, Reader, organisers, training_api, writes
from portal.entrypoints.session import Form
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
PAGE = "/training/postings"
TEXT_FIELDS = ("org_id", "employer_name", "title", "occupation")
LISTED = 200
"""Postings and placements read for the page (newest first)."""


def posting_body(form: Any) -> dict[str, Any]:
    """The API body of a posting: texts trimmed (blank sent as none, for the service to name
    the field), the number of positions an integer when typed as one."""
    body: dict[str, Any] = {name: str(form.get(name) or "").strip() or None for name in TEXT_FIELDS}
    body["positions"] = labels.count_of(form.get("positions"))
    return body


async def _page(request: Request, user: Account, status: int = 200, **context: Any) -> Response:
    api = training_api(request, user)
    postings = await api.get("/api/v1/postings", limit=LISTED)
    placements = await api.get("/api/v1/placements", limit=LISTED)
    placed = Counter(str(p["posting_id"]) for p in placements["items"] if p["posting_id"])
    return render(request, "training/postings.html", status, postings=postings,
                  placed=placed, organisers=await organisers(request, user),
                  writer=writes(user), **context)  # fmt: skip


@router.get(PAGE)
async def postings_page(request: Request, user: Reader) -> Response:
    """招聘信息: the list, and the form publishing one for coordinators and admins."""
    return await _page(request, user)


@router.post(PAGE)
async def publish(request: Request, form: Form, user: Coordinator) -> Response:
    """发布招聘信息: errors beside their fields, everything typed kept."""
    try:
        made = await training_api(request, user).post(
            "/api/v1/postings", posting_body(form), key=str(form.get("form_key") or "")
        )
    except ApiError as exc:
        values = {name: str(form.get(name, "")) for name in form}
        return await _page(request, user, 422, values=values, errors=exc.fields, api_error=exc)
    return redirect(
        PAGE, f"已发布招聘信息：{made['employer_name']} {made['title']}，招 {made['positions']} 人"
    )
