"""Reading the indicators: facts joined to the organisation tree as it stood on their date.

``_SUBTREE`` yields, for a root and a date range, every organisation of the root's subtree
with the sub-range during which it was there (a community moved away in April is in its old
street's subtree until March only). Stocks use a one-day range; flows use the period, so each
event counts under the ancestors it had on its own day.
"""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from shared.outbox.writer import Connection as Conn

from reporting.domain.figures import CONTRACT_KINDS, ContractFigures, Flows, Indicators, Stock

# $1 root, $2 first day, $3 day after the last.
_SUBTREE = """
WITH RECURSIVE sub(org_id, lo, hi) AS (
    SELECT org_id, GREATEST(valid_from, $2::date), LEAST(COALESCE(valid_to, 'infinity'), $3::date)
    FROM org_versions
    WHERE org_id = $1 AND valid_from < $3::date AND COALESCE(valid_to, 'infinity') > $2::date
  UNION ALL
    SELECT v.org_id, GREATEST(v.valid_from, s.lo), LEAST(COALESCE(v.valid_to, 'infinity'), s.hi)
    FROM org_versions v JOIN sub s ON v.parent_id = s.org_id
    WHERE v.valid_from < s.hi AND COALESCE(v.valid_to, 'infinity') > s.lo
)"""

_INSIDE = "EXISTS (SELECT 1 FROM sub s WHERE s.org_id = {org} AND {on} >= s.lo AND {on} < s.hi)"

_STOCK_SQL = (
    _SUBTREE
    + """,
employer_now AS (
    SELECT census.workers, census.women, census.migrant_workers, coverage.covered
    FROM employers e JOIN sub ON sub.org_id = e.territory_org_id
    LEFT JOIN LATERAL (
        SELECT c.workers, c.women, c.migrant_workers FROM employer_census c
        WHERE c.employer_id = e.employer_id AND c.effective_on <= $2
        ORDER BY c.effective_on DESC, c.version DESC LIMIT 1
    ) census ON true
    LEFT JOIN LATERAL (
        SELECT v.covered FROM employer_coverage v
        WHERE v.employer_id = e.employer_id AND v.effective_on <= $2
        ORDER BY v.effective_on DESC, v.version DESC LIMIT 1
    ) coverage ON true
    WHERE e.registered_on <= $2
), members_now AS (
    SELECT p.status FROM membership_periods p JOIN sub ON sub.org_id = p.union_id
    WHERE p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2)
)
SELECT
    (SELECT count(*) FROM employer_now) AS employers,
    (SELECT COALESCE(sum(workers), 0) FROM employer_now) AS workers,
    (SELECT COALESCE(sum(women), 0) FROM employer_now) AS women_workers,
    (SELECT COALESCE(sum(migrant_workers), 0) FROM employer_now) AS migrant_workers,
    (SELECT count(*) FROM employer_now WHERE covered) AS covered_employers,
    (SELECT count(*) FROM members_now WHERE status = 'active') AS active_members,
    (SELECT count(*) FROM members_now WHERE status = 'retained') AS retained_members
"""
)

_FLOWS_SQL = (
    _SUBTREE
    + """,
flows AS (
    SELECT f.fact, f.sex, f.is_migrant,
        """
    + _INSIDE.format(org="f.union_id", on="f.effective_on")
    + """ AS inside,
        """
    + _INSIDE.format(org="f.from_union_id", on="f.effective_on")
    + """ AS came_from_inside
    FROM member_facts f
    WHERE f.effective_on >= $2 AND f.effective_on < $3
)
SELECT
    (SELECT count(*) FROM (SELECT DISTINCT org_id, founded_on FROM org_versions
        WHERE kind = 'grassroots_union') o
     WHERE """
    + _INSIDE.format(org="o.org_id", on="o.founded_on")
    + """
       AND o.founded_on >= $2 AND o.founded_on < $3) AS unions_founded,
    count(*) FILTER (WHERE fact = 'admitted' AND inside) AS members_admitted,
    count(*) FILTER (WHERE fact = 'admitted' AND inside AND is_migrant) AS admitted_migrant,
    count(*) FILTER (WHERE fact = 'admitted' AND inside AND sex = 'female') AS admitted_female,
    count(*) FILTER (WHERE fact = 'transferred' AND inside AND NOT came_from_inside)
        AS transfers_in,
    count(*) FILTER (WHERE fact = 'transferred' AND came_from_inside AND NOT inside)
        AS transfers_out,
    count(*) FILTER (WHERE fact = 'left' AND inside) AS members_left
FROM flows
"""
)

