"""Service-layer rules of hardship files, on the in-memory fakes."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from assistance.domain.errors import AlreadyOnFile
from assistance.domain.replica import ReplicaMember
from assistance.service_layer.handlers import handle
from assistance.service_layer.households import commands as c
from assistance.service_layer.households.handlers import flag_overdue_files
from assistance.service_layer.households.membership_rules import head_flagged, head_transferred
from shared.contracts import assistance as contracts
from shared.seedwork import InvalidValue, NotFound, NotInScope

from .fakes import FakeStore, FakeUnitOfWork
from .household_builders import World, build_world, open_command, person


@pytest.fixture
def world(store: FakeStore) -> World:
    return build_world(store)


async def file_for(uow: FakeUnitOfWork, command: c.OpenFile) -> None:
    await handle(command, uow)
    await handle(c.SubmitFile(scope_root=None, household_id=command.household_id), uow)
    await handle(c.ApproveFile(scope_root=None, household_id=command.household_id), uow)


async def test_a_member_head_files_under_their_union_and_employer(
    uow: FakeUnitOfWork, store: FakeStore, world: World
) -> None:
    command = open_command(
        1, head=c.HeadIn(name="李明", id_number=person(1), member_id=world.member_a)
    )
    await file_for(uow, command)
    household = store.households[command.household_id]
    assert (household.org_id, household.employer_id) == (world.union_a, world.employer_a)
    [event] = [p.event for p in store.outbox]
    assert isinstance(event, contracts.HouseholdFiled)
    assert event.head_member_id == world.member_a
    assert household.head.name_cipher == b"sealed:\xe6\x9d\x8e\xe6\x98\x8e"  # sealed, not in clear


async def test_a_non_member_head_needs_an_organisation_in_scope(
    uow: FakeUnitOfWork, world: World
) -> None:
    with pytest.raises(InvalidValue) as missing:
        await handle(open_command(2), uow)
    assert missing.value.field == "org_id"
    with pytest.raises(NotInScope):
        await handle(open_command(2, org_id=world.union_b, scope_root=world.community_a), uow)
    await handle(open_command(2, org_id=world.union_a, scope_root=world.community_a), uow)


async def test_the_head_must_be_an_active_member(
    uow: FakeUnitOfWork, store: FakeStore, world: World
) -> None:
    store.members[world.member_a] = replace(store.members[world.member_a], status="left")
    head = c.HeadIn(name="李明", id_number=person(3), member_id=world.member_a)
    with pytest.raises(InvalidValue) as refused:
        await handle(open_command(3, head=head), uow)
    assert refused.value.field == "head.member_id"
    assert store.households == {}


async def test_a_bad_check_digit_names_the_field(uow: FakeUnitOfWork, world: World) -> None:
    wrong = person(4)[:-1] + ("0" if person(4)[-1] != "0" else "1")
    with pytest.raises(InvalidValue) as refused:
        await handle(
            open_command(4, org_id=world.union_a, head=c.HeadIn(name="李明", id_number=wrong)), uow
        )
    assert refused.value.field == "head.id_number"


async def test_one_active_file_per_person(
    uow: FakeUnitOfWork, store: FakeStore, world: World
) -> None:
    await handle(open_command(5, org_id=world.union_a), uow)
    spouse_as_head = c.HeadIn(name="王芳", id_number=person(5 + 5000))
    with pytest.raises(AlreadyOnFile) as refused:
        await handle(open_command(6, org_id=world.union_a, head=spouse_as_head, family=()), uow)
    assert refused.value.field == "head.id_number"
    assert len(store.households) == 1


async def test_a_closed_file_frees_its_people(
    uow: FakeUnitOfWork, store: FakeStore, world: World
) -> None:
    first = open_command(7, org_id=world.union_a)
    await file_for(uow, first)
    await handle(
        c.ExitFile(scope_root=None, household_id=first.household_id, reason="reemployed"), uow
    )
    await handle(open_command(7, org_id=world.union_a), uow)
    assert len(store.households) == 2


async def test_files_outside_the_scope_do_not_exist(uow: FakeUnitOfWork, world: World) -> None:
    command = open_command(8, org_id=world.union_b)
    await handle(command, uow)
    with pytest.raises(NotFound):
        await handle(
            c.SubmitFile(scope_root=world.community_a, household_id=command.household_id), uow
        )


async def test_overdue_files_are_flagged_once(
    uow: FakeUnitOfWork, store: FakeStore, world: World
) -> None:
    command = open_command(9, org_id=world.union_a)
    await file_for(uow, command)
    store.outbox.clear()
    uow.today_value += timedelta(days=366)
    assert await flag_overdue_files(uow) == 1
    assert await flag_overdue_files(uow) == 0
    [event] = [p.event for p in store.outbox]
    assert isinstance(event, contracts.HouseholdFlagged)
    assert event.flag == "not_reviewed_12_months"
    reverify = c.ReverifyFile(
        scope_root=None,
        household_id=command.household_id,
        level="accident",
        monthly_income_per_capita_fen=50,
    )
    await handle(reverify, uow)
    assert store.households[command.household_id].flags == frozenset()
    assert await flag_overdue_files(uow) == 0


async def test_transfer_relocates_and_leaving_flags(
    uow: FakeUnitOfWork, store: FakeStore, world: World
) -> None:
    command = open_command(
        10, head=c.HeadIn(name="李明", id_number=person(10), member_id=world.member_a)
    )
    await file_for(uow, command)
    store.outbox.clear()
    store.members[world.member_a] = ReplicaMember(world.member_a, world.union_b, None, "active")
    assert await head_transferred(uow, world.member_a, world.union_b, None, uow.today()) == 1
    assert store.households[command.household_id].org_id == world.union_b
    assert await head_transferred(uow, world.member_a, world.union_b, None, uow.today()) == 0
    assert await head_flagged(uow, world.member_a, "head_left_union", uow.today()) == 1
    assert await head_flagged(uow, world.member_a, "head_left_union", uow.today()) == 0
    relocated, flagged = (p.event for p in store.outbox)
    assert isinstance(relocated, contracts.HouseholdRelocated)
    assert (relocated.from_org_id, relocated.org_id) == (world.union_a, world.union_b)
    assert isinstance(flagged, contracts.HouseholdFlagged)
    assert store.households[command.household_id].status == "filed"
