"""Outbox rows for many events of one contract at once, as a bulk import writes them.

:func:`~shared.outbox.writer.to_cloud_event` builds and validates a pydantic envelope per
event; for thousands of events of one contract that is most of the cost of writing them. Here
the contract, the trace context and the time are taken once, and each envelope is serialised
straight to the JSON that ``CloudEvent.model_dump_json(exclude_none=True)`` would give, so the
relay publishes it unchanged and consumers read it like any other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import orjson

from shared.contracts.registry import IntegrationEvent
from shared.telemetry import current_trace_headers

__all__ = ["BulkEnvelopes"]


@dataclass(frozen=True)
class BulkEnvelopes:
    """CloudEvent envelopes of one contract, for one batch of outbox rows.

    Attributes:
        source: the publishing service, e.g. ``membership``.
        contract: the integration event class every envelope carries.
        correlation_id: shared by every event of the batch (e.g. the import job's id).
        trace_headers: the W3C trace context the rows are stored with.
        time: the envelopes' ``time``.
    """

    source: str
    contract: type[IntegrationEvent]
    correlation_id: str | None = None
    trace_headers: Mapping[str, str] = field(default_factory=dict)
    time: datetime = field(default_factory=lambda: datetime.now(UTC))

    @classmethod
    def capture(
        cls, source: str, contract: type[IntegrationEvent], *, correlation_id: str | None = None
    ) -> BulkEnvelopes:
        """Envelopes for ``contract`` in the current trace context, timed now."""
        headers = {k: v for k, v in current_trace_headers().items() if k in _TRACE_KEYS and v}
        return cls(source, contract, correlation_id, headers)

    @property
    def nats_subject(self) -> str:
        """The outbox row's ``subject``: ``<type>.v<version>``."""
        return self.contract.subject()

    @property
    def headers_json(self) -> str:
        """The outbox row's ``headers``: the trace context the relay restores."""
        return orjson.dumps(dict(self.trace_headers)).decode()

    def payload(
        self, event_id: UUID, aggregate_id: str, aggregate_version: int, data: Mapping[str, Any]
    ) -> str:
        """The envelope of one event as JSON text.

        Args:
            event_id: the envelope's ``id`` (the event's id on the bus).
            aggregate_id: pseudonymous id of the aggregate, the envelope's ``subject``.
            aggregate_version: the aggregate's version after the change.
            data: the contract's fields in their JSON form (``model_dump(mode="json")``);
                UUIDs and dates may be left as such.
        """
        envelope: dict[str, Any] = {
            "specversion": "1.0",
            "id": str(event_id),
            "source": self.source,
            "type": self.contract.event_type,
            "subject": aggregate_id,
            "time": self.time,
            "datacontenttype": "application/json",
            "data": data,
            "dataversion": self.contract.version,
            "aggregateversion": aggregate_version,
            **self.trace_headers,
        }
        if self.correlation_id is not None:
            envelope["correlationid"] = self.correlation_id
        return orjson.dumps(envelope, option=orjson.OPT_UTC_Z).decode()


_TRACE_KEYS = ("traceparent", "tracestate")
