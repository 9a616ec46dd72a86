"""Prometheus metrics every service exposes on ``/metrics``.

Defined once here so that the outbox relay, the consumer runner and the HTTP layer share names.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

OUTBOX_BACKLOG = Gauge("unionhub_outbox_backlog", "Outbox rows not yet published", ["schema"])
OUTBOX_OLDEST_AGE = Gauge(
    "unionhub_outbox_oldest_age_seconds",
    "Age of the oldest outbox row not yet published (0 when none waits)",
    ["schema"],
)
OUTBOX_PUBLISHED = Counter(
    "unionhub_outbox_published_total", "Events published from the outbox", ["schema"]
)
OUTBOX_PUBLISH_ERRORS = Counter(
    "unionhub_outbox_publish_errors_total", "Failed publish attempts", ["schema"]
)
CONSUMER_APPLIED = Counter(
    "unionhub_consumer_applied_total", "Events applied by a consumer", ["consumer"]
)
CONSUMER_DUPLICATES = Counter(
    "unionhub_consumer_duplicates_total", "Redelivered events skipped by the inbox", ["consumer"]
)
CONSUMER_REDELIVERIES = Counter(
    "unionhub_consumer_redeliveries_total", "Messages delivered more than once", ["consumer"]
)
CONSUMER_LAG = Gauge(
    "unionhub_consumer_lag", "Messages pending for a durable consumer", ["consumer"]
)
CONSUMER_LAST_SEQUENCE = Gauge(
    "unionhub_consumer_last_sequence", "Last stream sequence applied", ["consumer"]
)
CONSUMER_STREAM_LOST = Gauge(
    "unionhub_consumer_stream_lost",
    "1 while a durable consumer's stream or consumer is lost and awaits recovery",
    ["consumer"],
)
DEAD_LETTERS = Counter(
    "unionhub_dead_letters_total", "Messages sent to the dead-letter stream", ["consumer"]
)
HTTP_REQUEST_DURATION = Histogram(
    "unionhub_http_request_duration_seconds",
    "HTTP request latency",
    ["service", "method", "route", "status"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
BUSINESS_EVENTS = Counter(
    "unionhub_business_events_total",
    "Business facts published (members admitted, aid paid, cases accepted …), by event type",
    ["service", "event_type"],
)
BUSINESS_AMOUNT_FEN = Counter(
    "unionhub_business_amount_fen_total",
    "Amounts in fen carried by published facts (aid paid, amounts agreed and recovered …)",
    ["service", "event_type", "field"],
)
