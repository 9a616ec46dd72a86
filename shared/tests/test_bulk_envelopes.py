"""Bulk envelopes: the same JSON document the per-event envelope gives, trace context included."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

import orjson
from opentelemetry.sdk.trace import TracerProvider
from shared.contracts.envelope import CloudEvent
from shared.contracts.membership import MemberAdmitted
from shared.outbox import BulkEnvelopes, PendingEvent, to_cloud_event

TRACER = TracerProvider().get_tracer("test")


def admitted() -> MemberAdmitted:
    return MemberAdmitted(
        org_id=uuid4(),
        occurred_on=date(2024, 3, 1),
        member_id=uuid4(),
        employer_id=uuid4(),
        sex="female",
        birth_year=1992,
        is_migrant_worker=True,
    )


def test_bulk_payload_is_the_envelope_the_relay_publishes_for_one_event() -> None:
    event = admitted()
    with TRACER.start_as_current_span("roster import"):
        expected = to_cloud_event(
            PendingEvent(event, str(event.member_id), 1, correlation_id="job-7"), "membership"
        )
        bulk = BulkEnvelopes.capture("membership", MemberAdmitted, correlation_id="job-7")
    bulk = BulkEnvelopes(bulk.source, bulk.contract, bulk.correlation_id,
                         bulk.trace_headers, expected.time)  # fmt: skip
    data = {**event.model_dump(), "sex": event.sex}  # UUIDs and dates left as such

    payload = bulk.payload(UUID(expected.id), str(event.member_id), 1, data)

    assert orjson.loads(payload) == orjson.loads(expected.model_dump_json(exclude_none=True))
    assert CloudEvent.model_validate_json(payload) == expected
    assert expected.traceparent is not None
    assert orjson.loads(bulk.headers_json) == {"traceparent": expected.traceparent}
    assert bulk.nats_subject == expected.nats_subject == "membership.member.admitted.v1"


def test_outside_a_trace_the_rows_carry_no_trace_headers() -> None:
    bulk = BulkEnvelopes.capture("membership", MemberAdmitted)
    event = admitted()
    envelope = orjson.loads(bulk.payload(uuid4(), str(event.member_id), 1, event.model_dump()))
    assert bulk.headers_json == "{}"
    assert "traceparent" not in envelope
    assert "correlationid" not in envelope
