"""The bulk envelope of an admission from a roster is the event the admission route publishes."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import orjson
from membership.adapters.roster_outbox import outbox_envelopes, staged_row
from membership.service_layer.roster_rows import Admission, admit_row
from shared.contracts.envelope import CloudEvent
from shared.identifiers import random_uuids
from shared.outbox import to_cloud_event

from .builders import id_number
from .test_roster_validation import Row, context


def admission(line: int, **cells: str) -> Admission:
    outcome = admit_row(Row(line, id_number=id_number(line), **cells), context())
    assert isinstance(outcome, Admission)
    return outcome


def test_staged_envelope_equals_the_translated_event_and_carries_no_personal_data() -> None:
    first = admission(3, name="王五", mobile="13912345678")
    envelopes = outbox_envelopes([first])

    line, event_id, payload = staged_row(first, uuid4(), envelopes)

    expected = to_cloud_event(first.event, "membership")
    staged = CloudEvent.model_validate_json(payload)
    assert line == 3
    assert staged.id == str(event_id)
    assert staged.model_dump(exclude={"id", "time"}) == expected.model_dump(exclude={"id", "time"})
    assert staged.data["occurred_on"] == date(2024, 3, 1).isoformat()
    assert staged.correlationid == "job-1"
    for personal in ("王五", id_number(3), "13912345678"):
        assert personal not in payload


def test_each_staged_row_carries_its_own_event_id_and_member() -> None:
    admissions = [admission(line) for line in range(2, 6)]
    envelopes = outbox_envelopes(admissions)
    rows = [
        staged_row(a, event_id, envelopes)
        for a, event_id in zip(admissions, random_uuids(4), strict=True)
    ]
    assert len({event_id for _, event_id, _ in rows}) == 4
    assert len({orjson.loads(payload)["id"] for _, _, payload in rows}) == 4
    subjects = [orjson.loads(payload)["subject"] for _, _, payload in rows]
    assert subjects == [str(a.member.id) for a in admissions]
