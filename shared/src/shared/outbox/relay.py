"""The outbox relay: publishes committed outbox rows to JetStream, then marks them published.

A pass claims rows with ``FOR UPDATE SKIP LOCKED`` (several relays share the work), publishes
them all at once with ``Nats-Msg-Id = event id``, awaits every ack and marks the batch in one
UPDATE in the same transaction. A relay that dies between publishing and marking publishes the
batch again later; JetStream drops the copies inside its duplicate window and the consumers'
inboxes beyond it. Nothing is marked that JetStream did not acknowledge.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

import asyncpg
import orjson
from nats.js.client import JetStreamContext
from opentelemetry import propagate, trace
from opentelemetry.trace import SpanKind, Status, StatusCode

from shared.metrics import OUTBOX_PUBLISH_ERRORS, OUTBOX_PUBLISHED
from shared.outbox.business import count_published
from shared.outbox.listener import OutboxListener
from shared.outbox.maintenance import outbox_backlog
from shared.outbox.writer import Connection
from shared.telemetry import context_from_headers, spans_taken, tracer

logger = logging.getLogger(__name__)

CONTENT_TYPE = "application/cloudevents+json; charset=utf-8"
MAX_BACKOFF_SECONDS = 2.0

JetStreamProvider = Callable[[], JetStreamContext]


class OutboxPublishError(Exception):
    """JetStream did not acknowledge every event of a batch; none of the batch was marked."""


_OUTAGES = (OutboxPublishError, OSError, asyncpg.PostgresConnectionError, asyncpg.InterfaceError)


class OutboxRelay:
    """Publishes one schema's outbox to JetStream.

    Args:
        pool: connections to the service's database.
        schema: the schema whose ``outbox`` is relayed (and whose notifications wake the relay).
        js_provider: the JetStream context, or a callable returning one (called once, at the
            first publication).
        batch_size: most rows claimed and published per pass.
        poll_interval: seconds between passes when no notification arrives.
        ack_timeout: seconds to wait for a batch's acks before giving the pass up.
        backlog_interval: most seconds between two refreshes of the backlog gauges while the
            relay is behind or failing (once caught up, at most one a ``poll_interval``).
        linger: seconds to wait after a notification before claiming rows, so the commits of
            a burst share one pass instead of taking one each (a pass costs several round
            trips whatever it carries); the price is that much latency per event.
    """

    def __init__(
        self,
        pool: asyncpg.Pool[asyncpg.Record],
        schema: str,
        js_provider: JetStreamProvider | JetStreamContext,
        *,
        batch_size: int = 500,
        poll_interval: float = 1.0,
        ack_timeout: float = 5.0,
        backlog_interval: float = 5.0,
        linger: float = 0.005,
    ) -> None:
        self._pool = pool
        self._schema = schema
        self._table = f'"{schema}".outbox'
        self._js_provider = js_provider
        self._js: JetStreamContext | None = None
        self._batch_size = batch_size
        self._poll_interval = poll_interval
        self._ack_timeout = ack_timeout
        self._backlog_interval = backlog_interval
        self._backlog_reported_at: float | None = None
        self._linger = linger
        self._tracer = tracer(__name__)

    async def publish_pending(self) -> int:
        """One pass: claim, publish and mark up to ``batch_size`` unpublished rows.

        Returns:
            The number of events published.

        Raises:
            OutboxPublishError: JetStream refused or did not acknowledge part of the batch; the
                rows stay unpublished and their ``attempts``/``last_error`` are updated.
        """
        claimed: list[int] = []
        async with self._pool.acquire() as conn:
            try:
                published = await self._publish_claimed(conn, claimed)
            except Exception as error:
                OUTBOX_PUBLISH_ERRORS.labels(schema=self._schema).inc()
                await self._record_failure(conn, claimed, error)
                raise
        OUTBOX_PUBLISHED.labels(schema=self._schema).inc(published)
        return published

    async def _report_backlog(self, caught_up: bool) -> None:
        # On a timer while behind or failing: a backlog that grows because NATS is down, or
        # faster than one relay drains it, is what the alerts are for. Once caught up, at most
        # once a poll interval: a busy relay passes hundreds of times a second, and a count at
        # every pass would cost as much as the pass.
        now = time.monotonic()
        last = self._backlog_reported_at
        interval = self._poll_interval if caught_up else self._backlog_interval
        if last is not None and now - last < interval:
            return
        try:
            async with self._pool.acquire() as conn:
                await outbox_backlog(conn)
        except Exception as error:  # a count that fails never stops the relay
            outage = isinstance(error, _OUTAGES)  # PostgreSQL away: the pass itself says so
            log = logger.debug if outage else logger.warning
            log("outbox backlog not counted (%s): %r", self._schema, error, exc_info=not outage)
            return
        self._backlog_reported_at = now

    async def run(self, stop: asyncio.Event) -> None:
        """Relay until ``stop`` is set: wake on NOTIFY or every ``poll_interval``, drain, repeat.

        Outages of NATS or PostgreSQL are logged and retried with a backoff capped at two
        seconds; the LISTEN connection is re-established after a database restart.
        """
        listener = OutboxListener(self._pool, self._schema)
        failures = 0
        try:
            while not stop.is_set():
                try:
                    await listener.ensure_listening()
                    listener.woken.clear()
                    published = await self.publish_pending()
                    await self._report_backlog(caught_up=published < self._batch_size)
                    failures = 0
                except Exception as error:
                    failures += 1
                    await self._report_backlog(caught_up=False)
                    # An outage is expected and retried: its traceback would only add noise.
                    logger.warning(
                        "outbox relay pass failed (%s): %r",
                        self._schema,
                        error,
                        exc_info=not isinstance(error, _OUTAGES),
                    )
                    await listener.wait(stop, _backoff(failures), wake_on_notify=False)
                    continue
                if published < self._batch_size:
                    await listener.wait(stop, self._poll_interval)
                    if listener.woken.is_set() and not stop.is_set():
                        await listener.wait(stop, self._linger, wake_on_notify=False)
        finally:
            await listener.close()

    async def _publish_claimed(self, conn: Connection, claimed: list[int]) -> int:
        async with conn.transaction():
            rows = await conn.fetch(
                "SELECT position, event_id::text AS event_id, subject, payload::text AS payload,"
                f" headers::text AS headers FROM {self._table} WHERE published_at IS NULL"
                " ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED",
                self._batch_size,
            )
            if not rows:
                return 0
            claimed.extend(row["position"] for row in rows)
            await self._publish(rows)
            await self._mark_published(conn, claimed)
        count_published((row["subject"], row["payload"]) for row in rows)
        return len(rows)

    async def _mark_published(self, conn: Connection, positions: Sequence[int]) -> None:
        await conn.execute(
            f"UPDATE {self._table} SET published_at = clock_timestamp()"
            " WHERE position = ANY($1::bigint[])",
            positions,
        )

    async def _publish(self, rows: Sequence[asyncpg.Record]) -> None:
        js = self._context()
        spans: list[trace.Span | None] = []
        acks: list[asyncio.Future[Any]] = []
        traced = spans_taken()
        try:
            for row in rows:
                span, headers = self._publish_headers(row, traced)
                spans.append(span)
                acks.append(
                    await js.publish_async(row["subject"], row["payload"].encode(), headers=headers)
                )
            results = await asyncio.wait_for(
                asyncio.gather(*acks, return_exceptions=True), self._ack_timeout
            )
        except Exception as error:
            for pending in acks:
                pending.cancel()
            _end_spans(spans, [error] * len(spans))
            raise OutboxPublishError(f"publishing to JetStream failed: {error!r}") from error
        _end_spans(spans, results)
        failures = [result for result in results if isinstance(result, BaseException)]
        if failures:
            raise OutboxPublishError(
                f"{len(failures)} of {len(rows)} events not acknowledged: {failures[0]!r}"
            )

    def _context(self) -> JetStreamContext:
        # One context for the relay's life: each new one subscribes a reply inbox of its own
        # at its first publish_async and never unsubscribes it, one more per pass.
        if self._js is None:
            provider = self._js_provider
            self._js = provider() if callable(provider) else provider
        return self._js

    def _publish_headers(
        self, row: asyncpg.Record, traced: bool
    ) -> tuple[trace.Span | None, dict[str, str]]:
        # While no span is recorded, the publish span would only hand the writer's trace
        # context on: pass the stored context as it is, without a span (a third of a busy
        # relay's CPU went to building, extracting and injecting contexts nobody records).
        # A row written outside any trace still gets a span: its (unrecorded) context starts
        # the trace the consumers' log lines share.
        stored: dict[str, str] = orjson.loads(row["headers"])
        if traced or "traceparent" not in stored:
            return self._start_publish_span(row, stored)
        return None, {**stored, **_message_headers(row)}

    def _start_publish_span(
        self, row: asyncpg.Record, stored: dict[str, str]
    ) -> tuple[trace.Span, dict[str, str]]:
        # The span's parent is the request that wrote the row; the message carries the span
        # itself, so the consumer's span continues the same trace.
        span = self._tracer.start_span(
            f"{row['subject']} publish",
            context=context_from_headers(stored),
            kind=SpanKind.PRODUCER,
            attributes={
                "messaging.system": "nats",
                "messaging.operation.type": "publish",
                "messaging.destination.name": row["subject"],
                "messaging.message.id": row["event_id"],
            },
        )
        headers = _message_headers(row)
        propagate.inject(headers, context=trace.set_span_in_context(span))
        return span, headers

    async def _record_failure(self, conn: Connection, claimed: list[int], error: Exception) -> None:
        if not claimed:
            return
        try:
            await conn.execute(
                f"UPDATE {self._table} SET attempts = attempts + 1, last_error = $2"
                " WHERE position = ANY($1::bigint[]) AND published_at IS NULL",
                claimed,
                repr(error)[:2000],
            )
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError):
            logger.warning("could not record the failed outbox pass", exc_info=True)


def _message_headers(row: asyncpg.Record) -> dict[str, str]:
    """JetStream's de-duplication id and the content type, whatever the trace context."""
    return {"Nats-Msg-Id": row["event_id"], "Content-Type": CONTENT_TYPE}


def _end_spans(spans: Sequence[trace.Span | None], results: Sequence[object]) -> None:
    for span, result in zip(spans, results, strict=False):
        if span is None:
            continue
        if isinstance(result, BaseException):
            span.record_exception(result)
            span.set_status(Status(StatusCode.ERROR, type(result).__name__))
        span.end()


def _backoff(failures: int) -> float:
    return float(min(MAX_BACKOFF_SECONDS, 0.05 * 2**failures))
