"""Reading the assistance indicators: facts joined to the organisation tree as it stood on their date.

The subtree is resolved once per report by the membership statistics (the same tree, the same
rules): each organisation with the days it was in the subtree. Households on file are read on
the stock date in the union they were in that day; payments, visits, receipts, enrolments and
claims count where they were recorded, under the tree of their own day. Payments and visits are
counted as times (人次), people reached (人数) and employers involved (涉及企业).
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date, timedelta
from uuid import UUID

from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries.statistics import subtree as resolve_subtree
from reporting.adapters.queries.statistics import subtree_or_own
from reporting.domain.assistance_figures import (
    OCCASIONS,
    PROGRAMMES,
    AidFigures,
    AssistanceFigures,
    DonationFigures,
    HouseholdFlows,
    HouseholdStock,
    InsuranceFigures,
    ProgrammeFigures,
    VisitFigures,
)

# $1, $2, $3: the subtree as arrays of org id, first day, day after the last.
_SUB = "unnest($1::uuid[], $2::date[], $3::date[]) AS s(org_id, lo, hi)"


def _at(org: str, on: str) -> str:
    return f"s.org_id = {org} AND {on} >= s.lo AND {on} < s.hi"


# $4 stock date, $5 first day, $6 day after the last.
_HOUSEHOLDS_SQL = f"""
SELECT stock.*, flows.* FROM (
    SELECT count(*) AS on_file,
        count(*) FILTER (WHERE p.level = 'deep') AS deep,
        count(*) FILTER (WHERE p.level = 'relative') AS relative,
        count(*) FILTER (WHERE p.level = 'accident') AS accident,
        count(*) FILTER (WHERE p.temporary) AS temporary
    FROM {_SUB} JOIN household_periods p ON {_at("p.org_id", "$4::date")}
    WHERE p.valid_from <= $4 AND (p.valid_to IS NULL OR p.valid_to > $4)
) stock, (
    SELECT count(*) FILTER (WHERE f.fact = 'filed') AS filed,
        count(*) FILTER (WHERE f.fact = 'exited') AS exited,
        count(*) FILTER (WHERE f.fact = 'cancelled') AS cancelled
    FROM {_SUB} JOIN household_facts f ON {_at("f.org_id", "f.effective_on")}
    WHERE f.effective_on >= $5 AND f.effective_on < $6
        AND f.fact IN ('filed', 'exited', 'cancelled')
) flows
"""

# One person reached (人数) is a household, or a member reached without one; a fact names the
# employer, or else the employer comes from its household's filing (涉及企业).
_PERSON = "COALESCE({alias}.household_id, {alias}.member_id)"
_EMPLOYER = "COALESCE({alias}.employer_id, h.employer_id)"

# $4 first day, $5 day after the last.
# The payments (visits) counted, one row each; the annual report's drill-down lists them too.
PAID_ROWS = f"""
    SELECT a.payment_id, a.paid_on, a.org_id, a.programme, a.amount_fen,
        {_PERSON.format(alias="a")} AS person, {_EMPLOYER.format(alias="a")} AS employer_id
    FROM {_SUB} JOIN aid_payments a ON {_at("a.org_id", "a.paid_on")}
    LEFT JOIN households h ON h.household_id = a.household_id
    WHERE a.paid_on >= $4 AND a.paid_on < $5
"""
SEEN_ROWS = f"""
    SELECT v.visit_id, v.visited_on, v.org_id, v.occasion, v.household_id,
        {_PERSON.format(alias="v")} AS person, {_EMPLOYER.format(alias="v")} AS employer_id
    FROM {_SUB} JOIN visits v ON {_at("v.org_id", "v.visited_on")}
    LEFT JOIN households h ON h.household_id = v.household_id
    WHERE v.visited_on >= $4 AND v.visited_on < $5
"""
_AID_SQL = f"""
WITH paid AS ({PAID_ROWS})
SELECT programme, count(*) AS payments, sum(amount_fen)::bigint AS amount_fen,
    (SELECT count(DISTINCT person) FROM paid) AS people,
    (SELECT count(DISTINCT employer_id) FROM paid) AS employers
FROM paid GROUP BY programme
"""

_VISITS_SQL = f"""
WITH seen AS ({SEEN_ROWS})
SELECT occasion, count(*) AS visits,
    (SELECT count(DISTINCT household_id) FROM seen) AS households,
    (SELECT count(DISTINCT person) FROM seen) AS people,
    (SELECT count(DISTINCT employer_id) FROM seen) AS employers
FROM seen GROUP BY occasion
"""

_MONEY_SQL = f"""
SELECT d.*, e.*, c.* FROM (
    SELECT count(*) AS receipts, COALESCE(sum(x.amount_fen), 0)::bigint AS donated_fen
    FROM {_SUB} JOIN donations x ON {_at("x.org_id", "x.received_on")}
    WHERE x.received_on >= $4 AND x.received_on < $5
) d, (
    SELECT count(DISTINCT x.member_id) AS enrolled_members, count(*) AS enrolments,
        COALESCE(sum(x.premium_fen), 0)::bigint AS premium_fen
    FROM {_SUB} JOIN insurance_enrolments x ON {_at("x.org_id", "x.enrolled_on")}
    WHERE x.enrolled_on >= $4 AND x.enrolled_on < $5
) e, (
    SELECT count(*) AS claims, COALESCE(sum(x.amount_fen), 0)::bigint AS claims_fen
    FROM {_SUB} JOIN insurance_claims x ON {_at("x.org_id", "x.paid_on")}
    WHERE x.paid_on >= $4 AND x.paid_on < $5
) c
"""

_MONTHLY_AID_SQL = f"""
SELECT extract(month FROM a.paid_on)::int AS month, a.programme, count(*) AS payments,
    sum(a.amount_fen)::bigint AS amount_fen
