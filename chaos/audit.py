"""Once the pipeline is quiet, find every admission wherever it should be, and count it.

The places: membership's ``members`` table (the truth: one row per command, at most), the
admitted events in the MEMBERSHIP stream (distinct CloudEvent ids; a copy with the same id is
harmless, the inboxes drop it), reporting's ``member_facts`` and its statistics figure, and
assistance's member replica. A place has *lost* an admission it misses (downstream: any
member membership holds), *duplicated* one it holds more than once (or, for the figure, counts
beyond the table), and holds an *extra* one for a member membership never committed.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx
import nats
import orjson
from assistance.entrypoints.service import SERVICE as ASSISTANCE
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError
from reporting.entrypoints.service import SERVICE as REPORTING
from shared.bus import MEMBERSHIP_STREAM
from shared.contracts.membership import MemberAdmitted

from chaos.load import Outcome
from chaos.tree import PERIOD, Tree, number_of

ADMITTED_TYPE = MemberAdmitted.event_type
FETCH_CONCURRENCY = 64


@dataclass(frozen=True)
class Place:
    """One place's count of admissions and what it lost, duplicated or made up."""

    name: str
    counted: int
    lost: int
    duplicated: int
    extra: int = 0
    note: str = ""


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


async def count_everywhere(
    dsn: str, nats_url: str, reporting_url: str, token: str, tree: Tree, acked: list[Outcome]
) -> list[Place]:
    """Every place's count of the run's admissions."""
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch("SELECT id::text AS id, name FROM membership.members")
        facts = await conn.fetch(
            "SELECT member_id::text AS id FROM reporting.member_facts WHERE fact = 'admitted'"
        )
        replica = await conn.fetch("SELECT member_id::text AS id FROM assistance.member_replica")
    finally:
        await conn.close()
    by_number: dict[int, list[str]] = {}
    for row in rows:
        number = number_of(row["name"])
        if number is not None:
            by_number.setdefault(number, []).append(row["id"])
    truth = {member for members in by_number.values() for member in members}
    figure = await _admissions_figure(reporting_url, token, tree.city)
    return [
        tally_members(by_number, acked),
        await _stream(nats_url, truth),
        tally_downstream("reporting member_facts 事实表", Counter(r["id"] for r in facts), truth),
        Place(
            "reporting 统计 members_admitted",
            figure,
            max(0, len(truth) - figure),
            max(0, figure - len(truth)),
        ),
        tally_downstream(
            "assistance member_replica 副本", Counter(r["id"] for r in replica), truth
        ),
    ]


def tally_members(by_number: dict[int, list[str]], acked: list[Outcome]) -> Place:
    """Lost: an acknowledged member with no row; duplicated: a command with two rows."""
    ids = {member for members in by_number.values() for member in members}
    lost = sum(1 for outcome in acked if outcome.member_id not in ids)
    duplicated = sum(len(members) - 1 for members in by_number.values())
    return Place("membership members 会员表", len(ids), lost, duplicated)


def tally_downstream(name: str, seen: Counter[str], truth: set[str]) -> Place:
    lost = len(truth - set(seen))
    duplicated = sum(times - 1 for member, times in seen.items() if member in truth)
    extra = sum(times for member, times in seen.items() if member not in truth)
    return Place(name, len(set(seen) & truth), lost, duplicated, extra)


async def _stream(nats_url: str, truth: set[str]) -> Place:
    events, copies = await _admitted_events(nats_url)
    place = tally_downstream("MEMBERSHIP stream 事件流", Counter(events), truth)
    note = f"同 id 副本 same-id copies: {copies} (inboxes drop them)"
    return Place(place.name, place.counted, place.lost, place.duplicated, place.extra, note)


async def _admitted_events(nats_url: str) -> tuple[list[str], int]:
    """The member id of each distinct admitted event in the stream, and how many messages
    repeated an event id already seen."""
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        info = await js.stream_info(MEMBERSHIP_STREAM.name)
        first, last = int(info.state.first_seq), int(info.state.last_seq)
        members: dict[str, str] = {}
        messages = 0
        for start in range(first, last + 1, FETCH_CONCURRENCY):
            sequences = range(start, min(start + FETCH_CONCURRENCY, last + 1))
            for payload in await asyncio.gather(
                *(_payload(js, MEMBERSHIP_STREAM.name, s) for s in sequences)
            ):
                if payload is not None and payload.get("type") == ADMITTED_TYPE:
                    members[payload["id"]] = str(payload["data"]["member_id"])
                    messages += 1
        return list(members.values()), messages - len(members)
    finally:
        await nc.close()


async def _payload(js: JetStreamContext, stream: str, sequence: int) -> dict[str, Any] | None:
    try:
        message = await js.get_msg(stream, sequence)
    except NotFoundError:
        return None
    decoded: dict[str, Any] = orjson.loads(message.data or b"{}")
    return decoded


async def _admissions_figure(reporting_url: str, token: str, city: str) -> int:
    """The city's ``members_admitted`` for the period, as the statistics API answers it."""
    async with httpx.AsyncClient(headers={"Authorization": f"Bearer {token}"}) as http:
        response = await http.get(
            f"{reporting_url}/api/v1/statistics", params={"org_id": city, "period": PERIOD}
        )
    response.raise_for_status()
    return int(response.json()["flows"]["members_admitted"])
