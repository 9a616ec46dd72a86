"""待办: what waits for the signed-in user, gathered from the services they may use."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from portal.adapters.services import ApiError
from portal.entrypoints import labels
from portal.entrypoints.pages.applications import waiting_for_me
from portal.entrypoints.pages.disputes import DUE_SOON_DAYS
from portal.entrypoints.pages.rosters import recent_uploads
from portal.entrypoints.session import User, container_of
from portal.entrypoints.web import DISPUTES_READERS, DISPUTES_WRITERS, render

router = APIRouter(include_in_schema=False)


async def _assistance_todo(request: Request, user: Any) -> dict[str, Any]:
    api = container_of(request).api(user, "assistance")
    overdue = await api.get("/api/v1/households", overdue_review=True, limit=20)
    flagged = await api.get("/api/v1/households", needs_review=True, limit=20)
    batches = await api.get("/api/v1/payment-batches", limit=20)
    running = [b for b in batches["items"] if b.get("status") not in ("completed", "done")]
    return {
        "applications": await waiting_for_me(api, user),
        "overdue": overdue["items"],
        "flagged": flagged["items"],
        "batches": running,
    }


async def _disputes_todo(request: Request, user: Any) -> dict[str, Any]:
    """Cases due within three days or past the 15-day limit, most urgent first."""
    due = (
        await container_of(request)
        .api(user, "disputes")
        .get("/api/v1/cases/deadlines", within_days=DUE_SOON_DAYS)
    )
    return {"due_cases": due, "disputes_writer": user.role in DISPUTES_WRITERS}


@router.get("/")
async def todo(request: Request, user: User) -> Response:
    """待办: applications at my step, files due or flagged, imports with errors, batches, cases
    near or past their mediation limit."""
    context: dict[str, Any] = {"labels": labels, "problems": []}
    try:
        if user.role in ("city_admin", "assistance_officer"):
            context.update(await _assistance_todo(request, user))
        if user.role in ("city_admin", "union_cadre"):
            jobs = await recent_uploads(request, user)
            context["imports"] = [j for j in jobs if j["error_count"] or j["status"] != "completed"]
        if user.role in DISPUTES_READERS:
            context.update(await _disputes_todo(request, user))
    except ApiError as exc:
        context["problems"].append(str(exc))
    return render(request, "todo.html", **context)
