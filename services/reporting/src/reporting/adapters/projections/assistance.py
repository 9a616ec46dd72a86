"""The assistance consumer's handler: decode, guard the aggregate version, project, timeline.

As for membership, the events of one aggregate (the envelope's ``subject``) come in version
order on one stream, so one whose version is not newer than the last applied for its subject
is stale and ignored; the versions are kept in ``assistance_versions``. Every row written is
keyed by the event's own id or the publisher's id of the thing, so duplicates add nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeAlias
from uuid import UUID

import asyncpg
from pydantic import ValidationError
from shared.bus import PoisonMessage
from shared.contracts import assistance as contracts
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent, registry

from reporting.adapters.projections import assistance_flows as flows
from reporting.adapters.projections import assistance_households as households
from reporting.adapters.projections import assistance_timeline as timeline

Conn: TypeAlias = "asyncpg.Connection[Any]"
Projector: TypeAlias = "Callable[[Conn, Any, UUID], Awaitable[bool]]"
"""Projects one event; False when it recorded nothing new (the thing was already known)."""


async def _version_only(conn: Conn, event: Any, event_id: UUID) -> bool:
    """Budgets, approvals and rejections change no figure; their version is still claimed."""
    return True


_PROJECTORS: dict[type[IntegrationEvent], Projector] = {
    contracts.HouseholdFiled: households.filed,
    contracts.HouseholdFormalised: households.formalised,
    contracts.HouseholdReverified: households.reverified,
    contracts.HouseholdRelocated: households.relocated,
    contracts.HouseholdFlagged: households.flagged,
    contracts.HouseholdExited: households.exited,
    contracts.HouseholdCancelled: households.cancelled,
    contracts.BudgetAllocated: _version_only,
    contracts.ApplicationSubmitted: flows.application_submitted,
    contracts.ApplicationApproved: _version_only,
    contracts.ApplicationRejected: _version_only,
    contracts.AidPaid: flows.aid_paid,
    contracts.VisitRecorded: flows.visit_recorded,
    contracts.DonationCampaignOpened: flows.campaign_opened,
    contracts.DonationReceived: flows.donation_received,
    contracts.InsuranceEnrolled: flows.insurance_enrolled,
    contracts.InsuranceClaimPaid: flows.insurance_claim_paid,
}

_CLAIM_VERSION_SQL = (
    "INSERT INTO assistance_versions (subject, version) VALUES ($1, $2)"
    " ON CONFLICT (subject) DO UPDATE SET version = EXCLUDED.version"
    " WHERE assistance_versions.version < EXCLUDED.version"
    " RETURNING version"
)


async def apply_assistance_event(conn: Conn, envelope: CloudEvent) -> None:
    """Project one assistance event inside the consumer's batch transaction.

    Raises:
        PoisonMessage: the event cannot be decoded or names no aggregate; retrying won't help.
    """
    event = _decode(envelope)
    project = _PROJECTORS.get(type(event))
    if project is None:  # a contract of another stream, or one without a read model here
        return
    assert isinstance(event, contracts.AssistanceEvent)  # every key above is one
    if envelope.subject is None:
        raise PoisonMessage(f"{envelope.type} 事件缺少聚合标识 subject")
    claimed = await conn.fetchval(_CLAIM_VERSION_SQL, envelope.subject, envelope.aggregateversion)
    if claimed is None:
        return
    if await project(conn, event, UUID(envelope.id)):
        await timeline.record(conn, envelope, event)


def _decode(envelope: CloudEvent) -> IntegrationEvent:
    try:
        return registry.decode(envelope)
    except (KeyError, ValidationError) as error:
        raise PoisonMessage(
            f"无法解析事件 {envelope.type} v{envelope.dataversion}: {error}"
        ) from error
