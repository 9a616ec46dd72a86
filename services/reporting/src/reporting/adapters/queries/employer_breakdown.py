"""Reading employer figures per ownership class and staff-size band, as of one date.

The totals kept per organisation (:mod:`totals_reading`) do not know classes or sizes, so the
breakdown reads the facts: each employer whose territory was in the subtree on the stock date
and that counted by then, with its newest census and coverage up to that date. One row per
(class, band) comes back, summed in SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from uuid import UUID

from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries.statistics import subtree_or_own
from reporting.domain.employer_breakdown import Cell, EmployerFigures

# $1, $2, $3 the merged subtree; $4 the stock date; $5 the lower bounds of the size bands.
# ``one`` holds a row per employer counted; the annual report's drill-down lists those rows.
EMPLOYER_ROWS = """
WITH e AS (
    SELECT e.employer_id, e.ownership_class, e.territory_org_id, e.registered_on
    FROM employers e
    JOIN unnest($1::uuid[], $2::date[], $3::date[]) AS s(org_id, lo, hi)
        ON s.org_id = e.territory_org_id AND $4::date >= s.lo AND $4::date < s.hi
    WHERE e.registered_on <= $4::date
), census AS (
    SELECT DISTINCT ON (c.employer_id) c.employer_id, c.workers, c.women, c.migrant_workers
    FROM employer_census c JOIN e USING (employer_id)
    WHERE c.effective_on <= $4::date
    ORDER BY c.employer_id, c.effective_on DESC, c.version DESC
), coverage AS (
    SELECT DISTINCT ON (v.employer_id) v.employer_id, v.covered
    FROM employer_coverage v JOIN e USING (employer_id)
    WHERE v.effective_on <= $4::date
    ORDER BY v.employer_id, v.effective_on DESC, v.version DESC
), one AS (
    SELECT e.employer_id, e.territory_org_id, e.registered_on,
        e.ownership_class, coalesce(v.covered, false) AS covered, c.workers, c.women,
        c.migrant_workers, c.employer_id IS NOT NULL AS counted,
        CASE WHEN c.employer_id IS NULL THEN NULL
            WHEN cardinality($5::int[]) = 0 THEN 0
            ELSE width_bucket(c.workers, $5::int[]) END AS band
    FROM e LEFT JOIN census c USING (employer_id) LEFT JOIN coverage v USING (employer_id)
)
"""
_CELLS_SQL = (
    EMPLOYER_ROWS
    + """SELECT ownership_class, band, count(*) AS employers,
    coalesce(sum(workers), 0) AS workers,
    count(*) FILTER (WHERE covered) AS covered_employers,
    coalesce(sum(workers) FILTER (WHERE covered), 0) AS covered_workers,
    coalesce(sum(women), 0) AS women_workers,
    count(*) FILTER (WHERE counted AND women IS NULL) AS women_unknown,
    coalesce(sum(migrant_workers), 0) AS migrant_workers,
    count(*) FILTER (WHERE counted AND migrant_workers IS NULL) AS migrant_unknown
FROM one GROUP BY ownership_class, band
"""
)


async def cells(
    conn: Conn, org_id: UUID, stock_date: date, bounds: Sequence[int], *, own_only: bool = False
) -> list[Cell]:
    """The employer figures of ``org_id``'s subtree on ``stock_date`` per (class, size band);
    with ``own_only`` of the employers in the organisation's own territory alone (本级).

    Args:
        conn: a connection whose search path starts with the reporting schema.
        org_id: the organisation reported on, with its subtree as it stood on ``stock_date``.
        stock_date: the day the figures are read.
        bounds: the lower bounds of the size bands after the first (ascending).
    """
    day_after = stock_date + timedelta(days=1)
    tree = await subtree_or_own(conn, org_id, stock_date, day_after, own_only=own_only)
    rows = await conn.fetch(_CELLS_SQL, *tree, stock_date, list(bounds))
    return [
        Cell(
            row["ownership_class"],
            row["band"],
            EmployerFigures(
                **{k: v for k, v in dict(row).items() if k not in ("ownership_class", "band")}
            ),
        )
        for row in rows
    ]
