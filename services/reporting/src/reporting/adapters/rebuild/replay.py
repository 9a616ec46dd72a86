"""Replaying one projected stream from its first message into another schema.

An ephemeral pull consumer (no acks, deliver all) reads the stream in order. Each batch is
applied by the kit's :class:`BatchApplier` with the stream's own handlers, its inbox and
tracking rows written under the live consumer's name, so the replayed schema holds exactly
what the live consumer would have written and can take its place. Batches are large and go
through the set-based batch handler; an event refused as poison is skipped, as the live
consumer dead-letters it instead of applying it.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import asyncpg
from nats.js import api
from nats.js.client import JetStreamContext
from shared.bus import BatchApplier
from shared.bus.delivery import Delivery, Outcome, decode
from shared.bus.pulling import BatchPuller

from reporting.adapters.projections.projected_streams import ProjectedStream
from reporting.adapters.rebuild import deferral

Progress = Callable[[int], None]
"""Called after each committed batch with the stream sequence reached."""

_IDLE_CONSUMER_EXPIRY = timedelta(minutes=5)
_BATCHES_IN_FLIGHT = 2
"""Batches handed to the lanes and not yet committed, beyond the one being fetched."""


class ReplayStalled(RuntimeError):
    """The stream delivered nothing although the sequence asked for was not reached."""


class ReplayFailed(RuntimeError):
    """An event failed for a reason other than being poison; the replay cannot skip it."""


@dataclass
class ReplayCounts:
    """What the replay did so far."""

    position: int = 0  # stream sequence of the last message replayed
    messages: int = 0
    applied: int = 0
    duplicates: int = 0
    skipped: int = 0  # poison: the live consumer dead-letters these

    def add(self, other: ReplayCounts) -> None:
        """Add the messages ``other`` counted (its position is another stream's)."""
        self.messages += other.messages
        self.applied += other.applied
        self.duplicates += other.duplicates
        self.skipped += other.skipped


class StreamReplay:
    """Applies one stream's messages, in order, into the schema of ``pool``.

    Args:
        pool: connections whose search path starts with the target schema.
        js: JetStream context.
        stream: the stream, its live consumer's name and its handlers.
        batch_size: messages fetched and committed together.
    """

    def __init__(
        self,
        pool: asyncpg.Pool[asyncpg.Record],
        js: JetStreamContext,
        stream: ProjectedStream,
        batch_size: int,
    ) -> None:
        self._pool = pool
        self._js = js
        self._consumer = stream.consumer
        self.stream = stream.consumer.stream
        self.consumer = stream.consumer.durable
        self._applier = BatchApplier(
            stream.consumer, stream.handler, stream.batch_handler, traced=False
        )
        self._batch_size = batch_size
        self._puller: BatchPuller | None = None
        self._ahead: list[Delivery] = []  # fetched, not applied yet
        self._handed_to = 0  # stream sequence of the last message handed to the lanes
        self._lanes = stream.lanes
        self.counts = ReplayCounts()

    async def replay_until(self, last_seq: int, progress: Progress | None = None) -> None:
        """Apply every message up to stream sequence ``last_seq`` not applied yet.

        Batches are applied in lanes by aggregate (see :meth:`_start`); while the database
        applies one batch the next is fetched and decoded, and its lanes start as soon as
        their share of the batch before is committed.

        Raises:
            ReplayStalled: the stream has no more messages before ``last_seq``.
            ReplayFailed: an event failed otherwise than as poison.
        """
        # Each lane's last task; every one is settled before this call returns.
        tails: list[asyncio.Task[None] | None] = [None] * self._lane_count()
        in_flight: deque[tuple[list[Delivery], list[asyncio.Task[None]]]] = deque()
        try:
            while self._handed_to < last_seq:
                batch = await self._next_batch(last_seq)
                if not batch:
                    raise ReplayStalled(f"流在序号 {self._handed_to} 之后没有更多消息")
                in_flight.append((batch, self._start(batch, tails)))
                self._handed_to = batch[-1].stream_seq
                if len(in_flight) > _BATCHES_IN_FLIGHT:
                    await self._settle(*in_flight.popleft(), progress)
            while in_flight:
                await self._settle(*in_flight.popleft(), progress)
        except BaseException:
            for _, tasks in in_flight:
                for task in tasks:
                    task.cancel()
            await asyncio.gather(*(t for _, tasks in in_flight for t in tasks),
                                 return_exceptions=True)  # fmt: skip
            raise

    def _lane_count(self) -> int:
        """The stream's lanes while derived rows are deferred; otherwise (catching up with the
        live consumer before the swap, totals kept) one: lanes may share only their own rows."""
        return self._lanes if not deferral.derived_now() else 1

    def _start(
        self, deliveries: list[Delivery], tails: list[asyncio.Task[None] | None]
    ) -> list[asyncio.Task[None]]:
        """Start applying the batch in lanes by aggregate, each lane in a transaction of its own.

        Each aggregate always takes the same lane, whose batches are applied one after the
        other in stream order; ``tails`` (each lane's last task) is updated in place.
        """
        lanes: list[list[Delivery]] = [[] for _ in tails]
        for delivery in deliveries:
            subject = delivery.event.subject if delivery.event is not None else None
            lanes[hash(subject) % len(tails)].append(delivery)
        for index, lane in enumerate(lanes):
            if lane:
                tails[index] = asyncio.create_task(self._apply_lane(lane, tails[index]))
        return [tail for tail in tails if tail is not None]

    async def _settle(
        self, batch: list[Delivery], tasks: list[asyncio.Task[None]], progress: Progress | None
    ) -> None:
        # Every lane finishes (or fails) before the first failure is raised.
        failures = [r for r in await asyncio.gather(*tasks, return_exceptions=True) if r]
        if failures:
            raise failures[0]
        self._count(batch)
        self.counts.position = batch[-1].stream_seq
        if progress is not None:
            progress(self.counts.position)

    async def close(self) -> None:
        """Remove the ephemeral consumer (the server would after a few idle minutes)."""
        if self._puller is not None:
            await self._puller.close(delete=True)
            self._puller = None

    async def _apply_lane(
        self, deliveries: list[Delivery], after: asyncio.Task[None] | None
    ) -> None:
        if after is not None:
            await after  # the lane's previous batch; its failure is this one's
        async with self._pool.acquire() as conn:
            # A crash only costs the rebuild, which starts afresh; the swap's own commit is
            # synchronous and flushes every record written before it.
            await conn.execute("SET synchronous_commit = off")
            await self._applier.apply(conn, deliveries)

    def _count(self, deliveries: list[Delivery]) -> None:
        failed = [d for d in deliveries if d.outcome is Outcome.RETRY]
        if failed:
            raise ReplayFailed(
                f"流 {self._consumer.stream} 序号 {failed[0].stream_seq} 的事件无法应用: "
                f"{failed[0].reason}"
            )
        outcomes = [delivery.outcome for delivery in deliveries]
        self.counts.messages += len(deliveries)
        self.counts.applied += outcomes.count(Outcome.APPLIED)
        self.counts.duplicates += outcomes.count(Outcome.DUPLICATE)
        self.counts.skipped += outcomes.count(Outcome.POISON)

    async def _next_batch(self, last_seq: int) -> list[Delivery]:
        if not self._ahead:
            self._ahead = await self._fetch()
        batch = [d for d in self._ahead if d.stream_seq <= last_seq]
        self._ahead = self._ahead[len(batch) :]
        return batch

    async def _fetch(self) -> list[Delivery]:
        if self._puller is None:
            self._puller = await BatchPuller.ephemeral(
                self._js,
                self._consumer.stream,
                api.ConsumerConfig(
                    deliver_policy=api.DeliverPolicy.ALL,
                    ack_policy=api.AckPolicy.NONE,
                    filter_subjects=list(self._consumer.filter_subjects),
                ),
                _IDLE_CONSUMER_EXPIRY,
            )
        return [decode(message) for message in await self._puller.pull(self._batch_size)]
