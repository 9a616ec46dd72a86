"""Membership transfer (会籍接转): hand-off record, union changed, event, refusals."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest
from membership.domain import LeavingReason, MemberStatus, RetentionReason, TransferReason
from membership.domain.errors import NotAGrassrootsUnion, OrganisationNotActive
from membership.service_layer import handle
from membership.service_layer.commands import (
    DissolveUnion,
    MemberLeaves,
    RetainMember,
    TransferMember,
)
from shared.seedwork import InvalidTransition, InvalidValue, NotFound

from .builders import World, admission
from .fakes import TODAY, FakeUnitOfWork


def _transfer(world: World, member_id: UUID, to_union: UUID, **overrides: object) -> TransferMember:
    fields: dict[str, object] = {
        "scope_root": world.city,
        "member_id": member_id,
        "to_union_id": to_union,
        "effective_on": date(2025, 3, 1),
        "reason": TransferReason.JOB_CHANGE,
        "handled_by": "cadre-7f3a",
    }
    fields.update(overrides)
    return TransferMember(**fields)  # type: ignore[arg-type]


@pytest.fixture
async def member_id(uow: FakeUnitOfWork, world: World) -> UUID:
    return (await handle(admission(world, 1), uow)).aggregate_id


async def test_transfer_makes_a_hand_off_record_and_moves_the_membership(
    uow: FakeUnitOfWork, world: World, member_id: UUID
) -> None:
    cmd = _transfer(
        world, member_id, world.union_c, new_employer_id=world.employer_b, note="随工作调动"
    )
    result = await handle(cmd, uow)

    [record] = uow.store.transfers
    assert record.id == cmd.transfer_id
    assert (record.member_id, record.from_union_id, record.to_union_id) == (
        member_id,
        world.union_a,
        world.union_c,
    )
    assert (record.effective_on, record.reason, record.handled_by) == (
        date(2025, 3, 1),
        TransferReason.JOB_CHANGE,
        "cadre-7f3a",
    )
    assert record.new_employer_id == world.employer_b
    member = uow.store.members[member_id]
    assert (member.union_id, member.employer_id, member.union_since) == (
        world.union_c,
        world.employer_b,
        date(2025, 3, 1),
    )
    assert member.status is MemberStatus.ACTIVE
    assert result.version == 2

    transferred = uow.store.outbox[-1]
    assert transferred.event.event_type == "membership.member.transferred"
    assert (transferred.aggregate_id, transferred.aggregate_version) == (str(member_id), 2)
    assert transferred.event.model_dump(mode="json") == {
        "org_id": str(world.union_c),
        "occurred_on": "2025-03-01",
        "member_id": str(member_id),
        "transfer_id": str(cmd.transfer_id),
        "from_union_id": str(world.union_a),
        "to_union_id": str(world.union_c),
        "employer_id": str(world.employer_b),
        "reason": "job_change",
    }


async def test_the_employer_stays_when_none_is_given(
    uow: FakeUnitOfWork, world: World, member_id: UUID
) -> None:
    await handle(_transfer(world, member_id, world.union_b), uow)
    assert uow.store.members[member_id].employer_id == world.employer_a


async def test_a_retained_member_can_be_transferred(
    uow: FakeUnitOfWork, world: World, member_id: UUID
) -> None:
    retain = RetainMember(
        scope_root=world.city, member_id=member_id, reason=RetentionReason.RETIRED,
        effective_on=date(2025, 1, 1),
    )  # fmt: skip
    await handle(retain, uow)
    await handle(_transfer(world, member_id, world.union_b), uow)
    assert uow.store.members[member_id].status is MemberStatus.RETAINED
    assert uow.store.members[member_id].union_id == world.union_b


async def test_transfer_of_a_left_member_is_refused(
    uow: FakeUnitOfWork, world: World, member_id: UUID
) -> None:
    leave = MemberLeaves(
        scope_root=world.city, member_id=member_id, reason=LeavingReason.VOLUNTARY,
        effective_on=date(2025, 1, 1),
    )  # fmt: skip
    await handle(leave, uow)
    with pytest.raises(InvalidTransition, match="已退会"):
        await handle(_transfer(world, member_id, world.union_c), uow)
    assert not uow.store.transfers


async def test_transfer_to_the_same_union_is_refused(
    uow: FakeUnitOfWork, world: World, member_id: UUID
) -> None:
    with pytest.raises(InvalidValue, match="相同") as caught:
        await handle(_transfer(world, member_id, world.union_a), uow)
    assert caught.value.field == "to_union_id"


async def test_transfer_to_a_dissolved_union_is_refused(
    uow: FakeUnitOfWork, world: World, member_id: UUID
) -> None:
    await handle(
        DissolveUnion(scope_root=world.city, org_id=world.union_c, dissolved_on=TODAY), uow
    )
    with pytest.raises(OrganisationNotActive):
        await handle(_transfer(world, member_id, world.union_c), uow)
    assert uow.store.members[member_id].union_id == world.union_a
    assert not uow.store.transfers


async def test_transfer_to_a_federation_or_unknown_union_is_refused(
    uow: FakeUnitOfWork, world: World, member_id: UUID
) -> None:
    with pytest.raises(NotAGrassrootsUnion):
        await handle(_transfer(world, member_id, world.street), uow)
    with pytest.raises(NotFound):
        await handle(_transfer(world, member_id, world.employer_a), uow)
    with pytest.raises(NotFound):
        await handle(_transfer(world, member_id, world.union_b, new_employer_id=world.union_b), uow)


async def test_transfer_dates_must_follow_the_last_change(
    uow: FakeUnitOfWork, world: World, member_id: UUID
) -> None:
    with pytest.raises(InvalidValue, match="会籍变动日期"):
        await handle(_transfer(world, member_id, world.union_b, effective_on=date(2019, 1, 1)), uow)
    with pytest.raises(InvalidValue, match="晚于今天"):
        await handle(_transfer(world, member_id, world.union_b, effective_on=date(2025, 7, 1)), uow)
    with pytest.raises(InvalidValue, match="经办人"):
        await handle(_transfer(world, member_id, world.union_b, handled_by=" "), uow)


async def test_one_membership_follows_the_person_through_transfers(
    uow: FakeUnitOfWork, world: World, member_id: UUID
) -> None:
    await handle(_transfer(world, member_id, world.union_b, effective_on=date(2024, 1, 1)), uow)
    await handle(_transfer(world, member_id, world.union_c, effective_on=date(2025, 1, 1)), uow)
    assert [(t.from_union_id, t.to_union_id) for t in uow.store.transfers] == [
        (world.union_a, world.union_b),
        (world.union_b, world.union_c),
    ]
    assert len(uow.store.members) == 1
    assert uow.store.members[member_id].version == 3
