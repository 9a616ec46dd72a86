"""The consumer's handlers: decode membership events, guard their aggregate versions, project them.

Events of one aggregate arrive in version order on one stream, so an event whose version is
not newer than the one applied is stale (a re-publication of something older) and ignored.
Events of different aggregates may arrive in any order: each projection writes facts keyed by
their own aggregate only, and roll-ups join facts to the tree when a report is read.

:func:`apply_membership_event` applies one event; :func:`apply_membership_batch` applies a
batch with a few statements per table and leaves the same rows as the events one by one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeAlias
from uuid import UUID

import asyncpg
from pydantic import ValidationError
from shared.bus import PoisonMessage
from shared.contracts import membership as contracts
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent, registry

from reporting.adapters.projections import (
    contract_facts,
    employer_facts,
    member_facts,
    org_facts,
    timeline,
)
from reporting.adapters.projections.versions import Versioned, claim_all, claim_one

Conn: TypeAlias = "asyncpg.Connection[Any]"
Writer: TypeAlias = "Callable[[Conn, Any, int], Awaitable[None]]"
BatchWriter: TypeAlias = "Callable[[Conn, Sequence[tuple[Any, int]]], Awaitable[None]]"

# Each aggregate type's events are written by one module, one by one or as a batch.
_WRITERS: dict[str, tuple[Writer, BatchWriter]] = {
    "organisation": (org_facts.record, org_facts.record_all),
    "employer": (employer_facts.record, employer_facts.record_all),
    "member": (member_facts.record, member_facts.record_all),
    "contract": (contract_facts.record, contract_facts.record_all),
}
_AGGREGATE_TYPES: dict[type[IntegrationEvent], str] = {
    contracts.UnionFounded: "organisation",
    contracts.UnionRenamed: "organisation",
    contracts.UnionMoved: "organisation",
    contracts.UnionDissolved: "organisation",
    contracts.UnionReelected: "organisation",
    contracts.EmployerRegistered: "employer",
    contracts.EmployerCensusUpdated: "employer",
    contracts.EmployerCoverageChanged: "employer",
    contracts.MemberAdmitted: "member",
    contracts.MemberTransferred: "member",
    contracts.MemberRetained: "member",
    contracts.MemberReinstated: "member",
    contracts.MemberLeft: "member",
    contracts.ContractSigned: "contract",
    contracts.ContractTerminated: "contract",
}
_Applied: TypeAlias = "Versioned[tuple[CloudEvent, IntegrationEvent]]"


async def apply_membership_event(conn: Conn, envelope: CloudEvent) -> None:
    """Project one membership event inside the consumer's batch transaction.

    Raises:
        PoisonMessage: the event cannot be decoded or names no aggregate; retrying won't help.
    """
    found = _versioned(envelope)
    if found is None:  # a contract this service has no read model for
        return
    if not await claim_one(conn, str(found.aggregate_id), found.aggregate_type, found.version):
        return
    write_one, _ = _WRITERS[found.aggregate_type]
    await write_one(conn, found.item[1], found.version)
    await timeline.record(conn, envelope)


async def apply_membership_batch(conn: Conn, envelopes: Sequence[CloudEvent]) -> None:
    """Project a batch of membership events, in stream order, with a few statements per table.

    The rows written are those :func:`apply_membership_event` leaves when called for each
    event in turn.

    Raises:
        PoisonMessage: some event cannot be decoded; the runner then applies them one by one.
    """
    found = [versioned for envelope in envelopes if (versioned := _versioned(envelope))]
    # The statements below take arrays of a size only known when bound: a plan cached for
    # the small tables and batches of earlier calls would scan the large tables of later ones.
    await conn.execute("SET LOCAL plan_cache_mode = force_custom_plan")
    applied = await claim_all(conn, found)
    by_type: dict[str, list[tuple[Any, int]]] = {}
    for event in applied:
        by_type.setdefault(event.aggregate_type, []).append((event.item[1], event.version))
    for aggregate_type, (_, write_all) in _WRITERS.items():
        if aggregate_type in by_type:
            await write_all(conn, by_type[aggregate_type])
    await timeline.record_all(conn, [a.item[0] for a in applied])


def _versioned(envelope: CloudEvent) -> _Applied | None:
    """The decoded event with its aggregate and version; None when not projected here."""
    event = _decode(envelope)
    aggregate_type = _AGGREGATE_TYPES.get(type(event))
    if aggregate_type is None:
        return None
    if envelope.subject is None:
        raise PoisonMessage(f"{envelope.type} 事件缺少聚合标识 subject")
    return Versioned(
        _aggregate_id(envelope.subject), aggregate_type, envelope.aggregateversion,
        (envelope, event),
    )  # fmt: skip


def _aggregate_id(subject: str) -> UUID:
    try:
        return UUID(subject)
    except ValueError as error:
        raise PoisonMessage(f"聚合标识 subject 不是 UUID: {subject!r}") from error


def _decode(envelope: CloudEvent) -> IntegrationEvent:
    try:
        return registry.decode(envelope)
    except (KeyError, ValidationError) as error:
        raise PoisonMessage(
            f"无法解析事件 {envelope.type} v{envelope.dataversion}: {error}"
        ) from error
