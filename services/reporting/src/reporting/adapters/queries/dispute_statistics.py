"""Reading the mediation indicators (劳动争议调解) of an organisation with its subtree.

The subtree is resolved once per report by the membership statistics (the same tree, the
same rules): each organisation with the days it was in the subtree. Contacts, cases' facts
and grants of legal aid count where they were recorded, under the tree of their own day; the
overdue cases on the stock date under the tree of that day. The SQL is in :mod:`dispute_sql`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries import dispute_sql as sql
from reporting.adapters.queries.statistics import subtree as resolve_subtree
from reporting.adapters.queries.statistics import subtree_or_own
from reporting.domain.dispute_figures import (
    CATEGORIES,
    CHANNELS,
    EXTENSION_REASONS,
    STAGES,
    TARGETS,
    CaseFigures,
    ContactFigures,
    DisputeFigures,
    ExtensionFigures,
    OutcomeFigures,
    OverdueFigures,
)
from reporting.domain.dispute_table import Column, sub_periods
from reporting.domain.periods import Period
from reporting.domain.report_table import period_label

MonthlyCases = dict[int, dict[str, int]]
"""Month (1–12) → ``accepted``, ``closed``, ``settled`` → cases; months without any absent."""


async def dispute_figures(
    conn: Conn, org_id: UUID, date_from: date, stock_date: date, *, own_only: bool = False
) -> DisputeFigures:
    """The mediation indicators of ``org_id`` with its subtree (本级 alone with ``own_only``).

    Args:
        conn: a connection whose search path starts with the reporting schema.
        org_id: the organisation reported on.
        date_from: first day of the flows.
        stock_date: the day overdue cases are counted, also the last day of the flows.
        own_only: only what was recorded at ``org_id`` itself, none of its descendants.
    """
    day_after = stock_date + timedelta(days=1)
    first_day = min(date_from, stock_date)
    sub = await subtree_or_own(conn, org_id, first_day, day_after, own_only=own_only)
    flows = await conn.fetch(sql.FLOWS_SQL, *sub, date_from, day_after)
    overdue = await conn.fetchval(sql.OVERDUE_SQL, *sub, stock_date)
    return DisputeFigures(
        org_id=org_id,
        name=await conn.fetchval(sql.NAME_SQL, org_id, stock_date),
        date_from=date_from,
        stock_date=stock_date,
        contacts=await _contacts(conn, sub, date_from, day_after),
        cases=await _cases(conn, sub, (date_from, day_after), flows),
        outcomes=await _outcomes(conn, sub, (date_from, day_after), flows),
        overdue=OverdueFigures(overdue, _sum(flows, "overdue", "facts")),
        extensions=await _extensions(conn, sub, date_from, day_after),
    )


async def children_dispute_figures(
    conn: Conn, org_id: UUID, date_from: date, stock_date: date
) -> list[DisputeFigures]:
    """One report per child of ``org_id`` as the tree stood on ``stock_date``, by name."""
    rows = await conn.fetch(sql.CHILDREN_SQL, org_id, stock_date)
    return [await dispute_figures(conn, row["org_id"], date_from, stock_date) for row in rows]


async def period_dispute_figures(
    conn: Conn, org_id: UUID, period: Period, stock_date: date
) -> list[Column]:
    """The figures of each part of ``period`` (see :func:`sub_periods`) up to ``stock_date``."""
    columns = []
    for part in sub_periods(period, stock_date):
        last = min(part.date_to, stock_date)
        figures = await dispute_figures(conn, org_id, part.date_from, last)
        columns.append(Column(period_label(part.date_from, part.date_to, last), figures))
    return columns


async def monthly_cases(conn: Conn, org_id: UUID, year: int) -> MonthlyCases:
    """Cases accepted, closed and settled in each month of ``year``, the tree of each day."""
    first, day_after = date(year, 1, 1), date(year + 1, 1, 1)
    sub = await resolve_subtree(conn, org_id, first, day_after)
    found: MonthlyCases = {}
    for row in await conn.fetch(sql.MONTHLY_SQL, *sub, first, day_after):
        found.setdefault(row["month"], {})[row["fact"]] = row["cases"]
    return found


def _sum(rows: Sequence[Any], fact: str, column: str, detail: str | None = None) -> int:
    """``column`` summed over the flow rows of ``fact`` (and ``detail``, when given)."""
    return sum(
        row[column]
        for row in rows
        if row["fact"] == fact and (detail is None or row["detail"] == detail)
    )


async def _contacts(
    conn: Conn, sub: tuple[object, ...], first: date, day_after: date
) -> ContactFigures:
    by_channel = dict.fromkeys(CHANNELS, 0)
    workers = 0
    for row in await conn.fetch(sql.CONTACTS_SQL, *sub, first, day_after):
        by_channel[row["channel"]] = row["contacts"]
        workers += row["workers"]
    return ContactFigures(by_channel, workers)


async def _extensions(
    conn: Conn, sub: tuple[object, ...], first: date, day_after: date
) -> ExtensionFigures:
    by_reason = dict.fromkeys(EXTENSION_REASONS, 0)
    for row in await conn.fetch(sql.EXTENSIONS_SQL, *sub, first, day_after):
        by_reason[row["reason"]] = row["extensions"]
    return ExtensionFigures(by_reason)


async def _cases(
    conn: Conn, sub: tuple[object, ...], window: tuple[date, date], flows: Sequence[Any]
) -> CaseFigures:
    rows = await conn.fetch(sql.ACCEPTED_SQL, *sub, *window)
    by_category = dict.fromkeys(CATEGORIES, 0)
    by_category.update({row["category"]: row["cases"] for row in rows})
    return CaseFigures(
        by_category=by_category,
        workers=sum(row["workers"] for row in rows),
        migrant_workers=sum(row["migrant"] for row in rows),
        collective=sum(row["collective"] for row in rows),
        claimed_fen=sum(row["claimed_fen"] for row in rows),
        received=_sum(flows, "received", "cases"),
        declined=_sum(flows, "declined", "cases"),
        withdrawn=_sum(flows, "withdrawn", "cases"),
    )


async def _outcomes(
    conn: Conn, sub: tuple[object, ...], window: tuple[date, date], flows: Sequence[Any]
) -> OutcomeFigures:
    legal_aid = dict.fromkeys(STAGES, 0)
    for row in await conn.fetch(sql.LEGAL_AID_SQL, *sub, *window):
        legal_aid[row["stage"]] = row["granted"]
    return OutcomeFigures(
        closed=_sum(flows, "closed", "cases"),
        settled=_sum(flows, "settled", "cases"),
        failed=_sum(flows, "failed", "cases"),
        agreed_fen=_sum(flows, "settled", "amount_fen"),
        referred={target: _sum(flows, "referred", "cases", target) for target in TARGETS},
        legal_aid=legal_aid,
        recovered_fen=_sum(flows, "recovery", "amount_fen"),
    )
