"""Computing every total afresh from the facts, as the projections would have kept them.

For data loaded other than through events (a generated city) and to check the totals kept
event by event: both must hold the same rows.
"""

from __future__ import annotations

from shared.outbox.writer import Connection as Conn

from reporting.adapters.projections import contract_facts, employer_facts, totals

# Every period while it holds, and every admission and leaving, as member_facts.record adds them.
_MEMBER_CHANGES = """
SELECT union_id AS org_id, valid_from AS day, (status = 'active')::int AS active,
    (status = 'retained')::int AS retained, 0 AS admitted, 0 AS admitted_female,
    0 AS admitted_migrant, 0 AS members_left
FROM membership_periods
UNION ALL
SELECT union_id, valid_to, -(status = 'active')::int, -(status = 'retained')::int, 0, 0, 0, 0
FROM membership_periods WHERE valid_to IS NOT NULL
UNION ALL
SELECT union_id, effective_on, 0, 0, (fact = 'admitted')::int,
    (fact = 'admitted' AND sex IS NOT DISTINCT FROM 'female')::int,
    (fact = 'admitted' AND coalesce(is_migrant, false))::int, (fact = 'left')::int
FROM member_facts WHERE fact IN ('admitted', 'left')
"""


async def refresh_totals(conn: Conn) -> None:
    """Replace every totals row by what the facts now in the schema give."""
    await conn.execute("TRUNCATE member_totals, employer_totals, contract_totals, totals_orgs")
    await conn.execute(totals.adding_sql(totals.MEMBERS, _MEMBER_CHANGES, fresh=True))
    employers = [row[0] for row in await conn.fetch("SELECT employer_id FROM employers")]
    await totals.add(
        conn, totals.EMPLOYERS, await conn.fetch(employer_facts.STOCK_CHANGES_SQL, employers)
    )
    contracts = [row[0] for row in await conn.fetch("SELECT contract_id FROM contracts")]
    await totals.add(
        conn, totals.CONTRACTS, await conn.fetch(contract_facts.CHANGES_SQL, contracts)
    )
