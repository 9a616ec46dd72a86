"""Replaying the MEMBERSHIP stream from its first message into another schema.

An ephemeral pull consumer (no acks, deliver all) reads the stream in order. Each batch
commits in one transaction with the kit's inbox and tracking rows written under the live
consumer's name, so the replayed schema holds exactly what the live consumer would have
written and can take its place. Events are applied by the live projection handler; an event
it refuses as poison is skipped, as the live consumer dead-letters it instead of applying it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

import asyncpg
from nats.aio.msg import Msg
from nats.js import api
from nats.js.client import JetStreamContext
from shared.bus import PoisonMessage
from shared.bus.delivery import Delivery, Outcome, decode
from shared.bus.inbox import claim, release, track
from shared.outbox.writer import Connection

from reporting.adapters.projection import apply_membership_event
from reporting.config import MEMBERSHIP_CONSUMER

Progress = Callable[[int], None]
"""Called after each committed batch with the stream sequence reached."""

_FETCH_TIMEOUT_SECONDS = 2.0
_IDLE_CONSUMER_EXPIRY = timedelta(minutes=5)


class ReplayStalled(RuntimeError):
    """The stream delivered nothing although the sequence asked for was not reached."""


@dataclass
class ReplayCounts:
    """What the replay did so far."""

    position: int = 0  # stream sequence of the last message replayed
    messages: int = 0
    applied: int = 0
    duplicates: int = 0
    skipped: int = 0  # poison: the live consumer dead-letters these


class StreamReplay:
    """Applies the stream's messages, in order, into the schema of ``pool``.

    Args:
        pool: connections whose search path starts with the target schema.
        js: JetStream context.
        batch_size: messages fetched and committed together.
    """

    def __init__(
        self, pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, batch_size: int
    ) -> None:
        self._pool = pool
        self._js = js
        self._batch_size = batch_size
        self._subscription: JetStreamContext.PullSubscription | None = None
        self._ahead: list[Msg] = []  # fetched past the sequence asked for, kept for later
        self.counts = ReplayCounts()

    async def replay_until(self, last_seq: int, progress: Progress | None = None) -> None:
        """Apply every message up to stream sequence ``last_seq`` not applied yet.

        Raises:
            ReplayStalled: the stream has no more messages before ``last_seq``.
        """
        while self.counts.position < last_seq:
            batch = await self._next_batch(last_seq)
            if not batch:
                raise ReplayStalled(f"流在序号 {self.counts.position} 之后没有更多消息")
            async with self._pool.acquire() as conn, conn.transaction():
                await self._apply(conn, [decode(message) for message in batch])
            self.counts.position = int(batch[-1].metadata.sequence.stream)
            self.counts.messages += len(batch)
            if progress is not None:
                progress(self.counts.position)

    async def close(self) -> None:
        """Remove the ephemeral consumer (the server would after a few idle minutes)."""
        if self._subscription is not None:
            await self._subscription.unsubscribe()
            self._subscription = None

    async def _next_batch(self, last_seq: int) -> list[Msg]:
        if not self._ahead:
            self._ahead = await self._fetch()
        batch = [m for m in self._ahead if m.metadata.sequence.stream <= last_seq]
        self._ahead = self._ahead[len(batch) :]
        return batch

    async def _fetch(self) -> list[Msg]:
        if self._subscription is None:
            self._subscription = await self._js.pull_subscribe(
                MEMBERSHIP_CONSUMER.filter_subjects[0],
                stream=MEMBERSHIP_CONSUMER.stream,
                config=api.ConsumerConfig(
                    deliver_policy=api.DeliverPolicy.ALL,
                    ack_policy=api.AckPolicy.NONE,
                    filter_subjects=list(MEMBERSHIP_CONSUMER.filter_subjects),
                    inactive_threshold=_IDLE_CONSUMER_EXPIRY.total_seconds(),
                ),
            )
        try:
            messages: list[Msg] = await self._subscription.fetch(
                self._batch_size, timeout=_FETCH_TIMEOUT_SECONDS
            )
        except TimeoutError:
            return []
        return messages

    async def _apply(self, conn: Connection, batch: list[Delivery]) -> None:
        decoded = [delivery for delivery in batch if delivery.event is not None]
        self.counts.skipped += len(batch) - len(decoded)
        fresh = await claim(conn, MEMBERSHIP_CONSUMER.durable, decoded)
        first: dict[str, Delivery] = {}
        for delivery in decoded:
            earlier = first.setdefault(delivery.event_key, delivery)
            if earlier is not delivery:
                delivery.follow(earlier)
            elif delivery.event_key not in fresh:
                delivery.outcome = Outcome.DUPLICATE
            else:
                await self._apply_one(conn, delivery)
        self.counts.duplicates += sum(d.outcome is Outcome.DUPLICATE for d in decoded)
        refused = [key for key in fresh if first[key].outcome is not Outcome.APPLIED]
        await release(conn, MEMBERSHIP_CONSUMER.durable, refused)
        await track(conn, MEMBERSHIP_CONSUMER, batch)

    async def _apply_one(self, conn: Connection, delivery: Delivery) -> None:
        assert delivery.event is not None
        try:
            # The handler refuses poison before it writes, so the batch stays usable.
            # A pooled connection proxies every Connection method at run time.
            await apply_membership_event(cast("asyncpg.Connection[Any]", conn), delivery.event)
        except PoisonMessage as error:
            delivery.give_up(str(error))
            self.counts.skipped += 1
        else:
            delivery.outcome = Outcome.APPLIED
            self.counts.applied += 1
