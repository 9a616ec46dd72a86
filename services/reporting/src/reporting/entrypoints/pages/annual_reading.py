"""What the annual report pages read: the organisation, year and 截至日 asked for, the scope check,
and each readable table's figures, all through the annual report API's own functions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode
from uuid import UUID

from fastapi.responses import Response
from shared.auth import Principal
from shared.http.problems import Problem
from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries import annual_facts
from reporting.domain import annual_figures
from reporting.domain.annual_figures import Figure
from reporting.domain.annual_report import AnnualTable
from reporting.domain.annual_tables import annual_tables
from reporting.domain.periods import EARLIEST, LATEST
from reporting.entrypoints.api.annual_report import AUDIENCES, ensure_in_scope
from reporting.entrypoints.pages import figures
from reporting.entrypoints.pages.layout import message_page

ANNUAL_PAGE = "/dashboard/annual-report"


@dataclass(frozen=True)
class Asked:
    """The organisation (``None``: the caller's own), year and 截至日 (``None``: year's end)."""

    org_id: UUID | None
    year: int
    as_of: date | None = None

    @property
    def window(self) -> tuple[date, date]:
        """The year's first day and the stock date."""
        return date(self.year, 1, 1), self.as_of or date(self.year, 12, 31)

    def query(self, org_id: UUID, **extra: str) -> str:
        """The query string naming ``org_id``, the year, the 截至日 when given, and ``extra``."""
        query = {"org_id": str(org_id), "year": str(self.year)}
        if self.as_of is not None:
            query["as_of"] = self.as_of.isoformat()
        return urlencode({**query, **extra})


@dataclass(frozen=True)
class FilledTable:
    """A table and its figures by cell key."""

    table: AnnualTable
    figures: dict[str, Figure]


def asked(
    org_id: str | None, year: int | None, as_of: date | None, period: str | None, today: date
) -> Asked:
    """What the address asks for; a ``period`` such as ``2024H1`` names its year (the other
    dashboards' links carry one). By default last year, to its end.

    Raises:
        ValueError: ``org_id`` is not a uuid, the year is out of range, or 截至日 is not in it.
    """
    if year is None and period and period[:4].isdigit():
        year = int(period[:4])
    chosen = today.year - 1 if year is None else year
    if not EARLIEST.year <= chosen <= LATEST.year:
        raise ValueError(f"年度须在 {EARLIEST.year} 至 {LATEST.year} 之间")
    if as_of is not None and as_of.year != chosen:
        raise ValueError(f"截至日须在 {chosen} 年内")
    try:
        wanted = UUID(org_id) if org_id else None
    except ValueError:
        raise ValueError("组织编号无效") from None
    return Asked(wanted, chosen, as_of)


async def shown(conn: Conn, principal: Principal, wanted: Asked) -> tuple[UUID, str] | Response:
    """The organisation shown and its name, or the page refusing it as the API refuses it."""
    target = wanted.org_id or await figures.home_organisation(conn, principal)
    if target is None:
        return message_page(404, "尚无组织数据", "还没有收到任何组织的事件。")
    try:
        name = await ensure_in_scope(conn, principal, target, wanted.window)
    except Problem as problem:
        return refusal(principal, problem)
    return target, name


def refusal(principal: Principal, problem: Problem) -> Response:
    """A problem the API would answer, as a page in Chinese."""
    detail = problem.detail or "；".join(e.message for e in problem.errors or []) or problem.title
    return message_page(problem.status, problem.title, detail, who=principal.title)


def readable(principal: Principal, bands: tuple[int, ...]) -> list[AnnualTable]:
    """The tables the caller may read, in the report's order (the API's audience rule)."""
    tables = annual_tables(bands).values()
    return [table for table in tables if principal.has_any(*AUDIENCES[table.audience])]


async def filled(
    conn: Conn, table: AnnualTable, org_id: UUID, window: tuple[date, date], bands: tuple[int, ...]
) -> FilledTable:
    """The table's figures, read as the API reads them."""
    sources = await annual_facts.table_sources(conn, table, org_id, window, bands)
    return FilledTable(table, annual_figures.table_figures(table, sources))
