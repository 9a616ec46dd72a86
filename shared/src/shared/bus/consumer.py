"""The consumer runner: applies a durable pull consumer's messages exactly once in effect.

Per batch: one transaction holding the inbox rows of all its events (an event already there
is a duplicate and is not applied again), the applied events' effects and the consumer's last
stream sequence (see :mod:`shared.bus.applying`); commit; only then are the applied and
duplicate messages acked. A message that failed is nak'ed with backoff, one that can never
apply is dead-lettered and terminated. Nothing is acked that was not applied.

A fetch returns as soon as one message is there, together with those already waiting behind
it (up to the batch size): it never holds a message back to fill the batch.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import asyncpg
from nats.aio.msg import Msg
from nats.js.client import JetStreamContext

from shared.bus.applying import BatchApplier, BatchHandler, Handler
from shared.bus.connection import NATS_OUTAGES
from shared.bus.delivery import decode, nak_all, observe, settle
from shared.bus.streams import ConsumerSpec

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 2.0
_WAITING_FETCH_SECONDS = 0.05

__all__ = ["BatchHandler", "ConsumerRunner", "Handler"]

_OUTAGES: tuple[type[Exception], ...] = (
    *NATS_OUTAGES,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
)


class ConsumerRunner:
    """Feeds one durable consumer's messages to its handlers, in the pool's schema.

    Args:
        pool: connections whose search path holds the ``inbox`` and the handlers' tables.
        js: JetStream context.
        spec: the durable consumer, provisioned beforehand with :func:`provision` together
            with ``DEAD_LETTER_STREAM`` (without it poison messages are nak'ed, not parked).
        handler: applies one event with the given connection, inside the batch's transaction;
            raises :class:`PoisonMessage` for an event that can never apply.
        batch_handler: optional; applies all fresh events of a batch at once, in stream order,
            with the same effect as ``handler`` on each in turn. Used for the first attempt of
            every batch; if it raises, the batch is applied again through ``handler``, one
            event per savepoint, so a poison message is still dead-lettered on its own.
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
        batch_handler: BatchHandler | None = None,
        batch_size: int = 256,
        fetch_timeout: float = 0.5,
    ) -> None:
        self._pool = pool
        self._js = js
        self._spec = spec
        self._applier = BatchApplier(spec, handler, batch_handler)
        self._batch_size = batch_size
        self._fetch_timeout = fetch_timeout
        self._subscription: JetStreamContext.PullSubscription | None = None

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
                await self._applier.apply(conn, deliveries)
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
            except Exception as error:
                failures += 1
                # An outage or a leader election is expected and retried: no traceback.
                logger.warning(
                    "consumer %s batch failed: %r",
                    self._spec.durable,
                    error,
                    exc_info=not isinstance(error, _OUTAGES),
                )
                delay = min(MAX_BACKOFF_SECONDS, 0.05 * 2**failures)
                try:
                    await asyncio.wait_for(stop.wait(), delay)
                except TimeoutError:
                    continue

    async def _fetch(self) -> list[Msg]:
        """The first message to come, then at once those already waiting behind it.

        A fetch of many waits until all of them came or its timeout ran out, which at a low
        rate would hold each message back for the whole timeout; a fetch of one returns on
        arrival, and the message tells how many more are pending.
        """
        if self._subscription is None:
            # The stream's creation time goes beside the tracked position: should the stream
            # be created again (its store lost), the two differ and the loss is reported.
            stream = await self._js.stream_info(self._spec.stream)
            self._applier.stream_created = stream.created
            self._subscription = await self._js.pull_subscribe_bind(
                durable=self._spec.durable, stream=self._spec.stream
            )
        try:
            messages: list[Msg] = await self._subscription.fetch(1, timeout=self._fetch_timeout)
        except TimeoutError:
            return []
        waiting = min(self._batch_size - 1, int(messages[-1].metadata.num_pending))
        if waiting > 0:
            # Another instance of the consumer may have taken them meanwhile.
            with contextlib.suppress(TimeoutError):
                messages += await self._subscription.fetch(waiting, _WAITING_FETCH_SECONDS)
        return messages
