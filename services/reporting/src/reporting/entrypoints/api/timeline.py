"""``/api/v1/members/{member_id}/timeline``: every event about one member, in order.

Open to city administrators, union cadres, assistance officers, mediators, training
coordinators and auditors. Analysts are left out on purpose: they read aggregates only, and a
timeline is one person's story even under a pseudonym. Each entry is shown only to the roles
entitled to its area, and for everyone else it does not exist, not even to decide whether the
member is in scope: membership entries to administrators, cadres, assistance officers,
mediators and auditors; hardship assistance entries (files, applications, payments, visits,
mutual insurance) to administrators, assistance officers and auditors; dispute steps (cases
registered, accepted, settled, failed, referred, closed) to administrators, mediators and
auditors; training and employment entries (seats, completions, certificates, competitions,
job seeking, placements and their follow-ups) to administrators, cadres (whose members they
are), training coordinators and auditors — personal, though less sensitive than hardship data, so not to
assistance officers, and not logged as hardship reads.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends
from pydantic import Field
from shared.auth import Principal, Role, require_roles
from shared.http.fields import ApiModel
from shared.http.problems import ProblemDetails, not_found
from shared.outbox.writer import Connection as Conn
from shared.telemetry import current_trace_id

from reporting.adapters.queries import hardship_reads, statistics, timeline
from reporting.adapters.queries.timeline import (
    ASSISTANCE_EVENT_PREFIX,
    TRAINING_EVENT_PREFIX,
    TimelineEntry,
)
from reporting.entrypoints.api.dispute_timeline import (
    DISPUTE_LABELS,
    DISPUTE_ROLES,
    DISPUTES_EVENT_PREFIX,
    dispute_label,
)
from reporting.entrypoints.api.statistics import ContainerDep
from reporting.entrypoints.api.training_timeline import TRAINING_LABELS, training_label

router = APIRouter(prefix="/api/v1/members", tags=["members"])
MEMBERSHIP_ROLES = (
    Role.CITY_ADMIN, Role.UNION_CADRE, Role.ASSISTANCE_OFFICER, Role.MEDIATOR, Role.AUDITOR,
)  # fmt: skip
"""Who sees the membership entries of a timeline."""
HARDSHIP_ROLES = (Role.CITY_ADMIN, Role.ASSISTANCE_OFFICER, Role.AUDITOR)
"""Who sees the assistance entries of a timeline."""
TRAINING_ROLES = (Role.CITY_ADMIN, Role.UNION_CADRE, Role.TRAINING_COORDINATOR, Role.AUDITOR)
"""Who sees the training and employment entries of a timeline."""
READ_ROLES = tuple(
    dict.fromkeys((*MEMBERSHIP_ROLES, *HARDSHIP_ROLES, *DISPUTE_ROLES, *TRAINING_ROLES))
)
Reader = Annotated[Principal, Depends(require_roles(*READ_ROLES))]
_ERRORS: dict[int | str, dict[str, object]] = {
    status: {"model": ProblemDetails} for status in (401, 403, 404, 422)
}

_LABELS = {
    "membership.member.admitted": "入会",
    "membership.member.transferred": "会籍转入/转出",
    "membership.member.retained": "保留会籍",
    "membership.member.reinstated": "恢复会籍",
    "membership.member.left": "退会/除名",
    "assistance.household.filed": "困难职工建档",
    "assistance.household.formalised": "临时档案转正式档案",
    "assistance.household.reverified": "年度复核",
    "assistance.household.relocated": "档案转移",
    "assistance.household.flagged": "档案待复核",
    "assistance.household.exited": "解困脱困",
    "assistance.household.cancelled": "档案注销",
    "assistance.application.submitted": "帮扶申请",
    "assistance.application.approved": "帮扶申请审批通过",
    "assistance.application.rejected": "帮扶申请未通过",
    "assistance.aid.paid": "帮扶资金发放",
    "assistance.visit.recorded": "走访慰问",
    "assistance.insurance.enrolled": "互助保障参保",
    "assistance.insurance.claim_paid": "互助保障报销",
    **DISPUTE_LABELS,
    **TRAINING_LABELS,
}
_LEAVING_LABELS = {"voluntary": "退会", "expelled": "除名"}


class TimelineEntryView(ApiModel):
    event_id: UUID
    event_type: str = Field(description="事件类型，如 membership.member.admitted")
    label: str = Field(
        description="事件名称：入会、会籍转入/转出、保留会籍、恢复会籍、退会、除名；"
        "有权查看帮扶数据的角色另见建档、帮扶资金发放、走访慰问等；"
        "有权查看劳动争议数据的角色另见劳动争议登记、受理、调解成功、转仲裁、办结等；"
        "有权查看培训数据的角色另见报名入班、培训结业、取得证书、实现（再）就业、"
        "就业回访（3个月）：在岗等"
    )
    occurred_on: date = Field(description="业务发生日")
    recorded_at: datetime = Field(description="事件记录时间")
    org_id: UUID = Field(description="事件所属组织（会籍转移、档案转移时为转入组织）")
    from_org_id: UUID | None = Field(description="会籍转移、档案转移时的转出组织，其他事件为空")
    details: dict[str, Any] = Field(description="事件内容（不含个人身份信息）")

    @classmethod
    def of(cls, entry: TimelineEntry) -> TimelineEntryView:
        from_union = entry.summary.get("from_union_id") or entry.summary.get("from_org_id")
        return cls(
            event_id=entry.event_id,
            event_type=entry.event_type,
            label=label(entry),
            occurred_on=entry.occurred_on,
            recorded_at=entry.recorded_at,
            org_id=entry.org_id,
            from_org_id=UUID(str(from_union)) if from_union else None,
            details=entry.summary,
        )


class MemberTimelineView(ApiModel):
    member_id: UUID = Field(description="会员的假名标识")
    entries: list[TimelineEntryView] = Field(description="按业务发生日、再按记录先后排列")


def label(entry: TimelineEntry) -> str:
    """The Chinese name of the event; a leaving says whether it was 退会 or 除名."""
    if entry.event_type == "membership.member.left":
        reason = str(entry.summary.get("reason"))
        return _LEAVING_LABELS.get(reason, _LABELS[entry.event_type])
    found = dispute_label(entry) or training_label(entry)
    return found or _LABELS.get(entry.event_type, entry.event_type)


@router.get("/{member_id}/timeline", summary="会员事件时间线", responses=_ERRORS)
async def member_timeline(
    member_id: UUID, principal: Reader, container: ContainerDep
) -> MemberTimelineView:
    """会员的全部事件，按业务发生日排列；帮扶事件仅对帮扶干事、审计和市总管理员显示，劳动争议事件仅对调解员、审计和市总管理员显示，培训就业事件仅对市总管理员、工会干部、培训专干和审计显示。"""
    async with container.pool.acquire() as conn:
        entries = visible_entries(principal, await timeline.member_timeline(conn, member_id))
        await _ensure_visible(conn, principal, entries)
        await _log_hardship_read(conn, principal, member_id, entries)
    return MemberTimelineView(
        member_id=member_id, entries=[TimelineEntryView.of(entry) for entry in entries]
    )


async def _log_hardship_read(
    conn: Conn, principal: Principal, member_id: UUID, entries: list[TimelineEntry]
) -> None:
    """Hardship entries shown are a read of hardship data: logged, as assistance logs its files."""
    shown = sum(1 for e in entries if e.event_type.startswith(ASSISTANCE_EVENT_PREFIX))
    if shown:
        await hardship_reads.record(
            conn, subject=principal.subject, roles=sorted(principal.roles), member_id=member_id,
            entries=shown, trace_id=current_trace_id(),
        )  # fmt: skip


def visible_entries(principal: Principal, entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """The entries ``principal`` may see: each only for the roles entitled to its area."""
    return [e for e in entries if principal.has_any(*entitled_roles(e.event_type))]


def entitled_roles(event_type: str) -> tuple[Role, ...]:
    """The roles that see a timeline entry of ``event_type``."""
    if event_type.startswith(ASSISTANCE_EVENT_PREFIX):
        return HARDSHIP_ROLES
    if event_type.startswith(DISPUTES_EVENT_PREFIX):
        return DISPUTE_ROLES
    if event_type.startswith(TRAINING_EVENT_PREFIX):
        return TRAINING_ROLES
    return MEMBERSHIP_ROLES


async def _ensure_visible(conn: Conn, principal: Principal, entries: list[TimelineEntry]) -> None:
    """404 for an unknown member and, not to reveal one exists, for one out of scope.

    In scope: some entry's organisation lay in the caller's subtree on that entry's date.
    """
    if not entries:
        raise not_found("会员")
    if principal.org_id is None:
        return
    root = UUID(principal.org_id)
    for org_id, on in dict.fromkeys((entry.org_id, entry.occurred_on) for entry in entries):
        if await statistics.within_subtree(conn, root, org_id, on, on):
            return
    raise not_found("会员")
