"""一个培训班: enrol a person, the attendance sheet of a session, completion and certificates,
cancellation. Enrolment, attendance and completion take an optional past date for work entered
afterwards (补录); blank is today, and the training service decides how far back is allowed."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response

from portal.adapters.services import ApiError, ServiceApi
from portal.entrypoints import labels
from portal.entrypoints.pages.training import Coordinator, Reader, training_api, writes
from portal.entrypoints.session import Form
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)


async def _seated(api: ServiceApi, class_id: UUID, reveal: bool) -> list[dict[str, Any]]:
    """The people holding a seat: the rows of the attendance sheet."""
    page = await api.get(f"/api/v1/classes/{class_id}/enrolments", status="enrolled", limit=500,
                         reveal=reveal or None)  # fmt: skip
    items: list[dict[str, Any]] = page["items"]
    return items


async def class_page_response(request: Request, user: Any, class_id: UUID, session: int,
                              status: int = 200, **context: Any) -> Response:  # fmt: skip
    """The class page, with a form's values and errors when one was refused."""
    api = training_api(request, user)
    try:
        the_class = await api.get(f"/api/v1/classes/{class_id}")
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    session = min(max(session, 1), the_class["sessions_planned"])
    reveal = writes(user) or None
    enrolments = await api.get(f"/api/v1/classes/{class_id}/enrolments", limit=500, reveal=reveal)
    sheet = await api.get(f"/api/v1/classes/{class_id}/sessions/{session}/attendance")
    certificates = await api.get("/api/v1/certificates", class_id=str(class_id), limit=500,
                                 reveal=reveal)  # fmt: skip
    return render(request, "training/class.html", status, k=the_class, labels=labels,
                  enrolments=enrolments["items"], session=session, writer=writes(user),
                  marks={m["enrolment_id"]: m["mark"] for m in sheet["marks"]},
                  certificates=certificates["items"], **context)  # fmt: skip


@router.get("/training/classes/{class_id}")
async def class_page(request: Request, class_id: UUID, user: Reader, session: int = 1) -> Response:
    """培训班: facts, enrolments, the attendance sheet of ``session``, certificates."""
    return await class_page_response(request, user, class_id, session)


@router.post("/training/classes/{class_id}/enrolments")
async def enrol(request: Request, class_id: UUID, form: Form, user: Coordinator) -> Response:
    """报名: a seat when one is free, else the waiting list."""
    person = {name: str(form.get(f"person.{name}") or "").strip() or None
              for name in ("name", "id_number", "phone")}  # fmt: skip
    body = {"person": person, "enrolled_on": _date(form, "enrolled_on")}
    try:
        made = await training_api(request, user).post(
            f"/api/v1/classes/{class_id}/enrolments", body,
            key=str(form.get("form_key") or ""),
        )  # fmt: skip
    except ApiError as exc:
        values = {name: str(form.get(name, "")) for name in form}
        return await class_page_response(request, user, class_id, 1, 422, values=values,
                                 errors=exc.fields, api_error=exc)  # fmt: skip
    place = "已报名（在班）" if made["status"] == "enrolled" else "名额已满，已列入候补"
    return redirect(f"/training/classes/{class_id}", place)


def _date(form: Any, name: str) -> str | None:
    """An optional date of the form (补录); blank is none, and the service takes today."""
    return str(form.get(name) or "").strip() or None


def attendance_body(seated: list[dict[str, Any]], present: list[str],
                    taken_on: str | None = None) -> dict[str, Any]:  # fmt: skip
    """One mark per seated person: a ticked box is 出勤, an empty one 缺勤."""
    return {"marks": [{"enrolment_id": e["id"], "mark": "present" if e["id"] in present else "absent"}
                      for e in seated], "taken_on": taken_on}  # fmt: skip


@router.post("/training/classes/{class_id}/attendance")
async def take_attendance(request: Request, class_id: UUID, form: Form, user: Coordinator) -> Response:  # fmt: skip
    """考勤: the sheet of one session, every seated person marked."""
    api = training_api(request, user)
    session = labels.count_of(form.get("session_no"))
    seated = await _seated(api, class_id, reveal=False)
    back = f"/training/classes/{class_id}?session={session}"
    if not seated:
        return redirect(back, "还没有在班学员，无需考勤")
    ticked = [str(box) for box in form.getlist("present")]
    try:
        sheet = await api.put(f"/api/v1/classes/{class_id}/sessions/{session}/attendance",
                              attendance_body(seated, ticked, _date(form, "taken_on")),
                              key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:  # the sheet again with the boxes as ticked, the error beside its field
        return await class_page_response(request, user, class_id, session, 422, ticked=ticked,
                                         values={"taken_on": str(form.get("taken_on") or "")},
                                         errors=exc.fields, api_error=exc, step="attendance")  # fmt: skip
    return redirect(
        back, f"第 {session} 课次考勤已保存：出勤 {sheet['present']} 人，缺勤 {sheet['absent']} 人"
    )


@router.post("/training/classes/{class_id}/complete")
async def complete(request: Request, class_id: UUID, form: Form, user: Coordinator) -> Response:
    """结业并发证: each seated person judged by the class's rule; certificates issued."""
    try:
        done = await training_api(request, user).post(
            f"/api/v1/classes/{class_id}/complete", {"completed_on": _date(form, "completed_on")},
            key=str(form.get("form_key") or ""),
        )  # fmt: skip
    except ApiError as exc:
        return await class_page_response(request, user, class_id, 1, 422, step="complete",
                                         values={"completed_on": str(form.get("completed_on") or "")},
                                         errors=exc.fields, api_error=exc)  # fmt: skip
    note = f"已结业：结业 {done['completed']} 人，未结业 {done['not_completed']} 人，发证 {done['certificates']} 张"
    return redirect(f"/training/classes/{class_id}", note)


@router.post("/training/classes/{class_id}/cancel")
async def cancel(request: Request, class_id: UUID, form: Form, user: Coordinator) -> Response:
    """取消培训班: the class will not run; the service withdraws everyone enrolled or waiting."""
    try:
        await training_api(request, user).post(f"/api/v1/classes/{class_id}/cancel", None,
                                               key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        return await class_page_response(request, user, class_id, 1, 422, api_error=exc)
    return redirect(f"/training/classes/{class_id}", "培训班已取消，报名和候补的学员均已退班")


@router.get("/training/certificates/{certificate_id}/pdf")
async def certificate_pdf(request: Request, certificate_id: UUID, user: Reader) -> Response:
    """结业证书 (PDF), fetched with the user's token."""
    try:
        pdf = await training_api(request, user).raw(f"/api/v1/certificates/{certificate_id}/pdf")
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    disposition = f'inline; filename="certificate-{certificate_id}.pdf"'
    return Response(pdf.content, media_type="application/pdf",
                    headers={"Content-Disposition": disposition})  # fmt: skip
