"""Assistance events → hardship files, aid, visits, donations, insurance, and the timeline.

Every row written is keyed by the event's own id or the publisher's id of the thing, so
duplicates add nothing; a projector answers False when it recorded nothing new, and the event
then adds no timeline entry either. Versions are kept in ``assistance_versions``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeAlias
from uuid import UUID

import asyncpg
from shared.contracts import assistance as contracts
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent

from reporting.adapters.projections import assistance_flows as flows
from reporting.adapters.projections import assistance_households as households
from reporting.adapters.projections import assistance_timeline as timeline
from reporting.adapters.projections.stream_projection import (
    EventProjector,
    Project,
    StreamProjection,
)
from reporting.adapters.projections.versions import ASSISTANCE_VERSIONS

Conn: TypeAlias = "asyncpg.Connection[Any]"
Writer: TypeAlias = "Callable[[Conn, Any, UUID, int], Awaitable[bool]]"
"""Writes one event (id, version); False when it recorded nothing new (the thing was known)."""
FlowWriter: TypeAlias = "Callable[[Conn, Any, UUID], Awaitable[bool]]"
"""Writes one event keyed by the publisher's id of the thing: its version does not matter."""


async def _version_only(conn: Conn, event: Any, event_id: UUID, version: int) -> bool:
    """Budgets, approvals and rejections change no figure; their version is still claimed."""
    return True


def _keyed(write: FlowWriter) -> Writer:
    async def keyed(conn: Conn, event: Any, event_id: UUID, version: int) -> bool:
        return await write(conn, event, event_id)

    return keyed


_WRITERS: dict[type[IntegrationEvent], Writer] = {
    contracts.HouseholdFiled: households.filed,
    contracts.HouseholdFormalised: households.formalised,
    contracts.HouseholdReverified: households.reverified,
    contracts.HouseholdRelocated: households.relocated,
    contracts.HouseholdFlagged: households.flagged,
    contracts.HouseholdExited: households.exited,
    contracts.HouseholdCancelled: households.cancelled,
    contracts.BudgetAllocated: _version_only,
    contracts.ApplicationSubmitted: _keyed(flows.application_submitted),
    contracts.ApplicationApproved: _version_only,
    contracts.ApplicationRejected: _version_only,
    contracts.AidPaid: _keyed(flows.aid_paid),
    contracts.VisitRecorded: _keyed(flows.visit_recorded),
    contracts.DonationCampaignOpened: _keyed(flows.campaign_opened),
    contracts.DonationReceived: _keyed(flows.donation_received),
    contracts.InsuranceEnrolled: _keyed(flows.insurance_enrolled),
    contracts.InsuranceClaimPaid: _keyed(flows.insurance_claim_paid),
}


def _with_timeline(write: Writer) -> Project:
    async def project(conn: Conn, envelope: CloudEvent, event: Any, version: int) -> None:
        if await write(conn, event, UUID(envelope.id), version):
            await timeline.record(conn, envelope, event)

    return project


# The version table keeps no aggregate type: every event is of the stream's one kind.
PROJECTION = StreamProjection(
    ASSISTANCE_VERSIONS,
    {event_type: EventProjector("assistance", _with_timeline(write))
     for event_type, write in _WRITERS.items()},
)  # fmt: skip

apply_assistance_event = PROJECTION.apply_event
