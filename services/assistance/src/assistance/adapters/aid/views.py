"""Read-side queries of budgets, applications and payments, limited to the caller's subtree.

``scope_path`` is the materialised path of the caller's scope root in the replica (``/`` for
the whole city); a row is visible when its organisation's path starts with it.
"""

from __future__ import annotations

from uuid import UUID

import asyncpg
from shared.adapters import Connection
from shared.adapters.listing import in_subtree

BUDGET_COLUMNS = (
    "b.id, b.org_id, b.programme, b.year, b.amount_fen, b.reserved_fen, b.paid_fen, b.version"
)
APPLICATION_COLUMNS = (
    "a.id, a.programme, a.org_id, a.household_id, a.member_id, a.requested_fen, a.status, "
    "a.submitted_on, a.submitted_by, a.opinion_by, a.opinion_on, a.reviewed_by, a.reviewed_on, "
    "a.approved_by, a.approved_on, a.approved_fen, a.budget_org_id, a.rejected_step, "
    "a.rejection_reason, a.rejected_by, a.rejected_on, a.rejection_note_cipher, a.version, "
    "a.reason_cipher, "
    "a.created_at AS entered_at, a.approved_entered_at, "
    "p.id AS payment_id, p.status AS payment_status"
)
PAYMENT_COLUMNS = (
    "p.id, p.application_id, p.batch_id, p.org_id, p.household_id, p.member_id, p.employer_id, "
    "p.programme, p.budget_org_id, p.amount_fen, p.status, p.method, p.created_on, p.paid_on, "
    "p.paid_by, p.paid_entered_at, p.cancelled_on, p.version"
)
BUDGETS = "aid_budgets b JOIN org_replica o ON o.id = b.org_id"
APPLICATIONS = (
    "aid_applications a LEFT JOIN aid_payments p ON p.application_id = a.id"
    " JOIN org_replica o ON o.id = a.org_id"
)
PAYMENTS = "aid_payments p JOIN org_replica o ON o.id = p.org_id"
_IN_SCOPE = f"WHERE {in_subtree('o.path')}"


async def budget(conn: Connection, scope_path: str, budget_id: UUID) -> asyncpg.Record | None:
    """One budget in the caller's subtree."""
    return await conn.fetchrow(
        f"SELECT {BUDGET_COLUMNS} FROM {BUDGETS} {_IN_SCOPE} AND b.id = $2", scope_path, budget_id
    )


async def application(
    conn: Connection, scope_path: str, application_id: UUID
) -> asyncpg.Record | None:
    """One application in the caller's subtree, with its payment if any."""
    return await conn.fetchrow(
        f"SELECT {APPLICATION_COLUMNS} FROM {APPLICATIONS} {_IN_SCOPE} AND a.id = $2",
        scope_path,
        application_id,
    )


async def payment(conn: Connection, scope_path: str, payment_id: UUID) -> asyncpg.Record | None:
    """One payment in the caller's subtree."""
    return await conn.fetchrow(
        f"SELECT {PAYMENT_COLUMNS} FROM {PAYMENTS} {_IN_SCOPE} AND p.id = $2",
        scope_path,
        payment_id,
    )
