"""Applying membership events to the replica tables, newest aggregate version only.

Each statement writes only when the event's aggregate version is newer than the row's, and
returns whether it did: an older event (a late re-publication) changes nothing, so the rules
that follow a replica change run at most once per change.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from shared.adapters import Connection
from shared.adapters.listing import in_subtree
from shared.contracts import membership as contracts

from assistance.domain.replica import MemberStatus


class ParentNotReplicated(Exception):
    """A union's parent is not in the replica yet: retry later, it is further on the stream."""


async def union_founded(conn: Connection, e: contracts.UnionFounded, version: int) -> bool:
    parent_path = "/"
    if e.parent_id is not None:
        found = await conn.fetchval("SELECT path FROM org_replica WHERE id = $1", e.parent_id)
        if found is None:
            raise ParentNotReplicated(f"parent {e.parent_id} of {e.org_id} not replicated yet")
        parent_path = str(found)
    written = await conn.fetchval(
        "INSERT INTO org_replica (id, parent_id, kind, name, path, version)"
        " VALUES ($1, $2, $3, $4, $5, $6)"
        " ON CONFLICT (id) DO UPDATE SET parent_id = EXCLUDED.parent_id, kind = EXCLUDED.kind,"
        " name = EXCLUDED.name, version = EXCLUDED.version, updated_at = now()"
        " WHERE org_replica.version < EXCLUDED.version RETURNING 1",
        e.org_id,
        e.parent_id,
        e.kind,
        e.name,
        f"{parent_path}{e.org_id}/",
        version,
    )
    return written is not None


async def union_renamed(conn: Connection, e: contracts.UnionRenamed, version: int) -> bool:
    return await _update_org(conn, e.org_id, version, "name = $3", e.name)


async def union_dissolved(conn: Connection, e: contracts.UnionDissolved, version: int) -> bool:
    return await _update_org(conn, e.org_id, version, "dissolved = true")


async def union_moved(conn: Connection, e: contracts.UnionMoved, version: int) -> bool:
    old_path = await conn.fetchval("SELECT path FROM org_replica WHERE id = $1", e.org_id)
    new_parent = await conn.fetchval("SELECT path FROM org_replica WHERE id = $1", e.new_parent_id)
    if old_path is None or new_parent is None:
        raise ParentNotReplicated(f"{e.org_id} or its new parent not replicated yet")
    if not await _update_org(conn, e.org_id, version, "parent_id = $3", e.new_parent_id):
        return False
    # The whole subtree moves with it: every path under the old one gets the new prefix.
    await conn.execute(
        "UPDATE org_replica SET path = $2 || substr(path, length($1) + 1), updated_at = now()"
        f" WHERE {in_subtree('path')}",
        str(old_path),
        f"{new_parent}{e.org_id}/",
    )
    return True


async def member_joined(conn: Connection, e: contracts.MemberAdmitted, version: int) -> bool:
    return await _upsert_member(
        conn, e.member_id, e.org_id, e.employer_id, MemberStatus.ACTIVE, e.occurred_on, version
    )


async def member_transferred(
    conn: Connection, e: contracts.MemberTransferred, version: int
) -> bool:
    return await _upsert_member(
        conn, e.member_id, e.to_union_id, e.employer_id, MemberStatus.ACTIVE, e.occurred_on, version
    )


async def member_status(
    conn: Connection, member_id: UUID, org_id: UUID, status: MemberStatus, on: date, version: int
) -> bool:
    """Retained, reinstated or left: the status changes, the employer stays as known."""
    return await _upsert_member(
        conn, member_id, org_id, None, status, on, version, keep_employer=True
    )


async def _update_org(
    conn: Connection, org_id: UUID, version: int, sets: str, *args: object
) -> bool:
    written = await conn.fetchval(
        f"UPDATE org_replica SET {sets}, version = $2, updated_at = now()"
        " WHERE id = $1 AND version < $2 RETURNING 1",
        org_id,
        version,
        *args,
    )
    return written is not None


async def _upsert_member(
    conn: Connection,
    member_id: UUID,
    org_id: UUID,
    employer_id: UUID | None,
    status: MemberStatus,
    on: date,
    version: int,
    *,
    keep_employer: bool = False,
) -> bool:
    employer = (
        "COALESCE(member_replica.employer_id, EXCLUDED.employer_id)"
        if keep_employer
        else "EXCLUDED.employer_id"
    )
    written = await conn.fetchval(
        "INSERT INTO member_replica (member_id, org_id, employer_id, status, updated_on, version)"
        " VALUES ($1, $2, $3, $4, $5, $6)"
        " ON CONFLICT (member_id) DO UPDATE SET org_id = EXCLUDED.org_id,"
        f" employer_id = {employer}, status = EXCLUDED.status,"
        " updated_on = EXCLUDED.updated_on, version = EXCLUDED.version"
        " WHERE member_replica.version < EXCLUDED.version RETURNING 1",
        member_id,
        org_id,
        employer_id,
        status,
        on,
        version,
    )
    return written is not None
