"""Keeping the totals per organisation and span (migration 004) in step with the facts.

A projection hands over what changed, as (organisation, [kind,] day, one amount per measure):
a membership period is +1 active (or retained) on its first day and -1 on the day after its
last, a removed one the opposite; an admission is +1 admitted on its day; and so on. The
changes are added to the day, month, year and decade holding the day, for the organisation
and for all organisations together (the nil id), in one statement. Rows back to all zeros
are deleted, so the totals depend on the facts only, not on how events were batched.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from shared.outbox.writer import Connection as Conn

from reporting.adapters.projections.columns import columns
from reporting.adapters.rebuild import deferral

ALL_ORGS = UUID(int=0)
"""The organisation id the totals of all organisations together are kept under."""


@dataclass(frozen=True)
class Family:
    """One totals table: its organisation column, whether it is kept per kind, its measures."""

    table: str
    org_column: str
    measures: tuple[str, ...]
    by_kind: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.org_column, *(("kind",) if self.by_kind else ()), "span", "starts")


MEMBERS = Family(
    "member_totals",
    "union_id",
    ("active", "retained", "admitted", "admitted_female", "admitted_migrant", "members_left"),
)
EMPLOYERS = Family(
    "employer_totals",
    "territory_org_id",
    (
        "employers",
        "workers",
        "women",
        "migrant_workers",
        "covered",
        "women_unknown",
        "migrant_unknown",
    ),
)
CONTRACTS = Family(
    "contract_totals",
    "union_id",
    ("in_force", "employers_covered", "workers_covered", "signed"),
    by_kind=True,
)


async def add(conn: Conn, family: Family, changes: Iterable[Sequence[Any]]) -> None:
    """Add ``changes``: rows of organisation id, [kind,] day, then one amount per measure."""
    if not deferral.derived_now():
        return
    width = 2 + family.by_kind
    summed: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0] * len(family.measures))
    for change in changes:
        amounts = summed[tuple(change[:width])]
        for index, amount in enumerate(change[width:]):
            amounts[index] += amount
    rows = [(*key, *amounts) for key, amounts in summed.items() if any(amounts)]
    if not rows:
        return
    await delete_emptied(conn, family, await conn.fetch(_add_sql(family), *columns(rows)))


async def delete_emptied(conn: Conn, family: Family, emptied: Sequence[Any]) -> None:
    """Delete the rows of ``family`` whose keys :func:`adding_sql` returned."""
    if emptied:
        await conn.execute(_delete_sql(family), *columns([tuple(row) for row in emptied]))


@functools.cache
def _add_sql(family: Family) -> str:
    inputs = ["org_id", *(["kind"] if family.by_kind else []), "day", *family.measures]
    types = ["uuid", *(["text"] if family.by_kind else []), "date"]
    types += ["bigint"] * len(family.measures)
    arrays = ", ".join(f"${n}::{t}[]" for n, t in enumerate(types, 1))
    return adding_sql(family, f"SELECT * FROM unnest({arrays}) AS c({', '.join(inputs)})")


def adding_sql(family: Family, changes: str, *, fresh: bool = False) -> str:
    """The statement adding the ``changes`` query's rows (as :func:`add` takes them).

    It returns the keys of the rows whose every measure is zero afterwards; ``fresh`` (the
    table is empty) writes only the rows that are not zero and returns nothing.
    """
    by = ", ".join(["org_id", *(["kind"] if family.by_kind else []), "day"])
    kind = ", c.kind" if family.by_kind else ""
    keys, measures = ", ".join(family.keys), ", ".join(family.measures)
    insert = f"""INSERT INTO {family.table} ({keys}, {measures})
    SELECT o.org_id{kind}, s.span, s.starts, {", ".join(f"sum(c.{m})" for m in family.measures)}
    FROM c
    CROSS JOIN LATERAL (VALUES (c.org_id), ('{ALL_ORGS}'::uuid)) AS o(org_id)
    CROSS JOIN LATERAL (VALUES ('d', c.day),
        ('m', make_date(extract(year FROM c.day)::int, extract(month FROM c.day)::int, 1)),
        ('y', make_date(extract(year FROM c.day)::int, 1, 1)),
        ('c', make_date(greatest(1, extract(year FROM c.day)::int / 10 * 10), 1, 1)))
        AS s(span, starts)
    GROUP BY o.org_id{kind}, s.span, s.starts"""
    head = f"""WITH c AS (
    SELECT {by}, {", ".join(f"sum({m}) AS {m}" for m in family.measures)}
    FROM ({changes}) AS changes GROUP BY {by}
), known AS (INSERT INTO totals_orgs (org_id) SELECT DISTINCT org_id FROM c ON CONFLICT DO NOTHING)
"""
    if fresh:
        return (
            f"{head}{insert}\n    HAVING {' OR '.join(f'sum(c.{m}) <> 0' for m in family.measures)}"
        )
    added = ", ".join(f"{m} = {family.table}.{m} + EXCLUDED.{m}" for m in family.measures)
    zero = " AND ".join(f"{m} = 0" for m in family.measures)
    return f"""{head}, changed AS (
    {insert}
    ON CONFLICT ({keys}) DO UPDATE SET {added}
    RETURNING {keys}, ({zero}) AS emptied
)
SELECT {keys} FROM changed WHERE emptied"""


@functools.cache
def _delete_sql(family: Family) -> str:
    types = ["uuid", *(["text"] if family.by_kind else []), "text", "date"]
    arrays = ", ".join(f"${n}::{t}[]" for n, t in enumerate(types, 1))
    keys = ", ".join(family.keys)
    return f"DELETE FROM {family.table} WHERE ({keys}) IN (SELECT * FROM unnest({arrays}))"


def stretch(
    key: tuple[Any, ...], first: date, after: date | None, amounts: Sequence[int]
) -> list[tuple[Any, ...]]:
    """The changes of ``amounts`` holding for ``key`` on every day of [first, after).

    ``key`` is the organisation id, and the kind for a family kept per kind; ``after`` None
    means the amounts hold from ``first`` on.
    """
    found = [(*key, first, *amounts)]
    if after is not None:
        found.append((*key, after, *(-amount for amount in amounts)))
    return found
