"""The indicators counted from the facts alone, as before the totals existed: the reference.

Reports now sum the totals kept per organisation; they must give what these queries give.
The subtree (each organisation with the days it belonged to the root) is resolved by the
production code's :func:`reporting.adapters.queries.statistics.subtree`, which the hand-computed
scenarios test; what is counted here independently is every figure over that subtree.
"""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from reporting.adapters.queries.statistics import subtree
from reporting.domain.figures import CONTRACT_KINDS, ContractFigures, Flows, Indicators, Stock
from shared.outbox.writer import Connection as Conn

# $1, $2, $3: the merged subtree as arrays of org id, first day, day after the last.
_SUB = "unnest($1::uuid[], $2::date[], $3::date[]) AS {alias}(org_id, lo, hi)"
_AT = "{alias}.org_id = {org} AND {on} >= {alias}.lo AND {on} < {alias}.hi"
_AT_X = _AT.replace("{alias}", "x")
_INSIDE = f"EXISTS (SELECT 1 FROM {_SUB.format(alias='x')} WHERE {_AT_X})"

# $4 stock date. One pass over the employers and one over the periods.
_STOCK_SQL = f"""
SELECT e.*, m.* FROM (
    SELECT count(*) AS employers, COALESCE(sum(census.workers), 0) AS workers,
        COALESCE(sum(census.women), 0) AS women_workers,
        COALESCE(sum(census.migrant_workers), 0) AS migrant_workers,
        count(*) FILTER (WHERE coverage.covered) AS covered_employers
    FROM {_SUB.format(alias="s")}
    JOIN employers e ON {_AT.format(alias="s", org="e.territory_org_id", on="$4::date")}
    LEFT JOIN LATERAL (
        SELECT c.workers, c.women, c.migrant_workers FROM employer_census c
        WHERE c.employer_id = e.employer_id AND c.effective_on <= $4
        ORDER BY c.effective_on DESC, c.version DESC LIMIT 1
    ) census ON true
    LEFT JOIN LATERAL (
        SELECT v.covered FROM employer_coverage v
        WHERE v.employer_id = e.employer_id AND v.effective_on <= $4
        ORDER BY v.effective_on DESC, v.version DESC LIMIT 1
    ) coverage ON true
    WHERE e.registered_on <= $4
) e, (
    SELECT count(*) FILTER (WHERE p.status = 'active') AS active_members,
        count(*) FILTER (WHERE p.status = 'retained') AS retained_members
    FROM {_SUB.format(alias="s")}
    JOIN membership_periods p ON {_AT.format(alias="s", org="p.union_id", on="$4::date")}
    WHERE p.valid_from <= $4 AND (p.valid_to IS NULL OR p.valid_to > $4)
) m
"""

# $4 first day, $5 day after the last. Facts into the subtree, then transfers out of it.
_FLOWS_SQL = f"""
WITH arrived AS (
    SELECT f.fact, f.sex, f.is_migrant,
        {_INSIDE.format(org="f.from_union_id", on="f.effective_on")} AS came_from_inside
    FROM {_SUB.format(alias="s")}
    JOIN member_facts f ON {_AT.format(alias="s", org="f.union_id", on="f.effective_on")}
    WHERE f.effective_on >= $4 AND f.effective_on < $5
), departed AS (
    SELECT count(*) AS transfers_out FROM {_SUB.format(alias="s")}
    JOIN member_facts f ON {_AT.format(alias="s", org="f.from_union_id", on="f.effective_on")}
    WHERE f.from_union_id IS NOT NULL AND f.fact = 'transferred'
        AND f.effective_on >= $4 AND f.effective_on < $5
        AND NOT {_INSIDE.format(org="f.union_id", on="f.effective_on")}
)
SELECT
    (SELECT count(*) FROM (SELECT DISTINCT o.org_id, o.founded_on FROM org_versions o
        JOIN {_SUB.format(alias="s")} ON {_AT.format(alias="s", org="o.org_id", on="o.founded_on")}
        WHERE o.kind = 'grassroots_union' AND o.founded_on >= $4 AND o.founded_on < $5) u
    ) AS unions_founded,
    count(*) FILTER (WHERE fact = 'admitted') AS members_admitted,
    count(*) FILTER (WHERE fact = 'admitted' AND is_migrant) AS admitted_migrant,
    count(*) FILTER (WHERE fact = 'admitted' AND sex = 'female') AS admitted_female,
    count(*) FILTER (WHERE fact = 'transferred' AND NOT came_from_inside) AS transfers_in,
    (SELECT transfers_out FROM departed) AS transfers_out,
    count(*) FILTER (WHERE fact = 'left') AS members_left
FROM arrived
"""

# $4 stock date, $5 first day, $6 day after the last.
_CONTRACTS_SQL = f"""
SELECT k.kind, 'in_force' AS measure, count(*) AS contracts,
    sum(k.employers_covered) AS employers, sum(k.workers_covered) AS workers
FROM {_SUB.format(alias="s")} JOIN contracts k ON {_AT.format(alias="s", org="k.union_id", on="$4::date")}
WHERE k.starts_on <= $4 AND k.ends_on >= $4 AND (k.terminated_on IS NULL OR k.terminated_on > $4)
    AND $4 >= $5  -- a window starting after the stock date holds no contract in force
GROUP BY k.kind
UNION ALL
SELECT k.kind, 'signed', count(*), 0, 0
FROM {_SUB.format(alias="s")} JOIN contracts k ON {_AT.format(alias="s", org="k.union_id", on="k.signed_on")}
WHERE k.signed_on >= $5 AND k.signed_on < $6
GROUP BY k.kind
"""

_NAME_SQL = (
    "SELECT name FROM org_versions WHERE org_id = $1"
    " ORDER BY (valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)) DESC, valid_from DESC"
    " LIMIT 1"
)
_Subtree = tuple[list[UUID], list[date], list[date]]


async def indicators(conn: Conn, org_id: UUID, date_from: date, stock_date: date) -> Indicators:
    """The indicators of ``org_id`` with its subtree.

    Args:
        conn: a connection whose search path starts with the reporting schema.
        org_id: the organisation reported on.
        date_from: first day of the flows.
        stock_date: the day stock figures are read, also the last day of the flows.
    """
    day_after = stock_date + timedelta(days=1)
    sub = await subtree(conn, org_id, min(date_from, stock_date), day_after)
    stock = await conn.fetchrow(_STOCK_SQL, *sub, stock_date)
    flows = await conn.fetchrow(_FLOWS_SQL, *sub, date_from, day_after)
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
        contracts=await _contracts(conn, sub, date_from, stock_date),
    )


async def _contracts(
    conn: Conn, sub: _Subtree, date_from: date, stock_date: date
) -> dict[str, ContractFigures]:
    found: dict[str, dict[str, int]] = {kind: {} for kind in CONTRACT_KINDS}
    day_after = stock_date + timedelta(days=1)
    for row in await conn.fetch(_CONTRACTS_SQL, *sub, stock_date, date_from, day_after):
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
