"""The ``member.admitted`` envelopes of a roster chunk, built in one pass for the bulk write.

The single admission goes through ``translation.translate`` and a pydantic envelope per event;
for a chunk of thousands the contract is taken once and each envelope serialised directly
(:class:`shared.outbox.BulkEnvelopes`). The contract's fields are those ``translate`` gives;
a unit test holds the two equal, so the import and the admission route publish the same event.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from shared.contracts import membership as contracts
from shared.outbox import BulkEnvelopes

from membership.config import SERVICE_NAME
from membership.domain import events
from membership.service_layer.roster_rows import Admission

__all__ = ["admitted_data", "outbox_envelopes", "staged_row"]


def admitted_data(event: events.MemberAdmitted) -> dict[str, Any]:
    """``contracts.MemberAdmitted`` of a domain event, in its JSON form (no personal data)."""
    return {
        # str(): ids read from the database are asyncpg's own UUID type, not the stdlib's
        "org_id": str(event.union_id),
        "occurred_on": event.joined_on,
        "member_id": str(event.member_id),
        "employer_id": str(event.employer_id),
        "sex": event.sex,
        "birth_year": event.birth_year,
        "is_migrant_worker": event.is_migrant_worker,
    }


def outbox_envelopes(admissions: Sequence[Admission]) -> BulkEnvelopes:
    """Envelopes for the chunk in the current trace context, correlated with the import job."""
    correlation = admissions[0].correlation_id if admissions else None
    return BulkEnvelopes.capture(SERVICE_NAME, contracts.MemberAdmitted, correlation_id=correlation)


def staged_row(
    admission: Admission, event_id: UUID, envelopes: BulkEnvelopes
) -> tuple[int, UUID, str]:
    """The sheet row, the event id and the envelope of one admission's outbox row."""
    recorded = admission.recorded
    event = recorded.event
    if not isinstance(event, events.MemberAdmitted):  # a programming error, not a sheet error
        raise TypeError(f"an admission records MemberAdmitted, not {type(event).__name__}")
    payload = envelopes.payload(
        event_id, str(recorded.aggregate_id), recorded.aggregate_version, admitted_data(event)
    )
    return admission.line, event_id, payload
