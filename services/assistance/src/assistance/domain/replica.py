"""What assistance knows of organisations and members: a replica built from membership events.

Assistance never reads membership's database. Its consumer keeps these facts current; the
service layer reads them to check scope, to find a head's union and employer, and to refuse a
head who is not an active member.
"""

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
    def is_active(self) -> bool:
        """Whether the membership is active (not retained, not ended)."""
        return self.status == MemberStatus.ACTIVE

    @property
    def has_left(self) -> bool:
        """Whether the membership ended (退会/除名); a retained member has not left."""
        return self.status == MemberStatus.LEFT
