"""培训班: the classes list with the form opening one, and the helpers the training pages share."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError, ServiceApi
from portal.entrypoints import labels
from portal.entrypoints.session import Form, container_of, require
from portal.entrypoints.web import TRAINING_READERS, TRAINING_WRITERS, redirect, render

router = APIRouter(include_in_schema=False)
Reader = Annotated[Account, require(*TRAINING_READERS)]
Coordinator = Annotated[Account, require(*TRAINING_WRITERS)]


def training_api(request: Request, user: Account) -> ServiceApi:
    """The training API as ``user``."""
    return container_of(request).api(user, "training")


def writes(user: Account) -> bool:
    """Whether ``user`` may enrol, take attendance and record (cadres and auditors only read)."""
    return user.role in TRAINING_WRITERS


async def organisers(request: Request, user: Account) -> list[dict[str, Any]]:
    """The unions that may organise: a coordinator's own; any in scope for an admin, who may
    read membership (a coordinator may not, and training lists no organisations)."""
    if user.role != "city_admin":
        return [{"id": str(user.org_id), "name": user.org_name}] if user.org_id else []
    api = container_of(request).api(user, "membership")
    page = await api.get("/api/v1/organisations", limit=500)
    items: list[dict[str, Any]] = page["items"]
    return items


async def _page(request: Request, user: Account, status: int = 200, **context: Any) -> Response:
    classes = await training_api(request, user).get("/api/v1/classes", limit=100)
    context.setdefault("values", {"sessions_planned": "10", "capacity": "30",
                                  "min_attendance_percent": "80"})  # fmt: skip
    return render(request, "training/classes.html", status, classes=classes, labels=labels,
                  writer=writes(user), organisers=await organisers(request, user), **context)  # fmt: skip


@router.get("/training/classes")
async def classes_page(request: Request, user: Reader) -> Response:
    """培训班列表 and, for coordinators, the form opening a class."""
    return await _page(request, user)


def class_body(form: Any) -> dict[str, Any]:
    """The API body of a new class from the form."""
    text = {name: str(form.get(name) or "").strip() or None
            for name in ("org_id", "title", "kind", "provider", "venue", "starts_on", "ends_on")}  # fmt: skip
    counts = {name: labels.count_of(form.get(name))
              for name in ("sessions_planned", "capacity", "min_attendance_percent")}  # fmt: skip
    return {**text, **counts, "target_groups": form.getlist("target_groups"),
            "assessment_required": form.get("assessment_required") == "on"}  # fmt: skip


@router.post("/training/classes")
async def open_class(request: Request, form: Form, user: Coordinator) -> Response:
    """开班: errors beside their fields, everything typed kept."""
    try:
        made = await training_api(request, user).post(
            "/api/v1/classes", class_body(form), key=str(form.get("form_key") or "")
        )
    except ApiError as exc:
        values = {name: str(form.get(name, "")) for name in form}
        return await _page(request, user, 422, values=values, errors=exc.fields, api_error=exc,
                           groups=form.getlist("target_groups"))  # fmt: skip
    return redirect(f"/training/classes/{made['id']}", "培训班已开班")
