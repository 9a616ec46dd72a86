"""What training knows of organisations, employers and members: a replica built from
membership's events (training never reads membership's database)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID


class MemberStatus(StrEnum):
    ACTIVE = "active"
    RETAINED = "retained"  # 保留会籍
    LEFT = "left"  # 退会/除名


@dataclass(frozen=True)
class ReplicaOrganisation:
    """One union organisation as last published by membership."""

    id: UUID
    parent_id: UUID | None
    kind: str
    name: str
    dissolved: bool


@dataclass(frozen=True)
class ReplicaMember:
    """One membership as last published: its grassroots union, employer and status."""

    member_id: UUID
    org_id: UUID
    employer_id: UUID | None
    status: MemberStatus

    @property
    def has_left(self) -> bool:
        """Whether the membership ended (退会/除名)."""
        return self.status == MemberStatus.LEFT


@dataclass(frozen=True)
class ReplicaEmployer:
    """One employer of the census as registered with membership."""

    employer_id: UUID
    org_id: UUID
    uscc: str
    industry: str
