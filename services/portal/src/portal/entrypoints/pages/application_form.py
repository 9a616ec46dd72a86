"""申请帮扶: a new aid application for a household on file or for a member without a file,
dated today or back-dated (补录).

The amount is typed in yuan and sent in integer fen; the service decides everything else
(the household on file that day, the member in scope and not left, the date's window) and
names the field it refuses.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from shared.identifiers import today_in_china

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError
from portal.entrypoints import labels
from portal.entrypoints.pages.applicant_choice import (
    choice_error,
    household_choices,
    member_choices,
)
from portal.entrypoints.session import Form, container_of, require
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
APPLY_ROLES = ("city_admin", "assistance_officer")
Officer = Annotated[Account, require(*APPLY_ROLES)]
FIELDS = ("programme", "household_id", "member_id", "member_query", "requested_yuan",
          "submitted_on", "reason")  # fmt: skip
AMOUNT_ERROR = "请填写申请金额（元，大于 0，最多两位小数）"
FORM_FIELD = {"requested_fen": "requested_yuan"}
"""The API's field names shown beside the form's own (the amount is typed in yuan)."""
BLANK = {"household_id": "请选择申请的困难户", "programme": "请选择帮扶项目"}
"""What a choice left blank is told, rather than the schema's words for a missing value."""


def application_body(values: dict[str, str]) -> dict[str, Any]:
    """The API body; an amount that is not one goes as ``None`` for the service to name."""
    fen = labels.fen_of(values["requested_yuan"])
    body: dict[str, Any] = {
        "programme": values["programme"] or None,
        "requested_fen": fen if fen else None,
        "reason": values["reason"] or None,
    }
    # Exactly one is chosen by now: a member only when applying without a file.
    if values.get("member_id"):
        body["member_id"] = values["member_id"]
    else:
        body["household_id"] = values["household_id"] or None
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
    container = container_of(request)
    households = await household_choices(container.api(user, "assistance"),
                                         values.get("household_id", ""))  # fmt: skip
    members = await member_choices(container.api(user, "membership"),
                                   values.get("member_id", ""), values.get("member_query", ""))  # fmt: skip
    return render(request, "applications/new.html", status, values=values, labels=labels,
                  households=households, members=members, **context)  # fmt: skip


@router.get("/applications/new")
async def new_page(request: Request, user: Officer, household_id: str = "",
                   member_id: str = "") -> Response:  # fmt: skip
    """申请帮扶: the form, for the household or member chosen on its page or picked here."""
    values = {"household_id": household_id, "member_id": member_id,
              "submitted_on": today_in_china().isoformat()}  # fmt: skip
    return await _form(request, user, values)


@router.post("/applications/new")
async def submit(request: Request, form: Form, user: Officer) -> Response:
    """提交帮扶申请 (or 查找会员, the typed values kept): created in assistance; then its page."""
    values = {name: str(form.get(name) or "").strip() for name in FIELDS}
    if form.get("intent") == "find":
        return await _form(request, user, values, searched=True)
    if problem := choice_error(values):
        return await _form(request, user, values, 422, errors={"applicant": problem})
    api = container_of(request).api(user, "assistance")
    try:
        created = await api.post("/api/v1/applications", application_body(values),
                                 key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        return await _form(request, user, values, 422, errors=form_errors(exc, values),
                           api_error=exc)  # fmt: skip
    note = f"已提交帮扶申请（{created['programme_label']}，{labels.yuan(created['requested_fen'])} 元）"
    return redirect(f"/applications/{created['id']}", f"{note}，等待基层工会意见")
