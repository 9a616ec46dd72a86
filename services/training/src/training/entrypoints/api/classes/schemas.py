"""Request and response bodies of classes, enrolments, attendance and certificates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

import asyncpg
from pydantic import ConfigDict, Field
from shared.http.fields import ApiModel, BusinessDate
from shared.pii import PiiCipher

from training.domain.classes.certificate_number import display
from training.domain.codes import ClassKind, Mark, RevocationReason, TargetGroup, WithdrawalReason
from training.entrypoints.api.people import PersonIn, PersonOut, person_out


class ClassIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    org_id: UUID = Field(description="主办工会")
    title: str = Field(min_length=1, max_length=200, description="班名（如 电工上岗证培训第3期）")
    kind: ClassKind = Field(
        description="类别: 技能、岗前、再就业、安全、法律、工会干部、女职工、其他"
    )
    provider: str = Field(min_length=1, max_length=200, description="承办机构")
    venue: str = Field(min_length=1, max_length=200, description="培训地点")
    starts_on: BusinessDate
    ends_on: BusinessDate
    sessions_planned: int = Field(ge=1, le=500, description="课次")
    capacity: int = Field(ge=1, le=10_000, description="名额")
    target_groups: list[TargetGroup] = Field(min_length=1, max_length=6, description="培训对象")
    min_attendance_percent: int = Field(default=80, ge=0, le=100, description="结业出勤率要求（%）")
    assessment_required: bool = Field(default=False, description="结业须考核合格")


class ClassOut(ApiModel):
    id: UUID
    org_id: UUID
    title: str
    kind: str
    provider: str
    venue: str
    starts_on: date
    ends_on: date
    sessions_planned: int
    capacity: int
    target_groups: list[str]
    min_attendance_percent: int
    assessment_required: bool
    status: str = Field(description="open 报名/上课中, finished 已结业, cancelled 已取消")
    seats_taken: int = Field(description="在班人数")
    waitlisted: int = Field(description="候补人数")
    version: int


def class_out(row: asyncpg.Record) -> ClassOut:
    return ClassOut(**{k: row[k] for k in ClassOut.model_fields})


class EnrolIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    person: PersonIn
    enrolled_on: BusinessDate | None = Field(default=None, description="报名日期（默认今天）")


class CompleteIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    completed_on: BusinessDate | None = Field(default=None, description="结业日期（默认今天）")


class WithdrawIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    reason: WithdrawalReason = Field(default=WithdrawalReason.PERSONAL, description="退班原因")


class AssessmentIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    passed: bool = Field(description="考核是否合格")


class EnrolmentOut(ApiModel):
    id: UUID
    class_id: UUID
    org_id: UUID
    person: PersonOut
    status: str = Field(
        description="enrolled 在班, waitlisted 候补, withdrawn 退班, completed 结业, not_completed 未结业"
    )
    enrolled_on: date
    assessment_passed: bool | None
    sessions_attended: int
    closed_on: date | None
    entered_by: str | None = Field(description="录入人（令牌主体；迁移前的记录为空）")
    entered_at: datetime = Field(description="录入时间（补录的报名晚于报名日期）")


def enrolment_out(row: asyncpg.Record, cipher: PiiCipher, *, reveal: bool) -> EnrolmentOut:
    fields: dict[str, Any] = {k: row[k] for k in EnrolmentOut.model_fields if k != "person"}
    return EnrolmentOut(**fields, person=person_out(row, cipher, reveal=reveal))


class MarkIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    enrolment_id: UUID
    mark: Mark = Field(description="present 出勤, absent 缺勤, late 迟到, excused 请假")


class AttendanceIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    marks: list[MarkIn] = Field(min_length=1, max_length=10_000, description="逐人考勤（可一人）")
    taken_on: BusinessDate | None = Field(default=None, description="上课（考勤）日期（默认今天）")


class SessionOut(ApiModel):
    class_id: UUID
    session_no: int
    present: int
    late: int
    excused: int
    absent: int
    marks: list[MarkIn]


class CompletionOut(ApiModel):
    class_id: UUID
    status: str
    completed: int = Field(description="结业人数")
    not_completed: int = Field(description="未结业人数")
    certificates: int = Field(description="发证数")


class RevokeIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    reason: RevocationReason = Field(description="issued_in_error 误发, fraud 舞弊, other 其他")


class CertificateOut(ApiModel):
    id: UUID
    number: str = Field(description="证书编号")
    org_id: UUID
    org_name: str
    class_id: UUID
    class_title: str
    enrolment_id: UUID
    person: PersonOut
    issued_on: date
    status: str = Field(description="valid 有效, revoked 已撤销")
    revoked_on: date | None
    revocation_reason: str | None


def certificate_out(row: asyncpg.Record, cipher: PiiCipher, *, reveal: bool) -> CertificateOut:
    skip = {"person", "number"}
    fields: dict[str, Any] = {k: row[k] for k in CertificateOut.model_fields if k not in skip}
    person = person_out(row, cipher, reveal=reveal)
    return CertificateOut(**fields, number=display(row["number"]), person=person)


class VerificationOut(ApiModel):
    """What anyone may learn from a certificate number: genuine or not, and what it certifies."""

    number: str = Field(description="查询的编号")
    genuine: bool = Field(description="编号是否为本平台签发的证书")
    status: str | None = Field(description="valid 有效, revoked 已撤销; 编号不存在时为空")
    message: str = Field(description="查询结果说明")
    holder: str | None = Field(default=None, description="持证人（遮蔽姓名）")
    class_title: str | None = None
    class_kind: str | None = None
    organiser: str | None = Field(default=None, description="主办工会")
    starts_on: date | None = None
    ends_on: date | None = None
    issued_on: date | None = None
    revoked_on: date | None = None
