"""The consumer's handler: decode a membership event, guard its aggregate version, project it.

Events of one aggregate arrive in version order on one stream, so an event whose version is
not newer than the one applied is stale (a re-publication of something older) and ignored.
Events of different aggregates may arrive in any order: each projection writes facts keyed by
their own aggregate only, and roll-ups join facts to the tree when a report is read.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeAlias

import asyncpg
from pydantic import ValidationError
from shared.bus import PoisonMessage
from shared.contracts import membership as contracts
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent, registry

from reporting.adapters import contract_facts, employer_facts, member_facts, org_facts, timeline

Conn: TypeAlias = "asyncpg.Connection[Any]"
Projector: TypeAlias = "Callable[[Conn, Any, int], Awaitable[None]]"

_PROJECTORS: dict[type[IntegrationEvent], tuple[str, Projector]] = {
    contracts.UnionFounded: ("organisation", org_facts.founded),
    contracts.UnionRenamed: ("organisation", org_facts.renamed),
    contracts.UnionMoved: ("organisation", org_facts.moved),
    contracts.UnionDissolved: ("organisation", org_facts.dissolved),
    contracts.UnionReelected: ("organisation", org_facts.reelected),
    contracts.EmployerRegistered: ("employer", employer_facts.registered),
    contracts.EmployerCensusUpdated: ("employer", employer_facts.census_updated),
    contracts.EmployerCoverageChanged: ("employer", employer_facts.coverage_changed),
    contracts.MemberAdmitted: ("member", member_facts.admitted),
    contracts.MemberTransferred: ("member", member_facts.transferred),
    contracts.MemberRetained: ("member", member_facts.retained),
    contracts.MemberReinstated: ("member", member_facts.reinstated),
    contracts.MemberLeft: ("member", member_facts.left),
    contracts.ContractSigned: ("contract", contract_facts.signed),
    contracts.ContractTerminated: ("contract", contract_facts.terminated),
}

_CLAIM_VERSION_SQL = (
    "INSERT INTO aggregate_versions (aggregate_id, aggregate_type, version) VALUES ($1, $2, $3)"
    " ON CONFLICT (aggregate_id) DO UPDATE SET version = EXCLUDED.version"
    " WHERE aggregate_versions.version < EXCLUDED.version"
    " RETURNING version"
)


async def apply_membership_event(conn: Conn, envelope: CloudEvent) -> None:
    """Project one membership event inside the consumer's batch transaction.

    Raises:
        PoisonMessage: the event cannot be decoded or names no aggregate; retrying won't help.
    """
    event = _decode(envelope)
    target = _PROJECTORS.get(type(event))
    if target is None:  # a contract this service has no read model for
        return
    aggregate_type, project = target
    if envelope.subject is None:
        raise PoisonMessage(f"{envelope.type} 事件缺少聚合标识 subject")
    version = envelope.aggregateversion
    if await conn.fetchval(_CLAIM_VERSION_SQL, envelope.subject, aggregate_type, version) is None:
        return
    await project(conn, event, version)
    await timeline.record(conn, envelope)


def _decode(envelope: CloudEvent) -> IntegrationEvent:
    try:
        return registry.decode(envelope)
    except (KeyError, ValidationError) as error:
        raise PoisonMessage(
            f"无法解析事件 {envelope.type} v{envelope.dataversion}: {error}"
        ) from error
