"""The consumer runner: applies a durable pull consumer's messages exactly once in effect.

Per batch: one transaction; the inbox rows of all its events are inserted in one statement
(an event already there is a duplicate and skips the handler); each new event's handler runs;
the consumer's last stream sequence is recorded; commit; only then are the applied and
duplicate messages acked. A message that failed is nak'ed with backoff, one that can never
apply is dead-lettered and terminated. Nothing is acked that was not applied.

A batch first runs without savepoints (one round trip per event instead of three). Should a
handler fail, that attempt is rolled back whole and the batch runs again without the failed
message, each event now in its own savepoint, so any further failure touches only its message.
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

from shared.bus.delivery import (
    Delivery,
    Outcome,
    PoisonMessage,
    decode,
    nak_all,
    observe,
    settle,
)
from shared.bus.inbox import claim, release, track
from shared.bus.streams import ConsumerSpec
from shared.contracts.envelope import CloudEvent
from shared.outbox.writer import Connection
from shared.telemetry import context_from_headers, tracer

logger = logging.getLogger(__name__)

Handler: TypeAlias = "Callable[[asyncpg.Connection[Any], CloudEvent], Awaitable[None]]"
MAX_BACKOFF_SECONDS = 2.0


class _IsolationNeeded(Exception):
    """A handler failed in a batch run without savepoints; the rest runs again with them."""


class ConsumerRunner:
    """Feeds one durable consumer's messages to ``handler``, in the pool's schema.

    Args:
        pool: connections whose search path holds the ``inbox`` and the handler's tables.
        js: JetStream context.
        spec: the durable consumer, provisioned beforehand with :func:`provision` together
            with ``DEAD_LETTER_STREAM`` (without it poison messages are nak'ed, not parked).
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
        self._subscription: JetStreamContext.PullSubscription | None = None
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
                await self._apply_batch(conn, deliveries)
            except Exception:
                await nak_all(self._spec, deliveries)
                raise
        await settle(self._js, self._spec, deliveries)
        observe(self._spec.durable, deliveries)
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

    async def _apply_batch(self, conn: Connection, deliveries: Sequence[Delivery]) -> None:
        try:
            async with conn.transaction():
                await self._apply(conn, deliveries, isolated=False)
            return
        except _IsolationNeeded:
            for delivery in deliveries:
                delivery.reset()
        async with conn.transaction():
            await self._apply(conn, deliveries, isolated=True)

    async def _apply(
        self, conn: Connection, deliveries: Sequence[Delivery], *, isolated: bool
    ) -> None:
        decoded = [delivery for delivery in deliveries if delivery.event is not None]
        fresh = await claim(conn, self._spec.durable, decoded)
        first: dict[str, Delivery] = {}
        for delivery in decoded:
            earlier = first.setdefault(delivery.event_key, delivery)
            if earlier is not delivery:
                delivery.follow(earlier)
            elif delivery.event_key not in fresh:
                delivery.outcome = Outcome.DUPLICATE
            elif delivery.outcome is None:  # not failed already in the first attempt
                await self._apply_one(conn, delivery, isolated=isolated)
        unapplied = [key for key in fresh if first[key].outcome is not Outcome.APPLIED]
        await release(conn, self._spec.durable, unapplied)
        await track(conn, self._spec, deliveries)

    async def _apply_one(self, conn: Connection, delivery: Delivery, *, isolated: bool) -> None:
        try:
            if isolated:
                async with conn.transaction():
                    await self._handle(conn, delivery)
            else:
                await self._handle(conn, delivery)
        except Exception as error:
            if conn.is_closed():
                raise
            if isinstance(error, PoisonMessage):
                delivery.give_up(f"poison: {error}")
            else:
                delivery.failed(error, self._spec.max_deliver)
            if not isolated:
                raise _IsolationNeeded from error
        else:
            delivery.outcome = Outcome.APPLIED

    async def _handle(self, conn: Connection, delivery: Delivery) -> None:
        assert delivery.event is not None
        with self._tracer.start_as_current_span(
            f"{delivery.msg.subject} process",
            context=context_from_headers(delivery.msg.headers),
            kind=SpanKind.CONSUMER,
            attributes=delivery.span_attributes(self._spec.durable),
        ):
            # A pooled connection proxies every Connection method at run time.
            await self._handler(cast("asyncpg.Connection[Any]", conn), delivery.event)
