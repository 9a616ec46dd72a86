"""Collective contract events → ``contracts`` with their term and coverage.

Versions may come in any order, so what each says is stored and the contract derived from
all of them, as if they had come in version order: the contract is its first signing (the
lowest version; a later signing changes nothing), and it ends on the date of its newest
termination of a version after that signing (one before the signing found no contract).
A termination arriving before its signing is kept in ``contract_terminations`` until then.
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
    "INSERT INTO contracts AS c (contract_id, union_id, kind, signed_on, starts_on, ends_on,"
    " employers_covered, workers_covered, signed_version, signing_party) SELECT * FROM"
    " unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::date[], $6::date[],"
    " $7::integer[], $8::integer[], $9::bigint[], $10::text[]) ON CONFLICT (contract_id)"
    " DO UPDATE SET union_id = EXCLUDED.union_id, signing_party = EXCLUDED.signing_party,"
    " kind = EXCLUDED.kind, signed_on = EXCLUDED.signed_on, starts_on = EXCLUDED.starts_on,"
    " ends_on = EXCLUDED.ends_on, employers_covered = EXCLUDED.employers_covered,"
    " workers_covered = EXCLUDED.workers_covered, signed_version = EXCLUDED.signed_version"
    " WHERE EXCLUDED.signed_version < c.signed_version"
)
_INSERT_TERMINATIONS_SQL = (
    "INSERT INTO contract_terminations (contract_id, version, terminated_on)"
    " SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::date[]) ON CONFLICT DO NOTHING"
)
# Every touched contract's end from the terminations after its signing, the newest first.
_DERIVE_ENDS_SQL = (
    "UPDATE contracts c SET terminated_on = (SELECT t.terminated_on FROM contract_terminations t"
    " WHERE t.contract_id = c.contract_id AND t.version > c.signed_version"
    " ORDER BY t.version DESC LIMIT 1) WHERE c.contract_id = ANY($1::uuid[])"
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
    signings: dict[UUID, tuple[contracts.ContractSigned, int]] = {}
    ends: list[tuple[UUID, int, date]] = []
    for event, version in applied:
        if not isinstance(event, contracts.ContractSigned):
            ends.append((event.contract_id, version, event.occurred_on))
        elif event.contract_id not in signings or version < signings[event.contract_id][1]:
            signings[event.contract_id] = (event, version)  # the first signing by version
    if signings:
        await conn.execute(_INSERT_SQL, *columns([_row(*signed) for signed in signings.values()]))
    if ends:
        await conn.execute(_INSERT_TERMINATIONS_SQL, *columns(ends))
    touched = list(dict.fromkeys(event.contract_id for event, _ in applied))
    await conn.execute(_DERIVE_ENDS_SQL, touched)


def _row(event: contracts.ContractSigned, version: int) -> tuple[Any, ...]:
    return (event.contract_id, event.org_id, event.kind, event.occurred_on, event.starts_on,
            event.ends_on, event.employers_covered, event.workers_covered, version,
            event.signing_party)  # fmt: skip
