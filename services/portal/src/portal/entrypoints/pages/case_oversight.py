"""转仲裁材料 and 查阅记录 of a case: the arbitration package of a referred case (mediators,
admins and auditors, as the disputes API allows) and who read the case when (admins and
auditors only). Both show what the disputes API gives and nothing more."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response
from shared.identifiers import CHINA_TZ

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError
from portal.entrypoints import labels
from portal.entrypoints.pages.disputes import Reader, disputes_api
from portal.entrypoints.session import container_of, require
from portal.entrypoints.web import DISPUTES_AUDITORS, ROLE_NAMES, render

router = APIRouter(include_in_schema=False)
Auditor = Annotated[Account, require(*DISPUTES_AUDITORS)]
LOG_PAGE_SIZE = 50
READ_ACTIONS = {
    "detail": "查看案件",
    "list": "案件列表",
    "history": "查看办理记录",
    "agreement_pdf": "调解协议书",
    "referral_package": "转仲裁材料",
    "referral_summary": "转仲裁材料（摘要）",
    "evidence": "上传证据",
    "evidence_file": "下载证据文件",
    "received": "案件登记",
    "accept": "受理",
    "decline": "不予受理",
    "assign": "指派调解员",
    "schedule": "安排调解",
    "record": "调解笔录",
    "extend": "延期",
    "settle": "调解成功",
    "fail": "调解不成",
    "transfer": "移交",
    "refer": "转出",
    "award": "仲裁结果",
    "recovery": "追回金额",
    "withdraw": "撤回",
    "close": "办结",
}
"""How the service names each kind of read; a step taken reads the case too (its answer)."""
YES_NO = {True: "是", False: "否", None: "不详"}


def read_action(action: str) -> str:
    """A log row's action in Chinese; ``:reveal`` reads showed the full personal data."""
    name, _, revealed = action.partition(":")
    shown = READ_ACTIONS.get(name, name)
    return f"{shown}（显示完整信息）" if revealed else shown


def china_time(stamp: str) -> str:
    """A logged instant as Beijing time to the second (the service answers in UTC)."""
    return datetime.fromisoformat(stamp).astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M:%S")


@router.get("/disputes/cases/{case_id}/package")
async def package_page(request: Request, case_id: UUID, user: Reader) -> Response:
    """转仲裁材料: summary, claims and facts, the application's data items, evidence by hash."""
    try:
        package = await disputes_api(request, user).get(f"/api/v1/cases/{case_id}/referral-package")
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    return render(request, "disputes/package.html", p=package, labels=labels, yes_no=YES_NO)


@router.get("/disputes/cases/{case_id}/access-log")
async def access_log_page(request: Request, case_id: UUID, user: Auditor,
                          offset: int = 0) -> Response:  # fmt: skip
    """查阅记录: each read of the case, newest first, the reader named when an account."""
    api = disputes_api(request, user)
    offset = max(offset, 0)
    try:
        page = await api.get("/api/v1/access-log", case_id=str(case_id),
                             limit=LOG_PAGE_SIZE, offset=offset)  # fmt: skip
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    subjects = sorted({row["subject"] for row in page["items"]})
    readers = await container_of(request).accounts.names_of(subjects)
    return render(request, "disputes/access_log.html", case_id=case_id, log=page,
                  readers=readers, roles=ROLE_NAMES, read_action=read_action, china_time=china_time,
                  size=LOG_PAGE_SIZE)  # fmt: skip
