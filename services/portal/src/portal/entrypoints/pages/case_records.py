"""A case's records beside its steps: evidence documents (upload, download) and legal aid."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from portal.adapters.services import ApiError
from portal.entrypoints import labels
from portal.entrypoints.pages.dispute_case import case_page_response
from portal.entrypoints.pages.disputes import Mediator, disputes_api
from portal.entrypoints.session import Form
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
"""The disputes service's default limit; a larger file is still sent so its refusal shows."""
UPLOAD_LIMIT = MAX_EVIDENCE_BYTES + 1024 * 1024
"""The body this page accepts (a file just over the limit plus the form's fields)."""


def _values(form: Any) -> dict[str, str]:
    return {name: str(form.get(name, "")) for name in form if name != "file"}


def evidence_errors(error: ApiError) -> dict[str, str]:
    """The refusal beside the file field when the service names no field (a 413 too large)."""
    return error.fields or {"file": str(error)}


@router.post("/disputes/cases/{case_id}/evidence/upload")
async def upload_evidence(request: Request, case_id: UUID, form: Form, user: Mediator) -> Response:
    """补充证据: the file forwarded with its type; its type and size are the service's to judge."""
    file = form.get("file")
    if not isinstance(file, UploadFile) or not file.filename:
        errors = {"file": "请选择证据文件（PDF、JPEG 或 PNG）"}
        return await case_page_response(request, user, case_id, 422, step="evidence",
                                        values=_values(form), errors=errors)  # fmt: skip
    content = await file.read(MAX_EVIDENCE_BYTES + 1)
    files = {"file": (file.filename, content, file.content_type or "application/octet-stream")}
    try:
        await disputes_api(request, user).post(
            f"/api/v1/cases/{case_id}/evidence", None, key=str(form.get("form_key") or ""),
            data={"kind": str(form.get("kind") or "other")}, files=files,
        )  # fmt: skip
    except ApiError as exc:
        return await case_page_response(request, user, case_id, 422, step="evidence",
                                        values=_values(form), errors=evidence_errors(exc),
                                        api_error=exc)  # fmt: skip
    return redirect(f"/disputes/cases/{case_id}", f"证据已保存：{file.filename}")


@router.get("/disputes/cases/{case_id}/evidence/{evidence_id}")
async def download_evidence(
    request: Request, case_id: UUID, evidence_id: UUID, user: Mediator
) -> Response:
    """下载证据, fetched with the user's token (the service is never linked directly)."""
    try:
        found = await disputes_api(request, user).raw(
            f"/api/v1/cases/{case_id}/evidence/{evidence_id}"
        )
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    headers = {name: found.headers[name] for name in ("content-disposition", "x-content-sha256")
               if name in found.headers}  # fmt: skip
    return Response(found.content, media_type=found.headers["content-type"], headers=headers)


def aid_body(form: Any, case: dict[str, Any]) -> dict[str, Any]:
    """法律援助 on this case from its form (the case's node provides it)."""
    text = {name: str(form.get(name) or "").strip() or None
            for name in ("provider", "stage", "granted_on")}  # fmt: skip
    return {**text, "org_id": case["org_id"], "case_id": case["id"]}


@router.post("/disputes/cases/{case_id}/legal-aid/grant")
async def grant_aid(request: Request, case_id: UUID, form: Form, user: Mediator) -> Response:
    """法律援助: granted on this case for a stage (仲裁、一审、二审)."""
    api = disputes_api(request, user)
    try:
        case = await api.get(f"/api/v1/cases/{case_id}")
        await api.post("/api/v1/legal-aid", aid_body(form, case),
                       key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        return await case_page_response(request, user, case_id, 422, step="aid",
                                        values=_values(form), errors=exc.fields,
                                        api_error=exc)  # fmt: skip
    return redirect(f"/disputes/cases/{case_id}", "法律援助已登记")


@router.post("/disputes/cases/{case_id}/legal-aid/{aid_id}/conclusion")
async def conclude_aid(
    request: Request, case_id: UUID, aid_id: UUID, form: Form, user: Mediator
) -> Response:
    """援助结案: the outcome and the amount obtained for the worker (typed in yuan)."""
    fen = labels.fen_of(str(form.get("amount_yuan", "")))
    body = {"outcome": str(form.get("outcome") or "") or None,
            "concluded_on": str(form.get("concluded_on") or "") or None,
            "amount_fen": fen if fen is not None else -1}  # fmt: skip
    try:
        await disputes_api(request, user).post(f"/api/v1/legal-aid/{aid_id}/conclusion", body,
                                               key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        errors = {("amount_yuan" if k == "amount_fen" else k): v for k, v in exc.fields.items()}
        if fen is None:
            errors["amount_yuan"] = "请填写金额（元，最多两位小数）"
        return await case_page_response(request, user, case_id, 422, step=f"aid-{aid_id}",
                                        values=_values(form), errors=errors,
                                        api_error=exc)  # fmt: skip
    return redirect(f"/disputes/cases/{case_id}", "法律援助已结案")
