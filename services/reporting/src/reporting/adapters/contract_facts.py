"""Collective contract events → ``contracts`` with their term and coverage."""

from __future__ import annotations

from typing import Any, TypeAlias

import asyncpg
from shared.contracts import membership as contracts

Conn: TypeAlias = "asyncpg.Connection[Any]"


async def signed(conn: Conn, event: contracts.ContractSigned, version: int) -> None:
    """A contract signed by the union ``org_id`` on ``occurred_on``."""
    await conn.execute(
        "INSERT INTO contracts (contract_id, union_id, kind, signed_on, starts_on, ends_on,"
        " employers_covered, workers_covered) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        " ON CONFLICT (contract_id) DO NOTHING",
        event.contract_id, event.org_id, event.kind, event.occurred_on,
        event.starts_on, event.ends_on, event.employers_covered, event.workers_covered,
    )  # fmt: skip


async def terminated(conn: Conn, event: contracts.ContractTerminated, version: int) -> None:
    """The contract stopped being in force on ``occurred_on``, before its term."""
    await conn.execute(
        "UPDATE contracts SET terminated_on = $2 WHERE contract_id = $1",
        event.contract_id,
        event.occurred_on,
    )
