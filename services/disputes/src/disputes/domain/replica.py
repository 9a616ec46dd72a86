"""What disputes knows of organisations, employers and members: a replica built from
membership's events (it never reads membership's database)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class ReplicaOrganisation:
    """One union organisation as last published by membership."""

    id: UUID
    parent_id: UUID | None
    kind: str
    name: str
    dissolved: bool


@dataclass(frozen=True)
class ReplicaEmployer:
    """One employer of membership's census: its registration code, territory and name (None
    when membership did not publish it)."""

    id: UUID
    org_id: UUID
    uscc: str
    name: str | None = None


@dataclass(frozen=True)
class ReplicaMember:
    """One membership as last published: its grassroots union, employer and status."""

    member_id: UUID
    org_id: UUID
    employer_id: UUID | None
    status: str