FROM {_SUB} JOIN aid_payments a ON {_at("a.org_id", "a.paid_on")}
WHERE a.paid_on >= $4 AND a.paid_on < $5
GROUP BY 1, 2
"""

_NAME_SQL = (
    "SELECT name FROM org_versions WHERE org_id = $1"
    " ORDER BY (valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)) DESC, valid_from DESC"
    " LIMIT 1"
)
_CHILDREN_SQL = (
    "SELECT org_id FROM org_versions WHERE parent_id = $1"
    " AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2) ORDER BY name, org_id"
)

_STOCK_COLUMNS = ("on_file", "deep", "relative", "accident", "temporary")

MonthlyAid = dict[int, dict[str, ProgrammeFigures]]
"""Month (1–12) → programme → aid paid; months and programmes without a payment are absent."""


async def assistance_figures(
    conn: Conn, org_id: UUID, date_from: date, stock_date: date, *, own_only: bool = False
) -> AssistanceFigures:
    """The assistance indicators of ``org_id`` with its subtree (本级 alone with ``own_only``).

    Args:
        conn: a connection whose search path starts with the reporting schema.
        org_id: the organisation reported on.
        date_from: first day of the flows.
        stock_date: the day households on file are counted, also the last day of the flows.
        own_only: only what was recorded at ``org_id`` itself, none of its descendants.
    """
    day_after = stock_date + timedelta(days=1)
    first_day = min(date_from, stock_date)
    sub = await subtree_or_own(conn, org_id, first_day, day_after, own_only=own_only)
    households = await conn.fetchrow(_HOUSEHOLDS_SQL, *sub, stock_date, date_from, day_after)
    money = await conn.fetchrow(_MONEY_SQL, *sub, date_from, day_after)
    assert households is not None  # aggregates without GROUP BY always return one row
    assert money is not None
    found = dict(households)
    return AssistanceFigures(
        org_id=org_id,
        name=await conn.fetchval(_NAME_SQL, org_id, stock_date),
        date_from=date_from,
        stock_date=stock_date,
        households=HouseholdStock(*(found[key] for key in _STOCK_COLUMNS)),
        files=HouseholdFlows(found["filed"], found["exited"], found["cancelled"]),
        aid=await _aid(conn, sub, date_from, day_after),
        visits=await _visits(conn, sub, date_from, day_after),
        donations=DonationFigures(money["receipts"], money["donated_fen"]),
        insurance=InsuranceFigures(**{f.name: money[f.name] for f in fields(InsuranceFigures)}),
    )


async def children_assistance_figures(
    conn: Conn, org_id: UUID, date_from: date, stock_date: date
) -> list[AssistanceFigures]:
    """One report per child of ``org_id`` as the tree stood on ``stock_date``, by name."""
    rows = await conn.fetch(_CHILDREN_SQL, org_id, stock_date)
    return [await assistance_figures(conn, row["org_id"], date_from, stock_date) for row in rows]


async def monthly_aid(conn: Conn, org_id: UUID, year: int) -> MonthlyAid:
    """Aid paid in each month of ``year`` by programme, the subtree as it stood each day."""
    first, day_after = date(year, 1, 1), date(year + 1, 1, 1)
    sub = await resolve_subtree(conn, org_id, first, day_after)
    found: MonthlyAid = {}
    for row in await conn.fetch(_MONTHLY_AID_SQL, *sub, first, day_after):
        found.setdefault(row["month"], {})[row["programme"]] = ProgrammeFigures(
            row["payments"], row["amount_fen"]
        )
    return found


async def _aid(conn: Conn, sub: tuple[object, ...], first: date, day_after: date) -> AidFigures:
    by_programme = dict.fromkeys(PROGRAMMES, ProgrammeFigures())
    rows = await conn.fetch(_AID_SQL, *sub, first, day_after)
    for row in rows:
        by_programme[row["programme"]] = ProgrammeFigures(row["payments"], row["amount_fen"])
    if not rows:
        return AidFigures(by_programme)
    return AidFigures(by_programme, people=rows[0]["people"], employers=rows[0]["employers"])


async def _visits(
    conn: Conn, sub: tuple[object, ...], first: date, day_after: date
) -> VisitFigures:
    rows = await conn.fetch(_VISITS_SQL, *sub, first, day_after)
    by_occasion = dict.fromkeys(OCCASIONS, 0)
    by_occasion.update({row["occasion"]: row["visits"] for row in rows})
    if not rows:
        return VisitFigures(by_occasion=by_occasion)
    return VisitFigures(
        visits=sum(by_occasion.values()),
        households=rows[0]["households"],
        employers=rows[0]["employers"],
        by_occasion=by_occasion,
        people=rows[0]["people"],
    )
