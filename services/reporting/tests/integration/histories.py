"""Hypothesis strategies: small membership histories, and the ways a stream can deliver them.

A history is every aggregate's events in version order: a tree whose unions move, are renamed
or dissolved; members admitted, transferred, retained, reinstated, admitted again and leaving;
employers with census and coverage changes in several territories; contracts signed, signed
again and terminated, a termination sometimes before its signing. A delivery is the same
events in any order, some delivered twice (as the same message, or re-published under a new
event id), cut into batches each applied set-based or one event at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID, uuid5

from hypothesis import strategies as st
from shared.contracts import membership as c
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent

from .conftest import envelope

START = date(2024, 1, 1)
days = st.integers(0, 365).map(lambda n: START + timedelta(days=n))
ids = st.uuids(version=4)


@dataclass(frozen=True)
class Delivery:
    """The stream as delivered: batches, each applied set-based (True) or one by one."""

    batches: list[tuple[bool, list[CloudEvent]]]


def _versioned(aggregate: UUID, events: list[IntegrationEvent]) -> list[CloudEvent]:
    return [envelope(event, aggregate, version) for version, event in enumerate(events, 1)]


@st.composite
def histories(draw: st.DrawFn) -> list[list[CloudEvent]]:
    """Each aggregate's envelopes in version order, organisations first."""
    street, communities = draw(ids), draw(st.lists(ids, min_size=2, max_size=2, unique=True))
    tree = [_versioned(street, [_founded(street, None, "street_federation", START)])]
    tree += [_versioned(org, [_founded(org, street, "community_federation", START)])
             for org in communities]  # fmt: skip
    unions = draw(st.lists(ids, min_size=3, max_size=3, unique=True))
    for union in unions:
        parent = draw(st.sampled_from(communities))
        events: list[IntegrationEvent] = [_founded(union, parent, "grassroots_union", START)]
        for _ in range(draw(st.integers(0, 3))):
            events.append(draw(_org_change(union, parent, communities)))
        tree.append(_versioned(union, events))
    members = [draw(_member(unions)) for _ in range(draw(st.integers(1, 4)))]
    employers = [draw(_employer(unions)) for _ in range(draw(st.integers(0, 2)))]
    agreements = [draw(_contract(unions)) for _ in range(draw(st.integers(0, 2)))]
    return [*tree, *members, *employers, *agreements]


@st.composite
def deliveries(draw: st.DrawFn, history: list[list[CloudEvent]]) -> Delivery:
    """The history's events in a random order, with copies, cut into random batches."""
    events = draw(st.permutations([event for aggregate in history for event in aggregate]))
    for _ in range(draw(st.integers(0, 6))):
        copy = draw(st.sampled_from(events))
        if draw(st.booleans()):  # re-published: same version, new event id
            copy = copy.model_copy(update={"id": str(draw(ids))})
        events.insert(draw(st.integers(0, len(events))), copy)
    batches: list[tuple[bool, list[CloudEvent]]] = []
    while events:
        size = draw(st.integers(1, 12))
        batches.append((draw(st.booleans()), events[:size]))
        del events[:size]
    return Delivery(batches)


def _founded(org: UUID, parent: UUID | None, kind: c.OrganisationKind, on: date) -> c.UnionFounded:
    return c.UnionFounded(org_id=org, occurred_on=on, parent_id=parent, kind=kind,
                          name=f"{kind}-{org.hex[:6]}")  # fmt: skip


@st.composite
def _org_change(
    draw: st.DrawFn, org: UUID, parent: UUID, communities: list[UUID]
) -> IntegrationEvent:
    on, roll = draw(days), draw(st.integers(0, 10))
    if roll == 10:
        return c.CommitteeElected(
            org_id=org, occurred_on=on, committee_id=uuid5(org, str(on)), elected_on=on,
            term_start=on, term_end=on + timedelta(days=1800), size=3,
            by_role={"chair": 1, "vice_chair": 1, "member": 1, "audit": 0, "women": 0},
            women=1, sex_recorded=3, full_time=0,
        )  # fmt: skip
    if roll < 5:
        return c.UnionMoved(org_id=org, occurred_on=on, old_parent_id=parent,
                            new_parent_id=draw(st.sampled_from(communities)))  # fmt: skip
    if roll < 9:
        return c.UnionRenamed(org_id=org, occurred_on=on, name=f"新名{roll}-{on}")
    return c.UnionDissolved(org_id=org, occurred_on=on)


