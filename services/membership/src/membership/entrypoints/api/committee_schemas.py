"""Request and response bodies of the committee routes (工会委员会)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from pydantic import Field
from shared.http.fields import ApiModel, BusinessDate
from shared.identifiers import Sex

from membership.domain import CommitteeMember, CommitteeRole
from membership.entrypoints.api.schemas import Body


class CommitteeMemberIn(Body):
    name: str = Field(min_length=1, max_length=50, description="姓名")
    role: CommitteeRole = Field(
        description="职务: 主席 chair, 副主席 vice_chair, 委员 member, 经费审查委员 audit, "
        "女职工委员 women"
    )
    sex: Sex | None = Field(default=None, description="性别 male / female（可不填）")
    full_time: bool | None = Field(default=None, description="是否专职（可不填）")

    def to_domain(self) -> CommitteeMember:
        """The member as the domain takes it."""
        return CommitteeMember(
            name=self.name, role=self.role, sex=self.sex, full_time=self.full_time
        )


class ElectCommitteeIn(Body):
    elected_on: BusinessDate = Field(description="选举日期（可为过去的日期，不能晚于今天）")
    term_start: BusinessDate = Field(description="任期开始日")
    term_end: BusinessDate = Field(description="任期届满日（含）")
    members: list[CommitteeMemberIn] = Field(
        min_length=1, max_length=100, description="委员名单，须有且仅有一名主席"
    )


class CommitteeMemberOut(ApiModel):
    name: str
    role: str
    sex: str | None
    full_time: bool | None


class CommitteeOut(ApiModel):
    id: UUID
    org_id: UUID
    elected_on: date
    term_start: date
    term_end: date
    size: int = Field(description="委员人数")
    members: list[CommitteeMemberOut]


class CommitteesOut(ApiModel):
    items: list[CommitteeOut] = Field(description="历届委员会，任期开始日从近到远")
