"""A class's records beside its page: sign-in sheet imports (签到表导入) with their row errors,
certificates revoked, and the certificate check (证书查询)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from portal.adapters.services import ApiError
from portal.entrypoints import labels
from portal.entrypoints.pages.training import Coordinator, Reader, training_api
from portal.entrypoints.pages.training_class import class_page_response
from portal.entrypoints.session import Form
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
MAX_SHEET_BYTES = 5 * 1024 * 1024
"""Read up to just past the service's default limit, so its own refusal is what shows."""
UPLOAD_LIMIT = MAX_SHEET_BYTES + 1024 * 1024


@router.post("/training/classes/{class_id}/attendance-imports/upload")
async def upload_sheet(request: Request, class_id: UUID, form: Form, user: Coordinator) -> Response:
    """上传签到表 of one session: imported in the background, each row checked on its own."""
    file = form.get("file")
    session = str(form.get("sheet_session_no") or "")
    values = {"sheet_session_no": session}
    if not isinstance(file, UploadFile) or not file.filename:
        return await class_page_response(request, user, class_id, 1, 422, values=values,
                                         errors={"file": "请选择签到表（.xlsx 或 .csv）"})  # fmt: skip
    content = await file.read(MAX_SHEET_BYTES + 1)
    files = {"file": (file.filename, content, file.content_type or "application/octet-stream")}
    try:
        job = await training_api(request, user).post(
            f"/api/v1/classes/{class_id}/attendance-imports", None,
            key=str(form.get("form_key") or ""), data={"session_no": session}, files=files,
        )  # fmt: skip
    except ApiError as exc:
        errors = {
            ("sheet_session_no" if k == "session_no" else k): v for k, v in exc.fields.items()
        }
        return await class_page_response(request, user, class_id, 1, 422, values=values,
                                         errors=errors or {"file": str(exc)}, api_error=exc)  # fmt: skip
    return redirect(
        f"/training/attendance-imports/{job['id']}", f"已上传 {job['filename']}，正在导入"
    )


@router.get("/training/attendance-imports/{import_id}")
async def import_page(request: Request, import_id: UUID, user: Coordinator) -> Response:
    """签到表导入进度: the progress (refreshed while running) and each refused row."""
    try:
        job = await training_api(request, user).get(f"/api/v1/attendance-imports/{import_id}")
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    fragment = request.headers.get("HX-Request") == "true"
    name = "training/import_progress.html" if fragment else "training/import.html"
    return render(request, name, job=job, labels=labels)


@router.post("/training/certificates/{certificate_id}/revoke")
async def revoke(request: Request, certificate_id: UUID, form: Form, user: Coordinator) -> Response:
    """撤销证书 with its reason: the public check will answer that it was revoked."""
    back = f"/training/classes/{form.get('class_id') or ''}"
    body = {"reason": str(form.get("reason") or "") or None}
    try:
        done = await training_api(request, user).post(
            f"/api/v1/certificates/{certificate_id}/revoke", body,
            key=str(form.get("form_key") or ""),
        )  # fmt: skip
    except ApiError as exc:
        return redirect(back, f"未能撤销证书：{'；'.join(exc.fields.values()) or exc}")
    return redirect(back, f"证书 {done['number']} 已撤销")


async def _verification(request: Request, user: Any, number: str) -> dict[str, Any]:
    try:
        found: dict[str, Any] = await training_api(request, user).get(
            "/api/v1/certificate-verification", number=number
        )
    except ApiError as exc:
        return {"errors": exc.fields or {"number": str(exc)}}
    return {"result": found}


@router.get("/training/verify")
async def verify_page(request: Request, user: Reader, number: str = "") -> Response:
    """证书查询: whether a certificate number is genuine, as anyone may check it."""
    number = number.strip()
    found = await _verification(request, user, number) if number else {}
    status = 422 if found.get("errors") else 200
    return render(request, "training/verify.html", status, values={"number": number},
                  labels=labels, **found)  # fmt: skip
