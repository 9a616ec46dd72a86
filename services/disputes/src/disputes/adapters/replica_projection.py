"""Applying membership events to the replica tables, right in any delivery order.

Two relays or two consumers may deliver an aggregate's events out of order. Each field keeps
the version that last wrote it (``name_version``, ``parent_version``, ``employer_version``, and
``version`` for a member's union and status), so a late older event sets what no newer event
has set and never undoes a newer one. A change to an organisation not replicated yet waits
(retried) for its founding. Each statement returns whether the event's own change took effect,
so the rules that follow a replica change run once, for the newest state only.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from shared.adapters import Connection
from shared.adapters.listing import in_subtree
from shared.contracts import membership as contracts


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
        "INSERT INTO org_replica (id, parent_id, kind, name, path, version, name_version,"
        " parent_version) VALUES ($1, $2, $3, $4, $5, $6, $6, $6)"
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
    sets = "name = $3, name_version = $2"
    return await _update_org(conn, e.org_id, version, sets, "name_version < $2", e.name)


async def union_dissolved(conn: Connection, e: contracts.UnionDissolved, version: int) -> bool:
    # A dissolution is final: whatever arrives after it (older or not) leaves it dissolved.
    return await _update_org(conn, e.org_id, version, "dissolved = true", "NOT dissolved")


async def union_moved(conn: Connection, e: contracts.UnionMoved, version: int) -> bool:
    old_path = await conn.fetchval("SELECT path FROM org_replica WHERE id = $1", e.org_id)
    new_parent = await conn.fetchval("SELECT path FROM org_replica WHERE id = $1", e.new_parent_id)
    if old_path is None or new_parent is None:
        raise ParentNotReplicated(f"{e.org_id} or its new parent not replicated yet")
    sets = "parent_id = $3, parent_version = $2"
    if not await _update_org(conn, e.org_id, version, sets, "parent_version < $2", e.new_parent_id):
        return False
    # The whole subtree moves with it: every path under the old one gets the new prefix.
    await conn.execute(
        "UPDATE org_replica SET path = $2 || substr(path, length($1) + 1), updated_at = now()"
        f" WHERE {in_subtree('path')}",
        str(old_path),
        f"{new_parent}{e.org_id}/",
    )
    return True


async def employer_registered(
    conn: Connection, e: contracts.EmployerRegistered, version: int
) -> bool:
    """An employer of the census: its registration code, name and territory (newest version
    wins)."""
    written = await conn.fetchval(
        "INSERT INTO employer_replica (id, org_id, uscc, name, version) VALUES ($1, $2, $3, $4, $5)"
        " ON CONFLICT (id) DO UPDATE SET org_id = EXCLUDED.org_id, uscc = EXCLUDED.uscc,"
        " name = EXCLUDED.name, version = EXCLUDED.version"
        " WHERE employer_replica.version < EXCLUDED.version RETURNING 1",
        e.employer_id,
        e.org_id,
        e.uscc,
        e.name,
        version,
    )
    return written is not None


async def member_joined(conn: Connection, e: contracts.MemberAdmitted, version: int) -> bool:
    return await _upsert_member(
        conn, e.member_id, e.org_id, e.employer_id, "active", e.occurred_on, version
    )


async def member_transferred(
    conn: Connection, e: contracts.MemberTransferred, version: int
) -> bool:
    return await _upsert_member(
        conn, e.member_id, e.to_union_id, e.employer_id, "active", e.occurred_on, version
    )


async def member_status(
    conn: Connection, member_id: UUID, org_id: UUID, status: str, on: date, version: int
) -> bool:
    """Retained, reinstated or left: the status changes, the employer stays as known."""
    return await _upsert_member(
        conn, member_id, org_id, None, status, on, version, keep_employer=True
    )


async def _update_org(
    conn: Connection, org_id: UUID, version: int, sets: str, newer: str, *args: object
) -> bool:
    """Write ``sets`` when ``newer`` holds; wait for the founding of an organisation unknown yet."""
    written = await conn.fetchval(
        f"UPDATE org_replica SET {sets}, version = GREATEST(version, $2), updated_at = now()"
        f" WHERE id = $1 AND {newer} RETURNING 1",
        org_id,
        version,
        *args,
    )
    if written is None and not await conn.fetchval(
        "SELECT EXISTS (SELECT 1 FROM org_replica WHERE id = $1)", org_id
    ):
        raise ParentNotReplicated(f"{org_id} not replicated yet: its founding comes first")
    return written is not None


async def _upsert_member(
    conn: Connection,
    member_id: UUID,
    org_id: UUID,
    employer_id: UUID | None,
    status: str,
    on: date,
    version: int,
    *,
    keep_employer: bool = False,
) -> bool:
    """Union and status from the newest version; the employer from the newest event naming
    one (an admission or a transfer). True when this event's union and status took effect."""
    applied: bool | None = await conn.fetchval(
        _UPSERT_MEMBER,
        member_id,
        org_id,
        None if keep_employer else employer_id,
        status,
        on,
        version,
        0 if keep_employer else version,
    )
    return bool(applied)


_NEWER = "member_replica.version < EXCLUDED.version"
_UPSERT_MEMBER = (
    "INSERT INTO member_replica"
    " (member_id, org_id, employer_id, status, updated_on, version, employer_version)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)"
    " ON CONFLICT (member_id) DO UPDATE SET"
    f" org_id = CASE WHEN {_NEWER} THEN EXCLUDED.org_id ELSE member_replica.org_id END,"
    f" status = CASE WHEN {_NEWER} THEN EXCLUDED.status ELSE member_replica.status END,"
    f" updated_on = CASE WHEN {_NEWER} THEN EXCLUDED.updated_on"
    " ELSE member_replica.updated_on END,"
    " employer_id = CASE WHEN member_replica.employer_version < EXCLUDED.employer_version"
    " THEN EXCLUDED.employer_id ELSE member_replica.employer_id END,"
    " employer_version = GREATEST(member_replica.employer_version, EXCLUDED.employer_version),"
    " version = GREATEST(member_replica.version, EXCLUDED.version)"
    f" WHERE {_NEWER} OR member_replica.employer_version < EXCLUDED.employer_version"
    " RETURNING version = $6"
)