# Stock date: the day before $3.
_IN_FORCE = (
    "k.starts_on <= $3::date - 1 AND k.ends_on >= $3::date - 1"
    " AND (k.terminated_on IS NULL OR k.terminated_on > $3::date - 1)"
)
_CONTRACTS_SQL = (
    _SUBTREE
    + """
SELECT k.kind, 'in_force' AS measure, count(*) AS contracts,
    sum(k.employers_covered) AS employers, sum(k.workers_covered) AS workers
FROM contracts k
WHERE """
    + _IN_FORCE
    + " AND "
    + _INSIDE.format(org="k.union_id", on="$3::date - 1")
    + """
GROUP BY k.kind
UNION ALL
SELECT k.kind, 'signed', count(*), 0, 0
FROM contracts k
WHERE k.signed_on >= $2 AND k.signed_on < $3
    AND """
    + _INSIDE.format(org="k.union_id", on="k.signed_on")
    + """
GROUP BY k.kind
"""
)

_NAME_SQL = (
    "SELECT name FROM org_versions WHERE org_id = $1"
    " ORDER BY (valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)) DESC, valid_from DESC"
    " LIMIT 1"
)
_CHILDREN_SQL = (
    "SELECT org_id FROM org_versions WHERE parent_id = $1"
    " AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2) ORDER BY name, org_id"
)
_IN_SCOPE_SQL = _SUBTREE + " SELECT EXISTS (SELECT 1 FROM sub WHERE org_id = $4)"


async def organisation_known(conn: Conn, org_id: UUID) -> bool:
    """Whether any event has placed ``org_id`` in the tree."""
    return bool(
        await conn.fetchval("SELECT EXISTS (SELECT 1 FROM org_versions WHERE org_id = $1)", org_id)
    )


async def within_subtree(
    conn: Conn, root_id: UUID, org_id: UUID, date_from: date, stock_date: date
) -> bool:
    """Whether ``org_id`` was in ``root_id``'s subtree on some day from ``date_from`` to ``stock_date``."""
    day_after = stock_date + timedelta(days=1)
    return bool(await conn.fetchval(_IN_SCOPE_SQL, root_id, date_from, day_after, org_id))


async def indicators(conn: Conn, org_id: UUID, date_from: date, stock_date: date) -> Indicators:
    """The indicators of ``org_id`` with its subtree.

    Args:
        conn: a connection whose search path starts with the reporting schema.
        org_id: the organisation reported on.
        date_from: first day of the flows.
        stock_date: the day stock figures are read, also the last day of the flows.
    """
    day_after = stock_date + timedelta(days=1)
    stock = await conn.fetchrow(_STOCK_SQL, org_id, stock_date, day_after)
    flows = await conn.fetchrow(_FLOWS_SQL, org_id, date_from, day_after)
    # Aggregates without GROUP BY always return one row.
    assert stock is not None
    assert flows is not None
    return Indicators(
        org_id=org_id,
        name=await conn.fetchval(_NAME_SQL, org_id, stock_date),
        date_from=date_from,
        stock_date=stock_date,
        stock=Stock(**dict(stock)),
        flows=Flows(**dict(flows)),
        contracts=await _contracts(conn, org_id, date_from, day_after),
    )


async def children_indicators(
    conn: Conn, org_id: UUID, date_from: date, stock_date: date
) -> list[Indicators]:
    """One report per child of ``org_id`` as the tree stood on ``stock_date``, by name."""
    rows = await conn.fetch(_CHILDREN_SQL, org_id, stock_date)
    return [await indicators(conn, row["org_id"], date_from, stock_date) for row in rows]


async def _contracts(
    conn: Conn, org_id: UUID, date_from: date, day_after: date
) -> dict[str, ContractFigures]:
    found: dict[str, dict[str, int]] = {kind: {} for kind in CONTRACT_KINDS}
    for row in await conn.fetch(_CONTRACTS_SQL, org_id, date_from, day_after):
        figures = found.setdefault(row["kind"], {})
        if row["measure"] == "in_force":
            figures.update(
                in_force=row["contracts"],
                employers_covered=row["employers"],
                workers_covered=row["workers"],
            )
        else:
            figures["signed_in_period"] = row["contracts"]
    return {kind: ContractFigures(**figures) for kind, figures in found.items()}
