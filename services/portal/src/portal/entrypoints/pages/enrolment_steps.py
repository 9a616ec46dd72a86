"""退班 and 考核 of one enrolment on the class page.

退班 frees a seat and the training service gives it, under the class's lock, to the person
waiting longest; the confirmation says so when the waiting list got shorter. 考核 records the
outcome of the class's assessment for a seated person (completion then asks for it when the
class requires it). A refusal comes back beside that row's field with the choice kept.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError
from portal.entrypoints import labels
from portal.entrypoints.pages.training import Coordinator, training_api
from portal.entrypoints.pages.training_class import class_page_response
from portal.entrypoints.session import Form
from portal.entrypoints.web import redirect

router = APIRouter(include_in_schema=False)
CHOICE_ERRORS = {"reason": "请选择退班原因", "passed": "请选择考核结果"}


async def _refused(request: Request, user: Account, class_id: UUID, enrolment_id: UUID,
                   form: Any, exc: ApiError) -> Response:  # fmt: skip
    """The class page again, the refusal beside the row's field and what was chosen kept."""
    errors = dict(exc.fields)
    for name in CHOICE_ERRORS:
        if name in errors and not form.get(name):
            errors[name] = CHOICE_ERRORS[name]
    if "enrolment_id" in errors:  # the service names the enrolment: shown beside the choice
        errors.setdefault("reason" if "reason" in form else "passed", errors.pop("enrolment_id"))
    values = {name: str(form.get(name, "")) for name in form}
    return await class_page_response(request, user, class_id, 1, 422, row=str(enrolment_id),
                                     values=values, errors=errors, api_error=exc)  # fmt: skip


@router.post("/training/classes/{class_id}/enrolments/{enrolment_id}/withdraw")
async def withdraw(request: Request, class_id: UUID, enrolment_id: UUID, form: Form,
                   user: Coordinator) -> Response:  # fmt: skip
    """退班: the seat freed goes to the first on the waiting list."""
    api = training_api(request, user)
    reason = str(form.get("reason") or "")
    try:
        waiting_before = (await api.get(f"/api/v1/classes/{class_id}"))["waitlisted"]
        left = await api.post(f"/api/v1/enrolments/{enrolment_id}/withdraw",
                              {"reason": reason or None}, key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        return await _refused(request, user, class_id, enrolment_id, form, exc)
    waiting_after = (await api.get(f"/api/v1/classes/{class_id}"))["waitlisted"]
    note = f"{left['person']['name']} 已退班（{labels.WITHDRAWAL_REASON.get(reason, reason)}）"
    if waiting_after < waiting_before:
        note += "，候补第一位已递补入班"
    return redirect(f"/training/classes/{class_id}", note)


@router.post("/training/classes/{class_id}/enrolments/{enrolment_id}/assessment")
async def assessment(request: Request, class_id: UUID, enrolment_id: UUID, form: Form,
                     user: Coordinator) -> Response:  # fmt: skip
    """考核: whether the seated person passed the class's assessment."""
    passed = str(form.get("passed") or "")
    body = {"passed": {"yes": True, "no": False}.get(passed)}
    try:
        done = await training_api(request, user).post(
            f"/api/v1/enrolments/{enrolment_id}/assessment", body,
            key=str(form.get("form_key") or ""),
        )  # fmt: skip
    except ApiError as exc:
        return await _refused(request, user, class_id, enrolment_id, form, exc)
    note = f"{done['person']['name']} 的考核结果已记录：{labels.ASSESSMENT[passed]}"
    return redirect(f"/training/classes/{class_id}", note)
