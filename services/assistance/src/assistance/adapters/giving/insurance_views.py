"""Read-side queries of mutual insurance: enrolments, claims, counts and amounts."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

import asyncpg
from shared.adapters import Connection
from shared.adapters.listing import Filters, in_subtree, page

ENROLMENT_COLUMNS = (
    "e.id, e.member_id, e.org_id, e.scheme_year, e.premium_fen, e.enrolled_on, e.recorded_by"
)
CLAIM_COLUMNS = (
    "c.id, c.enrolment_id, c.member_id, c.org_id, c.claim_kind, c.amount_fen, c.paid_on, "
    "c.recorded_by"
)
_ENROLMENTS_FROM = "insurance_enrolments e JOIN org_replica o ON o.id = e.org_id"
_CLAIMS_FROM = "insurance_claims c JOIN org_replica o ON o.id = c.org_id"
_ENROLMENTS = f"FROM {_ENROLMENTS_FROM} WHERE {in_subtree('o.path')}"
_CLAIMS = f"FROM {_CLAIMS_FROM} WHERE {in_subtree('o.path')}"


@dataclass(frozen=True)
class InsuranceFigures:
    """Counts and amounts of one subtree and scheme year."""

    enrolments: int
    premiums_fen: int
    claims: int
    claims_fen: int
    claims_by_kind: dict[str, tuple[int, int]]


async def enrolment(conn: Connection, scope_path: str, enrolment_id: UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        f"SELECT {ENROLMENT_COLUMNS} {_ENROLMENTS} AND e.id = $2", scope_path, enrolment_id
    )


async def claim(conn: Connection, scope_path: str, claim_id: UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        f"SELECT {CLAIM_COLUMNS} {_CLAIMS} AND c.id = $2", scope_path, claim_id
    )


async def list_enrolments(
    conn: Connection,
    scope_path: str,
    *,
    member_id: UUID | None,
    scheme_year: int | None,
    limit: int,
    offset: int,
) -> tuple[list[asyncpg.Record], int]:
    filters = Filters("o.path", scope_path).equal("e.member_id", member_id)
    filters.equal("e.scheme_year", scheme_year)
    order = "e.scheme_year DESC, e.enrolled_on DESC, e.id"
    return await page(conn, _ENROLMENTS_FROM, filters, ENROLMENT_COLUMNS, order, limit, offset)


async def list_claims(
    conn: Connection,
    scope_path: str,
    *,
    enrolment_id: UUID | None,
    member_id: UUID | None,
    limit: int,
    offset: int,
) -> tuple[list[asyncpg.Record], int]:
    filters = Filters("o.path", scope_path).equal("c.enrolment_id", enrolment_id)
    filters.equal("c.member_id", member_id)
    order = "c.paid_on DESC, c.id"
    return await page(conn, _CLAIMS_FROM, filters, CLAIM_COLUMNS, order, limit, offset)


async def figures(conn: Connection, subtree_path: str, scheme_year: int) -> InsuranceFigures:
    """Enrolments and premiums of the scheme year in the subtree, and the claims paid on them."""
    enrolled = await conn.fetchrow(
        f"SELECT count(*) AS n, coalesce(sum(e.premium_fen), 0) AS fen {_ENROLMENTS}"
        " AND e.scheme_year = $2",
        subtree_path,
        scheme_year,
    )
    rows = await conn.fetch(
        "SELECT c.claim_kind, count(*) AS n, sum(c.amount_fen) AS fen"
        " FROM insurance_claims c JOIN insurance_enrolments e ON e.id = c.enrolment_id"
        " JOIN org_replica o ON o.id = c.org_id"
        f" WHERE {in_subtree('o.path')} AND e.scheme_year = $2 GROUP BY c.claim_kind",
        subtree_path,
        scheme_year,
    )
    assert enrolled is not None  # an aggregate query always returns a row
    by_kind = {row["claim_kind"]: (int(row["n"]), int(row["fen"])) for row in rows}
    return InsuranceFigures(
        enrolments=int(enrolled["n"]),
        premiums_fen=int(enrolled["fen"]),
        claims=sum(n for n, _ in by_kind.values()),
        claims_fen=sum(fen for _, fen in by_kind.values()),
        claims_by_kind=by_kind,
    )
