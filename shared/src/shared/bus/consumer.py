"""The consumer runner: applies a durable pull consumer's messages exactly once in effect.

Per batch: one transaction; the inbox rows of all its events are inserted in one statement
(an event already there is a duplicate and skips the handler); each new event's handler runs
in its own savepoint; the consumer's last stream sequence is recorded; commit; only then are
the applied and duplicate messages acked. A message that failed is nak'ed with backoff, one
that can never apply is dead-lettered and terminated. Nothing is acked that was not applied.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeAlias, cast

import asyncpg
from nats.aio.msg import Msg
from nats.js.client import JetStreamContext
from opentelemetry.trace import SpanKind

from shared.bus.deadletter import dead_letter
from shared.bus.delivery import Delivery, Outcome, PoisonMessage, decode
from shared.bus.streams import ConsumerSpec
from shared.contracts.envelope import CloudEvent
from shared.metrics import (
    CONSUMER_APPLIED,
    CONSUMER_DUPLICATES,
    CONSUMER_LAG,
    CONSUMER_LAST_SEQUENCE,
    CONSUMER_REDELIVERIES,
)
from shared.outbox.writer import Connection
from shared.telemetry import context_from_headers, tracer

logger = logging.getLogger(__name__)

Handler: TypeAlias = "Callable[[asyncpg.Connection[Any], CloudEvent], Awaitable[None]]"
MAX_BACKOFF_SECONDS = 2.0

_CLAIM_SQL = (
    "INSERT INTO inbox (consumer, event_id, subject, stream_seq)"
    " SELECT $1, e.event_id, e.subject, e.stream_seq"
    " FROM unnest($2::uuid[], $3::text[], $4::bigint[]) AS e(event_id, subject, stream_seq)"
    " ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id::text"
)
_TRACK_SQL = (
    "INSERT INTO consumer_tracking (consumer, stream, last_seq) VALUES ($1, $2, $3)"
    " ON CONFLICT (consumer) DO UPDATE SET"
    " last_seq = GREATEST(consumer_tracking.last_seq, EXCLUDED.last_seq),"
    " updated_at = clock_timestamp()"
)


class ConsumerRunner:
    """Feeds one durable consumer's messages to ``handler``, in the pool's schema.

    Args:
        pool: connections whose search path holds the ``inbox`` and the handler's tables.
        js: JetStream context.
        spec: the durable consumer (provisioned beforehand with :func:`provision`).
        handler: applies one event with the given connection, inside the batch's transaction;
            raises :class:`PoisonMessage` for an event that can never apply.
        batch_size: most messages fetched and committed together.
        fetch_timeout: seconds a fetch waits for the first message.
    """

    def __init__(
        self,
        pool: asyncpg.Pool[asyncpg.Record],
        js: JetStreamContext,
        spec: ConsumerSpec,
        handler: Handler,
        *,
        batch_size: int = 256,
        fetch_timeout: float = 0.5,
    ) -> None:
        self._pool = pool
        self._js = js
        self._spec = spec
        self._handler = handler
        self._batch_size = batch_size
        self._fetch_timeout = fetch_timeout
        self._subscription: Any = None
        self._tracer = tracer(__name__)

    async def process_batch(self) -> int:
        """Fetch, apply and settle one batch.

        Returns:
            The number of messages fetched (0 when none came within ``fetch_timeout``).

        Raises:
            Exception: the database or NATS failed; the batch was rolled back and nak'ed.
        """
        # Take the connection first: while the database is down, deliveries are not used up.
        async with self._pool.acquire() as conn:
            messages = await self._fetch()
            if not messages:
                return 0
            deliveries = [decode(message) for message in messages]
            try:
                async with conn.transaction():
                    await self._apply(conn, deliveries)
            except Exception:
                await self._nak_all(deliveries)
                raise
        await self._settle(deliveries)
        self._observe(deliveries)
        return len(messages)

    async def run(self, stop: asyncio.Event) -> None:
        """Process batches until ``stop`` is set, backing off while NATS or the database fail."""
        failures = 0
        while not stop.is_set():
            try:
                await self.process_batch()
                failures = 0
            except Exception:
                failures += 1
                logger.warning("consumer %s batch failed", self._spec.durable, exc_info=True)
                delay = min(MAX_BACKOFF_SECONDS, 0.05 * 2**failures)
                try:
                    await asyncio.wait_for(stop.wait(), delay)
                except TimeoutError:
                    continue

    async def _fetch(self) -> list[Msg]:
        if self._subscription is None:
            self._subscription = await self._js.pull_subscribe_bind(
                durable=self._spec.durable, stream=self._spec.stream
            )
        try:
            messages: list[Msg] = await self._subscription.fetch(
                self._batch_size, timeout=self._fetch_timeout
            )
        except TimeoutError:
            return []
        return messages

    async def _apply(self, conn: Connection, deliveries: Sequence[Delivery]) -> None:
        decoded = [delivery for delivery in deliveries if delivery.event is not None]
        fresh = await self._claim(conn, decoded)
        first: dict[str, Delivery] = {}
        for delivery in decoded:
            earlier = first.setdefault(delivery.event_key, delivery)
            if earlier is not delivery:
                delivery.follow(earlier)
            elif delivery.event_key in fresh:
                await self._apply_one(conn, delivery)
            else:
                delivery.outcome = Outcome.DUPLICATE
        unapplied = [key for key in fresh if first[key].outcome is not Outcome.APPLIED]
        if unapplied:
            await conn.execute(
                "DELETE FROM inbox WHERE consumer = $1 AND event_id = ANY($2::uuid[])",
                self._spec.durable,
                unapplied,
            )
        await self._track(conn, deliveries)

    async def _claim(self, conn: Connection, decoded: Sequence[Delivery]) -> set[str]:
        if not decoded:
            return set()
        rows = await conn.fetch(
            _CLAIM_SQL,
            self._spec.durable,
            [delivery.event_key for delivery in decoded],
            [delivery.msg.subject for delivery in decoded],
            [delivery.stream_seq for delivery in decoded],
        )
        return {row[0] for row in rows}

    async def _apply_one(self, conn: Connection, delivery: Delivery) -> None:
        assert delivery.event is not None
        span_name = f"{delivery.msg.subject} process"
        try:
            async with conn.transaction():
                with self._tracer.start_as_current_span(
                    span_name,
                    context=context_from_headers(delivery.msg.headers),
                    kind=SpanKind.CONSUMER,
                    attributes=delivery.span_attributes(self._spec.durable),
                ):
                    # A pooled connection proxies every Connection method at run time.
                    await self._handler(cast("asyncpg.Connection[Any]", conn), delivery.event)
        except PoisonMessage as error:
            delivery.give_up(f"poison: {error}")
        except Exception as error:
            if conn.is_closed():
                raise
            delivery.failed(error, self._spec.max_deliver)
        else:
            delivery.outcome = Outcome.APPLIED

    async def _track(self, conn: Connection, deliveries: Sequence[Delivery]) -> None:
        done = [delivery.stream_seq for delivery in deliveries if delivery.settled_ok]
        if done:
            await conn.execute(_TRACK_SQL, self._spec.durable, self._spec.stream, max(done))

    async def _settle(self, deliveries: Sequence[Delivery]) -> None:
        await asyncio.gather(*(d.msg.ack() for d in deliveries if d.settled_ok))
        for delivery in deliveries:
            if delivery.outcome is Outcome.RETRY:
                await delivery.msg.nak(delay=self._spec.nak_delay(delivery.num_delivered))
            elif delivery.outcome is Outcome.POISON:
                await self._dead_letter(delivery)

    async def _dead_letter(self, delivery: Delivery) -> None:
        try:
            await dead_letter(self._js, delivery.msg, self._spec.durable, delivery.reason)
        except Exception:
            logger.warning("dead-lettering failed, will retry", exc_info=True)
            await delivery.msg.nak(delay=self._spec.nak_delay(delivery.num_delivered))

    async def _nak_all(self, deliveries: Sequence[Delivery]) -> None:
        for delivery in deliveries:
            try:
                await delivery.msg.nak(delay=self._spec.nak_delay(delivery.num_delivered))
            except Exception:  # the server redelivers after ack_wait anyway
                logger.debug("nak failed", exc_info=True)

    def _observe(self, deliveries: Sequence[Delivery]) -> None:
        consumer = self._spec.durable
        outcomes = [delivery.outcome for delivery in deliveries]
        CONSUMER_APPLIED.labels(consumer=consumer).inc(outcomes.count(Outcome.APPLIED))
        CONSUMER_DUPLICATES.labels(consumer=consumer).inc(outcomes.count(Outcome.DUPLICATE))
        redelivered = sum(1 for delivery in deliveries if delivery.num_delivered > 1)
        CONSUMER_REDELIVERIES.labels(consumer=consumer).inc(redelivered)
        CONSUMER_LAG.labels(consumer=consumer).set(deliveries[-1].msg.metadata.num_pending)
        done = [delivery.stream_seq for delivery in deliveries if delivery.settled_ok]
        if done:
            CONSUMER_LAST_SEQUENCE.labels(consumer=consumer).set(max(done))
