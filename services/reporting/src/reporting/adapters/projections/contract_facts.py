"""Collective contract events → ``contracts`` with their term and coverage.

A signing inserts the contract unless it is known already; a termination sets the end of a
contract present at that moment. Applied together, a batch keeps that order: a termination
counts only once its contract exists, before the batch or signed earlier in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, TypeAlias
from uuid import UUID

import asyncpg
from shared.contracts import membership as contracts

from reporting.adapters.projections import totals
from reporting.adapters.projections.columns import columns
from reporting.adapters.rebuild import deferral

Conn: TypeAlias = "asyncpg.Connection[Any]"
ContractEvent: TypeAlias = "contracts.ContractSigned | contracts.ContractTerminated"

_INSERT_SQL = (
    "INSERT INTO contracts (contract_id, union_id, kind, signed_on, starts_on, ends_on,"
    " employers_covered, workers_covered) SELECT * FROM unnest($1::uuid[], $2::uuid[],"
    " $3::text[], $4::date[], $5::date[], $6::date[], $7::integer[], $8::integer[])"
    " ON CONFLICT (contract_id) DO NOTHING RETURNING contract_id"
)
# What each contract adds to its union's totals: signed on its day; in force, with the
# employers and workers it covers, from its start to its end or its termination.
CHANGES_SQL = """
WITH k AS (
    SELECT union_id, kind, signed_on, starts_on, employers_covered, workers_covered,
        LEAST(ends_on + 1, terminated_on) AS ended_on
    FROM contracts WHERE contract_id = ANY($1::uuid[])
)
SELECT union_id, kind, signed_on AS day, 0 AS in_force, 0::bigint AS employers_covered,
    0::bigint AS workers_covered, 1 AS signed FROM k
UNION ALL
SELECT union_id, kind, starts_on, 1, employers_covered, workers_covered, 0 FROM k
WHERE starts_on < ended_on
UNION ALL
SELECT union_id, kind, ended_on, -1, -employers_covered, -workers_covered, 0 FROM k
WHERE starts_on < ended_on
"""
_TERMINATE_SQL = (
    "UPDATE contracts c SET terminated_on = t.terminated_on"
    " FROM unnest($1::uuid[], $2::date[]) AS t(contract_id, terminated_on)"
    " WHERE c.contract_id = t.contract_id"
)


async def record(conn: Conn, event: ContractEvent, version: int) -> None:
    """Apply one contract event."""
    await record_all(conn, [(event, version)])


async def record_all(conn: Conn, applied: Sequence[tuple[ContractEvent, int]]) -> None:
    """Apply ``applied`` (events with their versions, in stream order) and update the totals:
    what the contracts added before is replaced by what they add now."""
    if not deferral.derived_now():
        await _write(conn, applied)
        return
    touched = list(dict.fromkeys(event.contract_id for event, _ in applied))
    before = await conn.fetch(CHANGES_SQL, touched)
    await _write(conn, applied)
    after = await conn.fetch(CHANGES_SQL, touched)
    changes = [(*row[:3], *(-amount for amount in row[3:])) for row in before]
    await totals.add(conn, totals.CONTRACTS, [*changes, *after])


async def _write(conn: Conn, applied: Sequence[tuple[ContractEvent, int]]) -> None:
    signings: dict[UUID, contracts.ContractSigned] = {}
    last_end: dict[UUID, date] = {}
    ended_after_signing: set[UUID] = set()
    for event, _ in applied:
        if isinstance(event, contracts.ContractSigned):
            signings.setdefault(event.contract_id, event)
            continue
        last_end[event.contract_id] = event.occurred_on
        if event.contract_id in signings:
            ended_after_signing.add(event.contract_id)
    inserted: set[UUID] = set()
    if signings:
        rows = await conn.fetch(_INSERT_SQL, *columns([_row(e) for e in signings.values()]))
        inserted = {row[0] for row in rows}
    # A contract inserted now did not exist before its signing: ends before it don't count,
    # and the last end of all is after the signing whenever one is.
    ends = [
        (contract, end)
        for contract, end in last_end.items()
        if contract not in inserted or contract in ended_after_signing
    ]
    if ends:
        await conn.execute(_TERMINATE_SQL, *columns(ends))


def _row(event: contracts.ContractSigned) -> tuple[Any, ...]:
    return (event.contract_id, event.org_id, event.kind, event.occurred_on, event.starts_on,
            event.ends_on, event.employers_covered, event.workers_covered)  # fmt: skip
