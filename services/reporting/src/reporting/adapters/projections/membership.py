"""Membership events → facts: organisations, employers, members and contracts, and the timeline.

Each aggregate type's events are written by one module, one by one or as a batch;
:data:`PROJECTION` applies one event, and a batch with a few statements per table that leaves
the same rows as the events one by one (``tests/integration/test_batch_projection.py``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeAlias

import asyncpg
from shared.contracts import membership as contracts
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent

from reporting.adapters.projections import (
    committee_facts,
    contract_facts,
    employer_facts,
    member_facts,
    org_facts,
    timeline,
)
from reporting.adapters.projections.stream_projection import (
    Decoded,
    EventProjector,
    Project,
    StreamProjection,
)
from reporting.adapters.projections.versions import AGGREGATE_VERSIONS

Conn: TypeAlias = "asyncpg.Connection[Any]"
Writer: TypeAlias = "Callable[[Conn, Any, int], Awaitable[None]]"
BatchWriter: TypeAlias = "Callable[[Conn, Sequence[tuple[Any, int]]], Awaitable[None]]"


async def _record_organisations(conn: Conn, applied: Sequence[tuple[Any, int]]) -> None:
    # Elections are facts of the organisation aggregate, kept apart from the tree's facts.
    await org_facts.record_all(conn, applied)
    await committee_facts.record_all(conn, applied)


async def _record_organisation(conn: Conn, event: Any, version: int) -> None:
    await _record_organisations(conn, [(event, version)])


_WRITERS: dict[str, tuple[Writer, BatchWriter]] = {
    "organisation": (_record_organisation, _record_organisations),
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
    contracts.CommitteeElected: "organisation",
    contracts.EmployerRegistered: "employer",
    contracts.EmployerReclassified: "employer",
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


def _with_timeline(write_one: Writer) -> Project:
    async def project(conn: Conn, envelope: CloudEvent, event: Any, version: int) -> None:
        await write_one(conn, event, version)
        await timeline.record(conn, envelope)

    return project


async def _write_batch(conn: Conn, applied: Sequence[Decoded]) -> None:
    by_type: dict[str, list[tuple[Any, int]]] = {}
    for event in applied:
        by_type.setdefault(event.aggregate_type, []).append((event.item[1], event.version))
    for aggregate_type, (_, write_all) in _WRITERS.items():
        if aggregate_type in by_type:
            await write_all(conn, by_type[aggregate_type])
    await timeline.record_all(conn, [event.item[0] for event in applied])


_PROJECT_ONE = {aggregate: _with_timeline(one) for aggregate, (one, _) in _WRITERS.items()}

PROJECTION = StreamProjection(
    AGGREGATE_VERSIONS,
    {event_type: EventProjector(aggregate, _PROJECT_ONE[aggregate])
     for event_type, aggregate in _AGGREGATE_TYPES.items()},
    _write_batch,
)  # fmt: skip

apply_membership_event = PROJECTION.apply_event
apply_membership_batch = PROJECTION.apply_batch
