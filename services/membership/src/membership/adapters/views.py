"""Read-side queries for the API: listings and details, always limited to a subtree.

``scope`` is a materialised-path prefix (``/`` for the whole tree); a row is visible when the
organisation it hangs on has a path starting with it.
"""

from __future__ import annotations

from uuid import UUID

import asyncpg
from shared.adapters import Connection
from shared.adapters.listing import Filters, Rows, in_subtree, page

MEMBER_COLUMNS = (
    "m.id, m.name, m.id_number_cipher, m.mobile_cipher, m.sex, m.birth_date, m.household_type, "
    "m.is_migrant_worker, m.employer_id, m.union_id, m.joined_on, m.card_number, m.status, "
    "m.status_since, m.union_since, m.retention_reason, m.leaving_reason, m.version"
)


async def list_members(
    conn: Connection,
    scope: str,
    *,
    union_id: UUID | None = None,
    employer_id: UUID | None = None,
    status: str | None = None,
    name: str | None = None,
    id_number_index: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Rows:
    """Members whose union lies in the subtree, with optional filters."""
    filters = Filters("o.path", scope)
    filters.add("m.union_id = {}", union_id)
    filters.add("m.employer_id = {}", employer_id)
    filters.add("m.status = {}", status)
    filters.add("m.name LIKE {} || '%'", name)
    filters.add("m.id_number_index = {}", id_number_index)
    return await page(
        conn,
        "members m JOIN organisations o ON o.id = m.union_id",
        filters,
        MEMBER_COLUMNS,
        "m.joined_on DESC, m.id",
        limit,
        offset,
    )


async def member(conn: Connection, scope: str, member_id: UUID) -> asyncpg.Record | None:
    """One member, if their union lies in the subtree."""
    return await conn.fetchrow(
        f"SELECT {MEMBER_COLUMNS} FROM members m JOIN organisations o ON o.id = m.union_id "
        f"WHERE m.id = $2 AND {in_subtree('o.path')}",
        scope,
        member_id,
    )


async def transfers_of(conn: Connection, scope: str, member_id: UUID) -> list[asyncpg.Record]:
    """The hand-off records of one member in the subtree, oldest first."""
    return await conn.fetch(
        "SELECT t.* FROM transfers t JOIN members m ON m.id = t.member_id "
        "JOIN organisations o ON o.id = m.union_id WHERE t.member_id = $2 "
        f"AND {in_subtree('o.path')} ORDER BY t.effective_on, t.created_at",
        scope,
        member_id,
    )


ORG_COLUMNS = (
    "o.id, o.kind, o.name, o.parent_id, o.grassroots_mode, o.founded_on, o.status, "
    "o.dissolved_on, o.term_start, o.term_end, o.has_legal_person, o.version, "
    "(length(o.path) - length(replace(o.path, '/', ''))) - 2 AS depth"
)


async def list_organisations(
    conn: Connection,
    scope: str,
    *,
    kind: str | None = None,
    status: str | None = None,
    parent_id: UUID | None = None,
    name: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Rows:
    """Organisations in the subtree."""
    filters = Filters("o.path", scope)
    filters.add("o.kind = {}", kind)
    filters.add("o.status = {}", status)
    filters.add("o.parent_id = {}", parent_id)
    filters.add("o.name LIKE '%' || {} || '%'", name)
    return await page(conn, "organisations o", filters, ORG_COLUMNS, "o.path", limit, offset)


async def organisation(conn: Connection, scope: str, org_id: UUID) -> asyncpg.Record | None:
    """One organisation in the subtree."""
    return await conn.fetchrow(
        f"SELECT {ORG_COLUMNS} FROM organisations o WHERE o.id = $2 AND {in_subtree('o.path')}",
        scope,
        org_id,
    )


EMPLOYER_COLUMNS = (
    "e.id, e.uscc, e.name, e.registration_type, e.industry, e.territory_org_id, "
    "e.registered_on, e.entered_by, e.entered_at, e.workers, e.women, e.migrant_workers, "
    "e.census_on, e.covered_by_union_id, e.coverage_mode, e.coverage_changed_on, e.version"
)


async def list_employers(
    conn: Connection,
    scope: str,
    *,
    territory_org_id: UUID | None = None,
    covered: bool | None = None,
    registration_types: list[str] | None = None,
    uscc: str | None = None,
    name: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Rows:
    """Employers whose territory organisation lies in the subtree."""
    filters = Filters("o.path", scope)
    filters.add("e.territory_org_id = {}", territory_org_id)
    filters.add("(e.covered_by_union_id IS NOT NULL) = {}", covered)
    filters.add("e.registration_type = ANY({}::text[])", registration_types)
    filters.add("e.uscc = {}", uscc)
    filters.add("e.name LIKE '%' || {} || '%'", name)
    return await page(
        conn,
        "employers e JOIN organisations o ON o.id = e.territory_org_id",
        filters,
        EMPLOYER_COLUMNS,
        "e.name, e.id",
        limit,
        offset,
    )


async def employer(conn: Connection, scope: str, employer_id: UUID) -> asyncpg.Record | None:
    """One employer in the subtree."""
    return await conn.fetchrow(
        f"SELECT {EMPLOYER_COLUMNS} FROM employers e JOIN organisations o "
        f"ON o.id = e.territory_org_id WHERE e.id = $2 AND {in_subtree('o.path')}",
        scope,
        employer_id,
    )


CONTRACT_COLUMNS = (
    "c.id, c.kind, c.signing_party, c.union_id, c.signed_on, c.starts_on, c.ends_on, c.workers_covered, c.status, "
    "c.terminated_on, c.version, array(SELECT employer_id FROM collective_contract_employers ce "
    "WHERE ce.contract_id = c.id ORDER BY employer_id) AS employer_ids"
)


async def list_contracts(
    conn: Connection,
    scope: str,
    *,
    union_id: UUID | None = None,
    kind: str | None = None,
    status: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Rows:
    """Collective contracts signed by unions in the subtree."""
    filters = Filters("o.path", scope)
    filters.add("c.union_id = {}", union_id)
    filters.add("c.kind = {}", kind)
    filters.add("c.status = {}", status)
    return await page(
        conn,
        "collective_contracts c JOIN organisations o ON o.id = c.union_id",
        filters,
        CONTRACT_COLUMNS,
        "c.signed_on DESC, c.id",
        limit,
        offset,
    )


async def contract(conn: Connection, scope: str, contract_id: UUID) -> asyncpg.Record | None:
    """One contract in the subtree."""
    return await conn.fetchrow(
        f"SELECT {CONTRACT_COLUMNS} FROM collective_contracts c JOIN organisations o "
        f"ON o.id = c.union_id WHERE c.id = $2 AND {in_subtree('o.path')}",
        scope,
        contract_id,
    )
