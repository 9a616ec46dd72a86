"""Reading the indicators: totals and facts joined to the tree as it stood on their date.

Stocks and most flows are summed from the totals kept per organisation and span (see
:mod:`totals_reading`); transfers and new unions are counted from the facts. ``_SUBTREE`` yields, for a root and a date range, every organisation of the root's subtree
with the sub-range during which it was there (a community moved away in April is in its old
street's subtree until March only). It is resolved once per report over the whole window and
merged into disjoint ranges per organisation, so each fact or total joins at most one range
by org id and is reached through its (org id, date) index instead of a scan.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries import totals_reading
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
_RESOLVE_SQL = _SUBTREE + " SELECT org_id, lo, hi FROM sub ORDER BY org_id, lo"
# The organisation alone (本级): the days it stood in the tree, without walking down it.
_OWN_SQL = """
SELECT org_id, GREATEST(valid_from, $2::date) AS lo,
    LEAST(COALESCE(valid_to, 'infinity'), $3::date) AS hi
FROM org_versions
WHERE org_id = $1 AND valid_from < $3::date AND COALESCE(valid_to, 'infinity') > $2::date
ORDER BY lo
"""
# The subtree, then when it holds more than half of the organisations with totals (marked by
# a row without id) those organisations with totals that are not in it.
_SCOPE_SQL = (
    _SUBTREE
    + """, large AS (
    SELECT 2 * (SELECT count(DISTINCT org_id) FROM sub) > (SELECT count(*) FROM totals_orgs) AS yes
)
SELECT org_id, lo, hi FROM sub
UNION ALL SELECT NULL, NULL, NULL WHERE (SELECT yes FROM large)
UNION ALL SELECT k.org_id, NULL, NULL FROM totals_orgs k
WHERE (SELECT yes FROM large) AND NOT EXISTS (SELECT 1 FROM sub s WHERE s.org_id = k.org_id)
ORDER BY 1, 2"""
)

# $1, $2, $3: the merged subtree as arrays of org id, first day, day after the last.
_SUB = "unnest($1::uuid[], $2::date[], $3::date[]) AS {alias}(org_id, lo, hi)"
_AT = "{alias}.org_id = {org} AND {on} >= {alias}.lo AND {on} < {alias}.hi"
_AT_X = _AT.replace("{alias}", "x")
_INSIDE = f"EXISTS (SELECT 1 FROM {_SUB.format(alias='x')} WHERE {_AT_X})"

# $4 first day, $5 day after the last. Transfers count from the facts: into the subtree from
# outside it, and out of it to outside, both ends placed where the tree stood that day.
_TRANSFERS_SQL = f"""
SELECT
    (SELECT count(*) FROM {_SUB.format(alias="s")}
        JOIN member_facts f ON f.fact = 'transferred'
            AND {_AT.format(alias="s", org="f.union_id", on="f.effective_on")}
        WHERE f.effective_on >= $4 AND f.effective_on < $5
            AND NOT {_INSIDE.format(org="f.from_union_id", on="f.effective_on")}
    ) AS transfers_in,
    (SELECT count(*) FROM {_SUB.format(alias="s")}
        JOIN member_facts f ON f.fact = 'transferred'
            AND {_AT.format(alias="s", org="f.from_union_id", on="f.effective_on")}
        WHERE f.from_union_id IS NOT NULL AND f.effective_on >= $4 AND f.effective_on < $5
            AND NOT {_INSIDE.format(org="f.union_id", on="f.effective_on")}
    ) AS transfers_out,
    (SELECT count(*) FROM (SELECT DISTINCT o.org_id, o.founded_on FROM org_versions o
        JOIN {_SUB.format(alias="s")} ON {_AT.format(alias="s", org="o.org_id", on="o.founded_on")}
        WHERE o.kind = 'grassroots_union' AND o.founded_on >= $4 AND o.founded_on < $5) u
    ) AS unions_founded
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
_IN_SCOPE_SQL = _SUBTREE + " SELECT EXISTS (SELECT 1 FROM sub WHERE org_id = $4)"

_Subtree = tuple[list[UUID], list[date], list[date]]


async def organisation_known(conn: Conn, org_id: UUID) -> bool:
    """Whether any event has placed ``org_id`` in the tree."""
    return bool(
        await conn.fetchval("SELECT EXISTS (SELECT 1 FROM org_versions WHERE org_id = $1)", org_id)
    )


async def organisation_name(conn: Conn, org_id: UUID, day: date) -> str | None:
    """The name ``org_id`` bore on ``day`` (its latest, when it did not exist that day)."""
    name: str | None = await conn.fetchval(_NAME_SQL, org_id, day)
    return name


async def within_subtree(
    conn: Conn, root_id: UUID, org_id: UUID, date_from: date, stock_date: date
) -> bool:
    """Whether ``org_id`` was in ``root_id``'s subtree on some day from ``date_from`` to ``stock_date``."""
    day_after = stock_date + timedelta(days=1)
    return bool(await conn.fetchval(_IN_SCOPE_SQL, root_id, date_from, day_after, org_id))


