"""Once the pipeline is quiet, find every admission and transfer wherever it should be.

The places: membership's ``members`` and ``transfers`` tables (the truth: at most one row per
command), the admitted and transferred events in the MEMBERSHIP stream (distinct CloudEvent
ids; a copy with the same id is harmless, the inboxes drop it), reporting's ``member_facts``
and its statistics figure, and assistance's member replica with each member's union. How a
place is counted: :mod:`chaos.tally`.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, replace

import asyncpg
import httpx
import nats
from assistance.entrypoints.service import SERVICE as ASSISTANCE
from reporting.entrypoints.service import SERVICE as REPORTING

from chaos.load import Load, Outcome
from chaos.stream import ADMITTED, TRANSFERRED, read_stream
from chaos.tally import (
    Place,
    tally_downstream,
    tally_figure,
    tally_members,
    tally_transfers,
    tally_unions,
)
from chaos.tree import PERIOD, Tree, number_of


async def wait_quiet(dsn: str, nats_url: str, patience: float) -> float | None:
    """Seconds until no outbox row waits and no consumer has anything pending (None: never)."""
    started = time.monotonic()
    quiet_polls = 0
    while time.monotonic() - started < patience:
        try:
            quiet = await _quiet(dsn, nats_url)
        except (OSError, asyncpg.PostgresError, nats.errors.Error):
            quiet = False
        quiet_polls = quiet_polls + 1 if quiet else 0
        if quiet_polls >= 2:  # twice in a row: a relay may be between two batches
            return time.monotonic() - started
        await asyncio.sleep(0.5)
    return None


async def _quiet(dsn: str, nats_url: str) -> bool:
    conn = await asyncpg.connect(dsn, timeout=2)
    try:
        waiting = 0
        for schema in ("membership", "assistance"):
            waiting += await conn.fetchval(
                f"SELECT count(*) FROM {schema}.outbox WHERE published_at IS NULL"
            )
    finally:
        await conn.close()
    if waiting:
        return False
    nc = await nats.connect(nats_url, allow_reconnect=False, connect_timeout=2)
    try:
        js = nc.jetstream()
        for spec in [*REPORTING.consumers, *ASSISTANCE.consumers]:
            info = await js.consumer_info(spec.stream, spec.durable)
            if info.num_pending or info.num_ack_pending:
                return False
    finally:
        await nc.close()
    return True


@dataclass(frozen=True)
class Tables:
    """The run's members as each service's tables hold them."""

    members: dict[int, list[str]]
    """Member ids by the command number in their name."""
    unions: dict[str, str]
    transfers: Counter[str]
    facts: dict[str, Counter[str]]
    """reporting's member facts by kind (admitted, transferred), counted by member."""
    replica: dict[str, str]
    """assistance's replica: each member's union."""


async def count_everywhere(
    dsn: str, nats_url: str, reporting_url: str, token: str, tree: Tree, load: Load
) -> list[Place]:
    """Every place's count of the run's admissions, then of its transfers."""
    tables = await _read_tables(dsn)
    stream = await read_stream(nats_url)
    events = stream.by_kind
    note = f"{stream.copies} same-id copies 同 id 副本 (inboxes drop them)"
    # Reporting drops an event not newer than what it applied, so an admission applied after
    # its member's transfer is lost to it. Two relays publishing out of order put it there
    # through the stream (counted here); two consumers on one durable, through their batches.
    late = f"{stream.admitted_after_transfer} admitted after their transfer in the stream"
    admitted = set(tables.unions)
    moved = set(tables.transfers)
    figure = await _admissions_figure(reporting_url, token, tree.city)
    return [
        tally_members(tables.members, _acked(load.outcomes)),
        replace(
            tally_downstream("stream 事件流 admitted", events[ADMITTED], admitted),
            note=note,
        ),
        replace(
            tally_downstream("reporting 事实 facts admitted", tables.facts["admitted"], admitted),
            note=late,
        ),
        tally_figure("reporting 统计 members_admitted", figure, len(admitted)),
        tally_downstream("assistance 副本 replica", Counter(tables.replica.keys()), admitted),
        tally_transfers(tables.transfers, _acked(load.transfers)),
        tally_downstream("stream 事件流 transferred", events[TRANSFERRED], moved),
        tally_downstream("reporting 事实 facts transferred", tables.facts["transferred"], moved),
        tally_unions("assistance 副本 replica's union 工会", tables.replica, tables.unions),
    ]


def _acked(outcomes: dict[int, Outcome]) -> list[Outcome]:
    return [outcome for outcome in outcomes.values() if outcome.acknowledged]


async def _read_tables(dsn: str) -> Tables:
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT id::text AS id, name, union_id::text AS union_id FROM membership.members"
        )
        transfers = await conn.fetch("SELECT member_id::text AS id FROM membership.transfers")
        facts = await conn.fetch(
            "SELECT member_id::text AS id, fact FROM reporting.member_facts"
            " WHERE fact IN ('admitted', 'transferred')"
        )
        replica = await conn.fetch(
            "SELECT member_id::text AS id, org_id::text AS union_id FROM assistance.member_replica"
        )
    finally:
        await conn.close()
    return _tables(rows, transfers, facts, replica)


def _tables(
    rows: list[asyncpg.Record],
    transfers: list[asyncpg.Record],
    facts: list[asyncpg.Record],
    replica: list[asyncpg.Record],
) -> Tables:
    """The rows read, keyed for counting; membership's limited to the run's own members."""
    members: dict[int, list[str]] = {}
    for row in rows:
        number = number_of(row["name"])
        if number is not None:
            members.setdefault(number, []).append(row["id"])
    ours = {member for ids in members.values() for member in ids}
    by_fact: dict[str, Counter[str]] = {"admitted": Counter(), "transferred": Counter()}
    for fact in facts:
        by_fact[fact["fact"]][fact["id"]] += 1
    return Tables(
        members,
        {row["id"]: row["union_id"] for row in rows if row["id"] in ours},
        Counter(row["id"] for row in transfers if row["id"] in ours),
        by_fact,
        {row["id"]: row["union_id"] for row in replica},
    )


async def _admissions_figure(reporting_url: str, token: str, city: str) -> int:
    """The city's ``members_admitted`` for the period, as the statistics API answers it."""
    async with httpx.AsyncClient(headers={"Authorization": f"Bearer {token}"}) as http:
        response = await http.get(
            f"{reporting_url}/api/v1/statistics", params={"org_id": city, "period": PERIOD}
        )
    response.raise_for_status()
    return int(response.json()["flows"]["members_admitted"])
