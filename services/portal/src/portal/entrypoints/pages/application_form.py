"""申请帮扶: a new aid application for a household, dated today or back-dated (补录).

The amount is typed in yuan and sent in integer fen; the service decides everything else
(the household on file that day, the date's window) and names the field it refuses.
"""

from __future__ import annotations

import contextlib
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
FIELDS = ("programme", "household_id", "requested_yuan", "submitted_on", "reason")
AMOUNT_ERROR = "请填写申请金额（元，大于 0，最多两位小数）"
FORM_FIELD = {"requested_fen": "requested_yuan", "member_id": "household_id"}
"""The API's field names shown beside the form's own (the amount is typed in yuan)."""
BLANK = {"household_id": "请选择申请的困难户", "programme": "请选择帮扶项目"}
"""What a choice left blank is told, rather than the schema's words for a missing value."""


def _household_option(household: dict[str, Any]) -> tuple[str, str]:
    level = labels.HARDSHIP_LEVEL.get(household["level"], household["level"])
    status = labels.HOUSEHOLD_STATUS.get(household["status"], household["status"])
    return str(household["id"]), f"{household['head']['name']}（{level}，{status}）"


async def household_choices(api: ServiceApi, chosen: str) -> list[tuple[str, str]]:
    """Households on file in the user's scope, and the one asked for even if no longer filed
    (a back-dated application may be for a household out of hardship since)."""
    page = await api.get("/api/v1/households", status="filed", limit=100)
    choices = [_household_option(h) for h in page["items"]]
    if chosen and chosen not in {value for value, _ in choices}:
        # Not in scope or unknown: left out, and the service names the field when submitted.
        with contextlib.suppress(ApiError):
            choices.insert(0, _household_option(await api.get(f"/api/v1/households/{chosen}")))
    return choices


def application_body(values: dict[str, str]) -> dict[str, Any]:
    """The API body; an amount that is not one goes as ``None`` for the service to name."""
    fen = labels.fen_of(values["requested_yuan"])
    body: dict[str, Any] = {
        "programme": values["programme"] or None,
        "household_id": values["household_id"] or None,
        "requested_fen": fen if fen else None,
        "reason": values["reason"] or None,
    }
    if values["submitted_on"]:  # blank is today, as the service takes it
        body["submitted_on"] = values["submitted_on"]
    return body


def form_errors(exc: ApiError, values: dict[str, str]) -> dict[str, str]:
    """The service's field errors under the form's names; the amount in the form's words."""
    errors = {FORM_FIELD.get(name, name): text for name, text in exc.fields.items()}
    if "requested_yuan" in errors and not labels.fen_of(values["requested_yuan"]):
        errors["requested_yuan"] = AMOUNT_ERROR
    errors.update(
        {name: text for name, text in BLANK.items() if name in errors and not values[name]}
    )
    return errors


async def _form(request: Request, user: Account, values: dict[str, str], status: int = 200,
                **context: Any) -> Response:  # fmt: skip
    api = container_of(request).api(user, "assistance")
    households = await household_choices(api, values.get("household_id", ""))
    return render(request, "applications/new.html", status, values=values, labels=labels,
                  households=households, **context)  # fmt: skip


@router.get("/applications/new")
async def new_page(request: Request, user: Officer, household_id: str = "") -> Response:
    """申请帮扶: the form, for the household chosen on its page or picked here."""
    values = {"household_id": household_id, "submitted_on": today_in_china().isoformat()}
    return await _form(request, user, values)


@router.post("/applications/new")
async def submit(request: Request, form: Form, user: Officer) -> Response:
    """提交帮扶申请: created in assistance; then its page, the chain's first step due."""
    values = {name: str(form.get(name) or "").strip() for name in FIELDS}
    api = container_of(request).api(user, "assistance")
    try:
        created = await api.post("/api/v1/applications", application_body(values),
                                 key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        return await _form(request, user, values, 422, errors=form_errors(exc, values),
                           api_error=exc)  # fmt: skip
    note = f"已提交帮扶申请（{created['programme_label']}，{labels.yuan(created['requested_fen'])} 元）"
    return redirect(f"/applications/{created['id']}", f"{note}，等待基层工会意见")
