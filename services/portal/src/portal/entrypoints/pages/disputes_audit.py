"""案件审计 (admins and auditors): the history chains of the scope verified on request, and the
reads of the scope's cases filtered by reader and period, from the disputes API's audit routes.

Readers are typed as workbench usernames and sent as the account id the tokens carry; the
period is Beijing days, sent as instants (the end day included).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response
from shared.identifiers import CHINA_TZ

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError
from portal.entrypoints.pages.case_oversight import (
    LOG_PAGE_SIZE,
    Auditor,
    china_time,
    read_action,
)
from portal.entrypoints.pages.disputes import disputes_api
from portal.entrypoints.session import container_of
from portal.entrypoints.web import ROLE_NAMES, render

router = APIRouter(include_in_schema=False)
FILTERS = ("reader", "since", "until")


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def period(values: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The API's since/until instants for the typed days, and an error per unreadable day."""
    query: dict[str, str] = {}
    errors: dict[str, str] = {}
    for name, days_after in (("since", 0), ("until", 1)):  # the end day is included
        if not values.get(name):
            continue
        day = _day(values[name])
        if day is None:
            errors[name] = "请填写日期（年-月-日）"
            continue
        start = datetime.combine(day + timedelta(days=days_after), time(), CHINA_TZ)
        query[name] = start.isoformat()
    if not errors and values.get("since") and values.get("until") and values["until"] < values["since"]:  # fmt: skip
        errors["until"] = "结束日期不能早于开始日期"
    return query, errors


async def _reader_subject(request: Request, username: str) -> str | None:
    account = await container_of(request).accounts.by_username(username)
    return str(account.id) if account else None


async def _log(request: Request, user: Account, values: dict[str, str],
               offset: int) -> tuple[dict[str, Any] | None, dict[str, str]]:  # fmt: skip
    """A page of the scope's reads for the filters, or the errors beside the filters."""
    query, errors = period(values)
    if values.get("reader"):
        subject = await _reader_subject(request, values["reader"])
        if subject is None:
            errors["reader"] = "没有这个工作台账号（请填写用户名）"
        else:
            query["subject"] = subject
    if errors:
        return None, errors
    log = await disputes_api(request, user).get("/api/v1/access-log", limit=LOG_PAGE_SIZE,
                                                offset=max(offset, 0), **query)  # fmt: skip
    return log, {}


@router.get("/disputes/audit")
async def audit_page(request: Request, user: Auditor, reader: str = "", since: str = "",
                     until: str = "", verify: bool = False, offset: int = 0) -> Response:  # fmt: skip
    """案件审计: chain verification (when asked) and the scope's access log."""
    values = {"reader": reader.strip(), "since": since, "until": until}
    api = disputes_api(request, user)
    try:
        checked = await api.get("/api/v1/audit/history-verification") if verify else None
        log, errors = await _log(request, user, values, offset)
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    readers = {}
    if log:
        readers = await container_of(request).accounts.names_of(
            sorted({row["subject"] for row in log["items"]})
        )
    query = urlencode({k: v for k, v in values.items() if v})
    return render(request, "disputes/audit.html", 422 if errors else 200, checked=checked,
                  log=log, readers=readers, roles=ROLE_NAMES, read_action=read_action,
                  china_time=china_time, size=LOG_PAGE_SIZE, values=values, errors=errors,
                  query=f"{query}&" if query else "")  # fmt: skip
