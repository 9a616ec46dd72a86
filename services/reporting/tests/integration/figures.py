"""Flatten a report into one comparable tuple per area, to check against hand-computed rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from reporting.adapters.queries import statistics
from reporting.domain.figures import Indicators

from .conftest import Bus

# employers, workers, covered employers, 建会率, active members, retained members, 入会率
StockRow = tuple[int, int, int, Decimal | None, int, int, Decimal | None]
# unions founded, admitted, of whom migrant, of whom female, transfers in, transfers out, left
FlowRow = tuple[int, int, int, int, int, int, int]
# per kind: in force, employers covered, workers covered, signed in period
ContractRow = tuple[int, int, int, int]


def stock_row(figures: Indicators) -> StockRow:
    s = figures.stock
    return (s.employers, s.workers, s.covered_employers, s.coverage_rate,
            s.active_members, s.retained_members, s.membership_rate)  # fmt: skip


def flow_row(figures: Indicators) -> FlowRow:
    f = figures.flows
    return (f.unions_founded, f.members_admitted, f.admitted_migrant, f.admitted_female,
            f.transfers_in, f.transfers_out, f.members_left)  # fmt: skip


def contract_rows(figures: Indicators) -> dict[str, ContractRow]:
    return {
        kind: (c.in_force, c.employers_covered, c.workers_covered, c.signed_in_period)
        for kind, c in figures.contracts.items()
        if (c.in_force, c.signed_in_period) != (0, 0)
    }


async def report(bus: Bus, org: UUID, date_from: date, stock_date: date) -> Indicators:
    async with bus.pool.acquire() as conn:
        return await statistics.indicators(conn, org, date_from, stock_date)


async def snapshot(bus: Bus, orgs: list[UUID], date_from: date, stock_date: date) -> list[Any]:
    """Everything the reports of ``orgs`` say, to compare before and after re-deliveries."""
    found = []
    for org in orgs:
        figures = await report(bus, org, date_from, stock_date)
        found.append((stock_row(figures), flow_row(figures), contract_rows(figures)))
    return found