async def indicators(
    conn: Conn, org_id: UUID, date_from: date, stock_date: date, *, own_only: bool = False
) -> Indicators:
    """The indicators of ``org_id`` with its subtree (本级 alone with ``own_only``).

    Stocks and flows are summed from the totals kept per organisation (see
    :mod:`totals_reading`); transfers and new unions are counted from the facts.

    Args:
        conn: a connection whose search path starts with the reporting schema.
        org_id: the organisation reported on.
        date_from: first day of the flows.
        stock_date: the day stock figures are read, also the last day of the flows.
        own_only: only what was recorded at ``org_id`` itself, none of its descendants.
    """
    day_after = stock_date + timedelta(days=1)
    first_day = min(date_from, stock_date)
    if own_only:
        own = await subtree_or_own(conn, org_id, first_day, day_after, own_only=True)
        scope = totals_reading.Scope(own, None)
    else:
        scope = await _scope(conn, org_id, first_day, day_after)
    stock = totals_reading.on_day(scope, stock_date)
    flows = totals_reading.over_days(scope, date_from, day_after)
    counted = await conn.fetchrow(_TRANSFERS_SQL, *scope.subtree, date_from, day_after)
    assert counted is not None  # aggregates without GROUP BY always return one row
    read = await totals_reading.read_report(
        conn, stock, flows, contracts_in_force=date_from <= stock_date
    )
    members, employers, joined = read.members, read.employers, read.joined
    return Indicators(
        org_id=org_id,
        name=await conn.fetchval(_NAME_SQL, org_id, stock_date),
        date_from=date_from,
        stock_date=stock_date,
        stock=Stock(
            employers=employers["employers"], workers=employers["workers"],
            women_workers=employers["women"], migrant_workers=employers["migrant_workers"],
            covered_employers=employers["covered"], active_members=members["active"],
            retained_members=members["retained"], women_unknown=employers["women_unknown"],
            migrant_unknown=employers["migrant_unknown"],
        ),
        flows=Flows(
            unions_founded=counted["unions_founded"], members_admitted=joined["admitted"],
            admitted_migrant=joined["admitted_migrant"],
            admitted_female=joined["admitted_female"], transfers_in=counted["transfers_in"],
            transfers_out=counted["transfers_out"], members_left=joined["members_left"],
        ),
        contracts=_contracts(read),
    )  # fmt: skip


async def children_indicators(
    conn: Conn, org_id: UUID, date_from: date, stock_date: date
) -> list[Indicators]:
    """One report per child of ``org_id`` as the tree stood on ``stock_date``, by name."""
    rows = await conn.fetch(_CHILDREN_SQL, org_id, stock_date)
    return [await indicators(conn, row["org_id"], date_from, stock_date) for row in rows]


async def subtree(conn: Conn, org_id: UUID, first_day: date, day_after: date) -> _Subtree:
    """``org_id`` and its descendants over the window as the tree stood each day, with the days
    each belonged to it (overlapping or touching ranges of one organisation merged)."""
    return _merged(await conn.fetch(_RESOLVE_SQL, org_id, first_day, day_after))


async def subtree_or_own(
    conn: Conn, org_id: UUID, first_day: date, day_after: date, *, own_only: bool
) -> _Subtree:
    """:func:`subtree`, or with ``own_only`` the days ``org_id`` itself stood in the tree (its
    本级 figures are read over those alone)."""
    sql = _OWN_SQL if own_only else _RESOLVE_SQL
    return _merged(await conn.fetch(sql, org_id, first_day, day_after))


async def _scope(
    conn: Conn, org_id: UUID, first_day: date, day_after: date
) -> totals_reading.Scope:
    """The subtree as :func:`subtree`, with the organisations outside it when it is large."""
    rows = await conn.fetch(_SCOPE_SQL, org_id, first_day, day_after)
    inside = [row for row in rows if row["lo"] is not None]
    if len(inside) == len(rows):
        return totals_reading.Scope(_merged(inside), None)
    outside = [row["org_id"] for row in rows if row["lo"] is None and row["org_id"] is not None]
    return totals_reading.Scope(_merged(inside), outside)


def _merged(rows: list[Any]) -> _Subtree:
    org_ids: list[UUID] = []
    los: list[date] = []
    his: list[date] = []
    for row in rows:
        if org_ids and org_ids[-1] == row["org_id"] and row["lo"] <= his[-1]:
            his[-1] = max(his[-1], row["hi"])
            continue
        org_ids.append(row["org_id"])
        los.append(row["lo"])
        his.append(row["hi"])
    return org_ids, los, his


def _contracts(read: totals_reading.ReportTotals) -> dict[str, ContractFigures]:
    """Per kind: in force on the stock date, and signed in the period (kinds with neither
    are left out unless they are the usual ones, as the report shows those always)."""
    found: dict[str, dict[str, int]] = {kind: {} for kind in CONTRACT_KINDS}
    for kind, sums in read.in_force.items():
        if sums["in_force"]:
            found.setdefault(kind, {}).update(
                in_force=sums["in_force"],
                employers_covered=sums["employers_covered"],
                workers_covered=sums["workers_covered"],
            )
    for kind, sums in read.signed.items():
        if sums["signed"]:
            found.setdefault(kind, {})["signed_in_period"] = sums["signed"]
    return {kind: ContractFigures(**figures) for kind, figures in found.items()}
