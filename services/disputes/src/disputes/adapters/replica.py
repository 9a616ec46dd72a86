"""Reading the organisation, employer and member replica (the port the handlers use)."""

from __future__ import annotations

from uuid import UUID

from shared.adapters import Connection

from disputes.domain.replica import ReplicaEmployer, ReplicaMember, ReplicaOrganisation
from disputes.service_layer.ports import Replica


class SqlReplica(Replica):
    """The replica tables, read on the unit's connection."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def organisation(self, org_id: UUID) -> ReplicaOrganisation | None:
        row = await self._conn.fetchrow(
            "SELECT id, parent_id, kind, name, dissolved FROM org_replica WHERE id = $1", org_id
        )
        return ReplicaOrganisation(**dict(row)) if row else None

    async def employer(self, employer_id: UUID) -> ReplicaEmployer | None:
        row = await self._conn.fetchrow(
            "SELECT id, org_id, uscc, name FROM employer_replica WHERE id = $1", employer_id
        )
        return ReplicaEmployer(**dict(row)) if row else None

    async def member(self, member_id: UUID) -> ReplicaMember | None:
        row = await self._conn.fetchrow(
            "SELECT member_id, org_id, employer_id, status FROM member_replica WHERE member_id = $1",
            member_id,
        )
        return ReplicaMember(**dict(row)) if row else None

    async def is_within(self, org_id: UUID, scope_root: UUID | None) -> bool:
        if scope_root is None:
            found = await self._conn.fetchval("SELECT 1 FROM org_replica WHERE id = $1", org_id)
            return found is not None
        found = await self._conn.fetchval(
            "SELECT 1 FROM org_replica WHERE id = $1 AND path LIKE '%/' || $2::text || '/%'",
            org_id,
            str(scope_root),
        )
        return found is not None
