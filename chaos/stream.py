"""The run's admitted and transferred events as the MEMBERSHIP stream holds them."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass
from typing import Any

import nats
import orjson
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError
from shared.bus import MEMBERSHIP_STREAM
from shared.contracts.membership import MemberAdmitted, MemberTransferred

ADMITTED = MemberAdmitted.event_type
TRANSFERRED = MemberTransferred.event_type
FETCH_CONCURRENCY = 64


@dataclass(frozen=True)
class StreamEvents:
    by_kind: dict[str, Counter[str]]
    """Distinct events (by CloudEvent id) of each kind, counted by member."""
    copies: int
    """Messages repeating an event id already seen (harmless: the inboxes drop them)."""
    admitted_after_transfer: int
    """Members whose admission sits in the stream after their transfer."""


async def read_stream(nats_url: str) -> StreamEvents:
    """Read every message of the stream and keep the admissions and transfers."""
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        info = await js.stream_info(MEMBERSHIP_STREAM.name)
        first, last = int(info.state.first_seq), int(info.state.last_seq)
        distinct: dict[str, tuple[str, str, int]] = {}
        messages = 0
        for start in range(first, last + 1, FETCH_CONCURRENCY):
            sequences = range(start, min(start + FETCH_CONCURRENCY, last + 1))
            payloads = await asyncio.gather(*(_payload(js, s) for s in sequences))
            for sequence, payload in zip(sequences, payloads, strict=True):
                if payload is not None and payload.get("type") in (ADMITTED, TRANSFERRED):
                    member = str(payload["data"]["member_id"])
                    distinct.setdefault(payload["id"], (payload["type"], member, sequence))
                    messages += 1
    finally:
        await nc.close()
    return _summary(distinct, messages)


def _summary(distinct: dict[str, tuple[str, str, int]], messages: int) -> StreamEvents:
    by_kind: dict[str, Counter[str]] = {ADMITTED: Counter(), TRANSFERRED: Counter()}
    first_seen: dict[tuple[str, str], int] = {}
    for kind, member, sequence in distinct.values():
        by_kind[kind][member] += 1
        first_seen[(kind, member)] = min(sequence, first_seen.get((kind, member), sequence))
    late = sum(
        1
        for (kind, member), sequence in first_seen.items()
        if kind == ADMITTED and first_seen.get((TRANSFERRED, member), sequence) < sequence
    )
    return StreamEvents(by_kind, messages - len(distinct), late)


async def _payload(js: JetStreamContext, sequence: int) -> dict[str, Any] | None:
    try:
        message = await js.get_msg(MEMBERSHIP_STREAM.name, sequence)
    except NotFoundError:
        return None
    decoded: dict[str, Any] = orjson.loads(message.data or b"{}")
    return decoded