@st.composite
def _member(draw: st.DrawFn, unions: list[UUID]) -> list[CloudEvent]:
    member, union = draw(ids), st.sampled_from(unions)
    events: list[IntegrationEvent] = []
    if draw(st.integers(0, 5)):  # now and then a member known only from later events
        events.append(_admitted(member, draw(union), draw(days), draw(st.booleans())))
    for _ in range(draw(st.integers(0 if events else 1, 5))):
        to, on, roll = draw(union), draw(days), draw(st.integers(0, 9))
        if roll < 4:
            events.append(c.MemberTransferred(
                org_id=to, occurred_on=on, member_id=member, transfer_id=draw(ids),
                from_union_id=draw(union), to_union_id=to, employer_id=draw(ids),
                reason="job_change",
            ))  # fmt: skip
        elif roll < 6:
            events.append(c.MemberRetained(org_id=to, occurred_on=on, member_id=member,
                                           reason="retired"))  # fmt: skip
        elif roll < 7:
            events.append(c.MemberReinstated(org_id=to, occurred_on=on, member_id=member))
        elif roll < 8:
            events.append(_admitted(member, to, on, draw(st.booleans())))
        else:
            events.append(c.MemberLeft(org_id=to, occurred_on=on, member_id=member,
                                       reason="voluntary"))  # fmt: skip
    return _versioned(member, events)


def _admitted(member: UUID, union: UUID, on: date, female: bool) -> c.MemberAdmitted:
    return c.MemberAdmitted(org_id=union, occurred_on=on, member_id=member, employer_id=member,
                            sex="female" if female else "male", birth_year=1985,
                            is_migrant_worker=not female)  # fmt: skip


@st.composite
def _employer(draw: st.DrawFn, unions: list[UUID]) -> list[CloudEvent]:
    employer, territory = draw(ids), st.sampled_from(unions)
    events: list[IntegrationEvent] = [c.EmployerRegistered(
        org_id=draw(territory), occurred_on=draw(days), employer_id=employer,
        uscc="91320100MA0000000X", registration_type="173", ownership_class="private",
        industry="制造业",
    )]  # fmt: skip
    for _ in range(draw(st.integers(0, 3))):
        org, on, workers = draw(territory), draw(days), draw(st.integers(1, 300))
        if draw(st.booleans()):
            events.append(c.EmployerCensusUpdated(
                org_id=org, occurred_on=on, employer_id=employer, workers=workers,
                women=workers // 2, migrant_workers=workers // 3,
            ))  # fmt: skip
        else:
            covering = draw(st.one_of(st.none(), territory))
            events.append(c.EmployerCoverageChanged(
                org_id=org, occurred_on=on, employer_id=employer, covered_by_union_id=covering,
                coverage_mode=None if covering is None else "single",
            ))  # fmt: skip
    return _versioned(employer, events)


@st.composite
def _contract(draw: st.DrawFn, unions: list[UUID]) -> list[CloudEvent]:
    contract, union = draw(ids), draw(st.sampled_from(unions))
    signed = c.ContractSigned(
        org_id=union, occurred_on=draw(days), contract_id=contract, kind="wage",
        signing_party="own_union",
        employer_ids=[draw(ids)], employers_covered=1, workers_covered=draw(st.integers(1, 99)),
        starts_on=START, ends_on=date(2026, 12, 31),
    )  # fmt: skip
    ends = [c.ContractTerminated(org_id=union, occurred_on=draw(days), contract_id=contract)
            for _ in range(draw(st.integers(0, 2)))]  # fmt: skip
    events: list[IntegrationEvent] = [signed, *ends]
    if draw(st.booleans()):  # signed again, or ended before its signing
        again = draw(st.sampled_from([
            signed.model_copy(update={"workers_covered": 500}),
            c.ContractTerminated(org_id=union, occurred_on=draw(days), contract_id=contract),
        ]))  # fmt: skip
        events.insert(draw(st.integers(0, len(events))), again)
    return _versioned(contract, events)
