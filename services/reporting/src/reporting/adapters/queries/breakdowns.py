"""Reading the annual report's breakdowns from the facts, joined to the tree as it stood.

Stocks (organisations, committees in office, contracts in force) count the organisations in
the subtree on the stock date; contracts signed in the period count each signing where its
union stood in the tree on the signing day (see :func:`statistics.subtree`).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries.statistics import subtree_or_own
from reporting.domain.breakdowns import (
    GRASSROOTS_MODES,
    SIGNING_PARTIES,
    Breakdowns,
    CommitteeFigures,
    OrganisationCounts,
    PartyFigures,
)

# $1 the organisations in the subtree on the day, $2 the day. The row queries (capitals) are
# also what the annual report's drill-down lists, so a cell and its facts are one selection.
ORGANISATIONS_ON_DAY = """
SELECT org_id, kind, grassroots_mode, founded_on FROM org_versions
WHERE org_id = ANY($1::uuid[]) AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)
"""
_ORGANISATIONS_SQL = (
    f"SELECT kind, grassroots_mode, count(*) AS n FROM ({ORGANISATIONS_ON_DAY}) o"
    " GROUP BY kind, grassroots_mode"
)
# Per organisation the committee whose term began last by the day, unless that term has ended:
# a term starting during another one ends that one early (提前换届).
COMMITTEES_IN_OFFICE = """
SELECT * FROM (
    SELECT DISTINCT ON (org_id) * FROM committee_facts
    WHERE org_id = ANY($1::uuid[]) AND term_start <= $2
    ORDER BY org_id, term_start DESC, version DESC
) c
WHERE term_end >= $2
"""
_COMMITTEES_SQL = f"""
SELECT count(*) AS committees, COALESCE(sum(size), 0) AS members,
    COALESCE(sum(chairs), 0) AS chair, COALESCE(sum(vice_chairs), 0) AS vice_chair,
    COALESCE(sum(members), 0) AS member, COALESCE(sum(audit), 0) AS audit,
    COALESCE(sum(women_seats), 0) AS women_seats, COALESCE(sum(women), 0) AS women,
    COALESCE(sum(sex_recorded), 0) AS sex_recorded, COALESCE(sum(full_time), 0) AS full_time
FROM ({COMMITTEES_IN_OFFICE}) c
"""
# In force from its start to its end (inclusive) or its termination (exclusive).
CONTRACTS_IN_FORCE = """
SELECT * FROM contracts
WHERE union_id = ANY($1::uuid[]) AND starts_on <= $2 AND $2 < LEAST(ends_on + 1, terminated_on)
"""
_IN_FORCE_SQL = f"""
SELECT signing_party, count(*) AS contracts, sum(employers_covered) AS employers_covered,
    sum(workers_covered) AS workers_covered
FROM ({CONTRACTS_IN_FORCE}) k
GROUP BY signing_party
"""
# $1–$3 the subtree over the window (org id, first day, day after the last), $4, $5 the window.
CONTRACTS_SIGNED = """
SELECT k.* FROM unnest($1::uuid[], $2::date[], $3::date[]) AS s(org_id, lo, hi)
JOIN contracts k ON k.union_id = s.org_id AND k.signed_on >= s.lo AND k.signed_on < s.hi
WHERE k.signed_on >= $4 AND k.signed_on < $5
"""
_SIGNED_SQL = f"""
SELECT signing_party, count(*) AS contracts, sum(employers_covered) AS employers_covered,
    sum(workers_covered) AS workers_covered
FROM ({CONTRACTS_SIGNED}) k
GROUP BY signing_party
"""
_ROLES = ("chair", "vice_chair", "member", "audit")


async def breakdowns(
    conn: Conn, org_id: UUID, date_from: date, stock_date: date, *, own_only: bool = False
) -> Breakdowns:
    """The breakdowns of ``org_id`` with its subtree (本级 alone with ``own_only``).

    Args:
        conn: a connection whose search path starts with the reporting schema.
        org_id: the organisation reported on.
        date_from: first day of the period (contracts signed).
        stock_date: the day the stocks are counted, also the period's last day.
        own_only: only the organisation itself, none of its descendants.
    """
    day_after = stock_date + timedelta(days=1)
    on_day, _, _ = await subtree_or_own(conn, org_id, stock_date, day_after, own_only=own_only)
    first_day = min(date_from, stock_date)
    window = await subtree_or_own(conn, org_id, first_day, day_after, own_only=own_only)
    committees = await conn.fetchrow(_COMMITTEES_SQL, on_day, stock_date)
    assert committees is not None  # aggregates without GROUP BY always return one row
    return Breakdowns(
        org_id=org_id,
        date_from=date_from,
        stock_date=stock_date,
        organisations=_organisations(await conn.fetch(_ORGANISATIONS_SQL, on_day, stock_date)),
        committees=_committees(committees),
        contracts_in_force=_by_party(await conn.fetch(_IN_FORCE_SQL, on_day, stock_date)),
        contracts_signed=_by_party(await conn.fetch(_SIGNED_SQL, *window, date_from, day_after)),
    )


def _organisations(rows: list[Any]) -> OrganisationCounts:
    by_kind: dict[str, int] = {}
    modes = dict.fromkeys(GRASSROOTS_MODES, 0)
    for row in rows:
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + row["n"]
        if row["kind"] == "grassroots_union":
            mode = row["grassroots_mode"] or "unknown"
            modes[mode] = modes.get(mode, 0) + row["n"]
    return OrganisationCounts(sum(by_kind.values()), by_kind, modes)


def _committees(row: Any) -> CommitteeFigures:
    by_role = {role: row[role] for role in _ROLES}
    by_role["women"] = row["women_seats"]
    return CommitteeFigures(
        committees=row["committees"], members=row["members"], by_role=by_role,
        women=row["women"], sex_recorded=row["sex_recorded"], full_time=row["full_time"],
    )  # fmt: skip


def _by_party(rows: list[Any]) -> dict[str, PartyFigures]:
    found = {party: PartyFigures() for party in SIGNING_PARTIES}
    for row in rows:
        found[row["signing_party"]] = PartyFigures(
            row["contracts"], row["employers_covered"], row["workers_covered"]
        )
    return found
