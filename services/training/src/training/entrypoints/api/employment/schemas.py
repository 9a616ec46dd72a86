"""Request and response bodies of employment services."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

import asyncpg
from pydantic import ConfigDict, Field
from shared.http.fields import ApiModel, BusinessDate, Count
from shared.pii import PiiCipher

from training.domain.codes import PlacementChannel, SeekerStatus
from training.entrypoints.api.people import PersonIn, PersonOut, person_out


class SeekerIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    org_id: UUID = Field(description="登记的工会")
    person: PersonIn
    status: SeekerStatus = Field(description="下岗失业、农民工、高校毕业生、困难职工、其他")
    wanted_occupation: str = Field(
        min_length=1, max_length=200, description="求职意向（职业/工种）"
    )
    registered_on: BusinessDate | None = Field(
        default=None, description="登记日期（默认今天；补录纸质登记表时为其日期）"
    )


class SeekerOut(ApiModel):
    id: UUID
    org_id: UUID
    person: PersonOut
    status: str
    wanted_occupation: str
    registered_on: date
    placed: bool = Field(description="是否已实现就业")


def seeker_out(row: asyncpg.Record, cipher: PiiCipher, *, reveal: bool) -> SeekerOut:
    fields: dict[str, Any] = {k: row[k] for k in SeekerOut.model_fields if k != "person"}
    return SeekerOut(**fields, person=person_out(row, cipher, reveal=reveal))


class PostingIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    org_id: UUID = Field(description="发布的工会")
    employer_id: UUID | None = Field(default=None, description="用人单位（在册单位时）")
    employer_name: str = Field(min_length=1, max_length=200, description="用人单位名称")
    title: str = Field(min_length=1, max_length=200, description="岗位名称")
    occupation: str = Field(min_length=1, max_length=200, description="职业（工种）")
    positions: int = Field(ge=1, le=100_000, description="招聘人数")


class PostingOut(ApiModel):
    id: UUID
    org_id: UUID
    employer_id: UUID | None
    employer_name: str
    title: str
    occupation: str
    positions: int
    published_on: date


class FairIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    org_id: UUID = Field(description="主办工会")
    title: str = Field(min_length=1, max_length=200, description="招聘会名称")
    venue: str = Field(min_length=1, max_length=200, description="地点")
    held_on: BusinessDate = Field(description="举办日期")


class FairEmployerIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    employer_id: UUID | None = Field(default=None, description="在册单位 id（如有）")
    employer_name: str = Field(min_length=1, max_length=200, description="单位名称")
    positions: Count = Field(description="提供岗位数")


class FairSeekerIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    seeker_id: UUID = Field(description="已求职登记的求职者")


class FairCountIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    seekers_counted: int = Field(
        ge=0, le=1_000_000, description="到场求职人数（入口计数，含已登记参会的求职者）"
    )


class FairEmployerOut(ApiModel):
    employer_id: UUID | None
    employer_name: str
    positions: int


class FairOut(ApiModel):
    id: UUID
    org_id: UUID
    title: str
    venue: str
    held_on: date
    employers: list[FairEmployerOut]
    employers_attending: int = Field(description="参会单位数")
    positions_offered: int = Field(description="提供岗位数")
    registered_seekers: int = Field(description="已登记参会求职者（逐人）")
    seekers_counted: int = Field(description="入口计数（含已登记者）")
    walk_in_seekers: int = Field(description="未登记的到场求职者 = 入口计数超出已登记者的部分")
    seekers_attending: int = Field(description="求职人数 = 已登记 + 未登记，不重复计算")


def fair_out(row: asyncpg.Record) -> FairOut:
    employers = [FairEmployerOut(**e) for e in row["employers"]]
    registered, counted = row["registered_seekers"], row["seekers_counted"]
    walk_ins = max(0, counted - registered)
    return FairOut(
        id=row["id"], org_id=row["org_id"], title=row["title"], venue=row["venue"],
        held_on=row["held_on"], employers=employers, employers_attending=len(employers),
        positions_offered=sum(e.positions for e in employers), registered_seekers=registered,
        seekers_counted=counted, walk_in_seekers=walk_ins, seekers_attending=registered + walk_ins,
    )  # fmt: skip


class PlacementIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    seeker_id: UUID
    employer_id: UUID | None = Field(default=None, description="在册单位 id（如有）")
    employer_name: str = Field(min_length=1, max_length=200, description="用人单位名称")
    placed_on: BusinessDate = Field(description="就业日期")
    channel: PlacementChannel = Field(description="fair 招聘会, posting 招聘信息, other 其他途径")
    fair_id: UUID | None = None
    posting_id: UUID | None = None


class FollowUpIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    months: Literal[3, 6] = Field(description="回访时点：3 或 6（个月）")
    still_employed: bool = Field(description="是否仍在岗")


class PlacementOut(ApiModel):
    id: UUID
    seeker_id: UUID
    org_id: UUID
    person_id: UUID
    member_id: UUID | None
    employer_id: UUID | None
    employer_name: str
    channel: str
    fair_id: UUID | None
    posting_id: UUID | None
    reemployment: bool = Field(description="再就业（下岗失业人员）")
    placed_on: date
    follow_up_3: bool | None = Field(description="3个月回访：仍在岗")
    follow_up_6: bool | None = Field(description="6个月回访：仍在岗")
    entered_by: str | None = Field(description="录入人（令牌主体；迁移前的记录为空）")
    entered_at: datetime | None = Field(
        description="录入时间（补录的就业晚于就业日期；迁移前的记录为空）"
    )
