"""The end of a member's dispute and a placement, on the in-memory fakes: files flagged for
review, suggestions to open one (建档建议), and the suggestions' life."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

import pytest
from assistance.domain.referrals.suggestion import CaseEnding, FileSuggestion
from assistance.service_layer.handlers import handle
from assistance.service_layer.households import commands as c
from assistance.service_layer.referrals.commands import DismissSuggestion
from assistance.service_layer.referrals.rules import (
    DisputeEnded,
    PlacedPerson,
    dispute_ended,
    person_placed,
)
from shared.contracts import assistance as contracts
from shared.seedwork import InvalidTransition, NotFound

from .fakes import FakeProtector, FakeStore, FakeUnitOfWork
from .household_builders import World, build_world, open_command, person

ENDED_ON = date(2025, 6, 20)


@pytest.fixture
def world(store: FakeStore) -> World:
    return build_world(store)


def ended(member: UUID, *, category: str = "wages", case: UUID | None = None) -> DisputeEnded:
    return DisputeEnded(
        case_id=case or uuid4(),
        category=category,
        ending=CaseEnding.SETTLED,
        org_id=uuid4(),
        employer_id=None,
        member_ids=(member,),
        on=ENDED_ON,
    )


async def open_for(uow: FakeUnitOfWork, member: UUID, seq: int, *, file: bool = True) -> UUID:
    command = open_command(seq, head=c.HeadIn(name="李明", id_number=person(seq), member_id=member))
    await handle(command, uow)
    if file:
        await handle(c.SubmitFile(scope_root=None, household_id=command.household_id), uow)
        await handle(c.ApproveFile(scope_root=None, household_id=command.household_id), uow)
    return command.household_id


def suggestions(store: FakeStore) -> list[FileSuggestion]:
    return list(store.table("file_suggestions").values())


def flagged_events(store: FakeStore) -> list[contracts.HouseholdFlagged]:
    return [p.event for p in store.outbox if isinstance(p.event, contracts.HouseholdFlagged)]


async def test_a_wage_dispute_of_a_head_flags_the_file_once(
    uow: FakeUnitOfWork, store: FakeStore, world: World
) -> None:
    household = await open_for(uow, world.member_a, 1)
    assert await dispute_ended(uow, ended(world.member_a)) == (1, 0)
    assert await dispute_ended(uow, ended(world.member_a, category="work_injury")) == (0, 0)
    assert store.households[household].flags == frozenset({"dispute_concluded"})
    [event] = flagged_events(store)
    assert (event.household_id, event.flag, event.occurred_on) == (
        household,
        "dispute_concluded",
        ENDED_ON,
    )
    assert event.version == 2
    assert suggestions(store) == []


@pytest.mark.parametrize("category", ["labour_contract", "social_insurance", "dismissal", "other"])
async def test_other_categories_change_nothing(
    uow: FakeUnitOfWork, store: FakeStore, world: World, category: str
) -> None:
    household = await open_for(uow, world.member_a, 2)
    assert await dispute_ended(uow, ended(world.member_a, category=category)) == (0, 0)
    assert await dispute_ended(uow, ended(world.member_b, category=category)) == (0, 0)
    assert store.households[household].flags == frozenset()
    assert flagged_events(store) == []
    assert suggestions(store) == []


async def test_a_draft_is_flagged_without_publishing_and_gets_no_suggestion(
    uow: FakeUnitOfWork, store: FakeStore, world: World
) -> None:
    household = await open_for(uow, world.member_a, 3, file=False)
    assert await dispute_ended(uow, ended(world.member_a)) == (1, 0)
    assert store.households[household].flags == frozenset({"dispute_concluded"})
    assert flagged_events(store) == []
    assert suggestions(store) == []


async def test_a_member_without_a_file_gets_one_pending_suggestion_in_their_union(
    uow: FakeUnitOfWork, store: FakeStore, world: World
) -> None:
    case = uuid4()
    assert await dispute_ended(uow, ended(world.member_a, case=case)) == (0, 1)
    assert await dispute_ended(uow, ended(world.member_a, case=case)) == (0, 0)
    assert await dispute_ended(uow, ended(world.member_a)) == (0, 0)  # one pending per member
    [suggestion] = suggestions(store)
    assert (suggestion.member_id, suggestion.org_id, suggestion.employer_id) == (
        world.member_a,
        world.union_a,
        world.employer_a,
    )
    assert (suggestion.case_id, suggestion.category, suggestion.status) == (
        case,
        "wages",
        "pending",
    )
    assert store.outbox == []


async def test_a_member_unknown_to_the_replica_is_suggested_where_the_case_was(
    uow: FakeUnitOfWork, store: FakeStore
) -> None:
    stranger = uuid4()
    event = ended(stranger)
    assert await dispute_ended(uow, event) == (0, 1)
    [suggestion] = suggestions(store)
    assert suggestion.org_id == event.org_id


async def test_opening_a_file_for_the_member_closes_the_suggestion(
    uow: FakeUnitOfWork, store: FakeStore, world: World
) -> None:
    await dispute_ended(uow, ended(world.member_a))
    await open_for(uow, world.member_a, 4, file=False)
    [suggestion] = suggestions(store)
    assert (suggestion.status, suggestion.closed_on) == ("opened", uow.today())


async def test_an_officer_dismisses_a_suggestion_in_scope_once(
    uow: FakeUnitOfWork, store: FakeStore, world: World
) -> None:
    await dispute_ended(uow, ended(world.member_a))
    [pending] = suggestions(store)
    with pytest.raises(NotFound):
        await handle(DismissSuggestion(scope_root=world.community_b, suggestion_id=pending.id), uow)
    await handle(DismissSuggestion(scope_root=world.community_a, suggestion_id=pending.id), uow)
    assert suggestions(store)[0].status == "dismissed"
    with pytest.raises(InvalidTransition):
        await handle(DismissSuggestion(scope_root=None, suggestion_id=pending.id), uow)
    assert await dispute_ended(uow, ended(world.member_a)) == (0, 1)  # a later case suggests again


async def test_a_placement_flags_the_heads_files_once(
    uow: FakeUnitOfWork, store: FakeStore, world: World
) -> None:
    household = await open_for(uow, world.member_a, 5)
    assert await person_placed(uow, member(world.member_b), ENDED_ON) == 0
    assert await person_placed(uow, member(world.member_a), ENDED_ON) == 1
    assert await person_placed(uow, member(world.member_a), ENDED_ON) == 0
    assert store.households[household].flags == frozenset({"reemployed"})
    [event] = flagged_events(store)
    assert (event.household_id, event.flag) == (household, "reemployed")
    assert suggestions(store) == []


def member(member_id: UUID) -> PlacedPerson:
    return PlacedPerson(member_id=member_id, person_link=None)


def linked(id_number: str, member_id: UUID | None = None) -> PlacedPerson:
    return PlacedPerson(member_id=member_id, person_link=FakeProtector().person_link(id_number))


async def open_unlinked_to_members(uow: FakeUnitOfWork, world: World, seq: int) -> UUID:
    """A filed household whose head (``person(seq)``) and spouse (``person(seq + 5000)``)
    are no members."""
    command = open_command(seq, org_id=world.union_a)
    await handle(command, uow)
    await handle(c.SubmitFile(scope_root=None, household_id=command.household_id), uow)
    await handle(c.ApproveFile(scope_root=None, household_id=command.household_id), uow)
    return command.household_id


async def test_a_placed_family_member_flags_the_file_by_person_link(
    uow: FakeUnitOfWork, store: FakeStore, world: World
) -> None:
    household = await open_unlinked_to_members(uow, world, 7)
    assert await person_placed(uow, linked(person(5007).lower()), ENDED_ON) == 1
    assert await person_placed(uow, linked(person(5007)), ENDED_ON) == 0
    assert store.households[household].flags == frozenset({"reemployed"})
    assert [e.household_id for e in flagged_events(store)] == [household]


async def test_a_placed_non_member_head_flags_the_file_and_strangers_flag_nothing(
    uow: FakeUnitOfWork, store: FakeStore, world: World
) -> None:
    household = await open_unlinked_to_members(uow, world, 8)
    assert await person_placed(uow, linked(person(9)), ENDED_ON) == 0
    assert await person_placed(uow, PlacedPerson(None, None), ENDED_ON) == 0
    assert flagged_events(store) == []
    assert await person_placed(uow, linked(person(8)), ENDED_ON) == 1
    assert store.households[household].flags == frozenset({"reemployed"})


async def test_a_member_head_matched_by_id_and_by_link_is_flagged_once(
    uow: FakeUnitOfWork, store: FakeStore, world: World
) -> None:
    household = await open_for(uow, world.member_a, 6)
    assert await person_placed(uow, linked(person(6), world.member_a), ENDED_ON) == 1
    [event] = flagged_events(store)
    assert event.household_id == household
