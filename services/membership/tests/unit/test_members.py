"""Admission, one current membership per person, and the status transitions."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest
from membership.domain import LeavingReason, MemberStatus, RetentionReason
from membership.domain.errors import AlreadyAMember
from membership.service_layer import handle
from membership.service_layer.commands import (
    MemberLeaves,
    ReinstateMember,
    RetainMember,
)
from shared.pii import PiiCipher
from shared.seedwork import InvalidTransition, InvalidValue, NotFound
from shared.settings import DEV_BLIND_INDEX_KEY, DEV_PII_KEY

from .builders import JOINED, World, admission, build_world, id_number
from .fakes import TODAY, FakeStore, FakeUnitOfWork


async def test_admission_stores_sealed_identity_and_derived_facts(
    uow: FakeUnitOfWork, world: World
) -> None:
    number = id_number(7, sex="female", born=date(1995, 8, 1))
    result = await handle(admission(world, 7, id_number=number.lower()), uow)
    member = uow.store.members[result.aggregate_id]
    assert member.status is MemberStatus.ACTIVE
    assert (member.person.birth_date, member.person.sex) == (date(1995, 8, 1), "female")
    assert member.person.id_number_index == uow.protector.blind_index(number)
    assert number.encode() not in member.person.id_number_ciphertext
    assert member.person.mobile_ciphertext is not None
    assert b"13812345678" not in member.person.mobile_ciphertext
    assert member.is_migrant_worker
    assert member.card_number == "GH-00000007"
    assert number not in repr(member)
    assert "张三" not in repr(member)
    [admitted] = uow.store.outbox[-1:]
    assert admitted.event.model_dump(mode="json") == {
        "org_id": str(world.union_a),
        "occurred_on": JOINED.isoformat(),
        "member_id": str(result.aggregate_id),
        "employer_id": str(world.employer_a),
        "sex": "female",
        "birth_year": 1995,
        "is_migrant_worker": True,
    }
    assert (admitted.aggregate_id, admitted.aggregate_version) == (str(result.aggregate_id), 1)


async def test_a_second_admission_of_the_same_person_is_refused(
    uow: FakeUnitOfWork, world: World
) -> None:
    await handle(admission(world, 1), uow)
    with pytest.raises(AlreadyAMember) as caught:
        await handle(admission(world, 1, union_id=world.union_c, name="张三丰"), uow)
    assert caught.value.field == "id_number"
    assert len(uow.store.members) == 1


async def test_a_retained_membership_also_blocks_a_new_one(
    uow: FakeUnitOfWork, world: World
) -> None:
    first = await handle(admission(world, 1), uow)
    await handle(
        RetainMember(
            scope_root=world.city, member_id=first.aggregate_id,
            reason=RetentionReason.RETIRED, effective_on=TODAY,
        ),
        uow,
    )  # fmt: skip
    with pytest.raises(AlreadyAMember):
        await handle(admission(world, 1, union_id=world.union_b), uow)


async def test_readmission_after_leaving_is_a_new_membership_period(
    uow: FakeUnitOfWork, world: World
) -> None:
    first = await handle(admission(world, 1), uow)
    await handle(
        MemberLeaves(
            scope_root=world.city, member_id=first.aggregate_id,
            reason=LeavingReason.VOLUNTARY, effective_on=date(2024, 1, 1),
        ),
        uow,
    )  # fmt: skip
    second = await handle(admission(world, 1, union_id=world.union_c, joined_on=TODAY), uow)
    assert second.aggregate_id != first.aggregate_id
    assert uow.store.members[first.aggregate_id].status is MemberStatus.LEFT
    assert uow.store.members[second.aggregate_id].union_id == world.union_c
    current = await uow.members._find_current_by_id_index(uow.protector.blind_index(id_number(1)))
    assert current is not None
    assert current.id == second.aggregate_id


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"id_number": "440303199005170011"}, "id_number", "校验位"),
        ({"mobile": "12345678901"}, "mobile", "手机号码"),
        ({"name": "  "}, "name", "姓名"),
        ({"joined_on": date(2025, 7, 1)}, "joined_on", "晚于今天"),
        ({"joined_on": date(2006, 5, 16)}, "joined_on", "年满16周岁"),
        ({"card_number": "卡号123"}, "card_number", "会员证号"),
        ({"joined_on": date(2009, 12, 31)}, "joined_on", "早于工会.*成立日期 2010-01-01"),
    ],
)
async def test_invalid_admissions_name_the_field(
    uow: FakeUnitOfWork, world: World, overrides: dict[str, object], field: str, message: str
) -> None:
    before = len(uow.store.outbox)
    with pytest.raises(InvalidValue, match=message) as caught:
        await handle(admission(world, 3, **overrides), uow)
    assert caught.value.field == field
    assert not uow.store.members
    assert len(uow.store.outbox) == before


async def test_joining_on_the_sixteenth_birthday_is_allowed(
    uow: FakeUnitOfWork, world: World
) -> None:
    number = id_number(4, born=date(2008, 2, 29))
    with pytest.raises(InvalidValue, match="年满16周岁"):
        await handle(admission(world, 4, id_number=number, joined_on=date(2024, 2, 28)), uow)
    result = await handle(admission(world, 4, id_number=number, joined_on=date(2024, 2, 29)), uow)
    assert uow.store.members[result.aggregate_id].joined_on == date(2024, 2, 29)


async def test_mobile_and_card_are_optional(uow: FakeUnitOfWork, world: World) -> None:
    result = await handle(admission(world, 5, mobile=None, card_number="  "), uow)
    member = uow.store.members[result.aggregate_id]
    assert member.person.mobile_ciphertext is None
    assert member.card_number is None


async def test_unknown_employer_is_refused(uow: FakeUnitOfWork, world: World) -> None:
    with pytest.raises(NotFound) as caught:
        await handle(admission(world, 1, employer_id=world.union_a), uow)
    assert caught.value.field == "employer_id"


def _retain(world: World, member_id: UUID, on: date = TODAY) -> RetainMember:
    return RetainMember(
        scope_root=world.city, member_id=member_id, reason=RetentionReason.LAID_OFF, effective_on=on
    )


async def test_retain_reinstate_leave_walk_the_lifecycle(uow: FakeUnitOfWork, world: World) -> None:
    member_id = (await handle(admission(world, 1), uow)).aggregate_id
    await handle(_retain(world, member_id, date(2024, 1, 1)), uow)
    assert uow.store.members[member_id].status is MemberStatus.RETAINED
    assert uow.store.members[member_id].retention_reason is RetentionReason.LAID_OFF
    await handle(
        ReinstateMember(scope_root=world.city, member_id=member_id, effective_on=date(2024, 6, 1)),
        uow,
    )
    assert uow.store.members[member_id].status is MemberStatus.ACTIVE
    await handle(
        MemberLeaves(
            scope_root=world.city, member_id=member_id,
            reason=LeavingReason.EXPELLED, effective_on=date(2025, 1, 1),
        ),
        uow,
    )  # fmt: skip
    left = uow.store.members[member_id]
    assert (left.status, left.leaving_reason, left.version) == (
        MemberStatus.LEFT,
        LeavingReason.EXPELLED,
        4,
    )
    events = [p for p in uow.store.outbox if p.aggregate_id == str(member_id)]
    assert [(p.event.event_type, p.aggregate_version) for p in events] == [
        ("membership.member.admitted", 1),
        ("membership.member.retained", 2),
        ("membership.member.reinstated", 3),
        ("membership.member.left", 4),
    ]
    assert events[1].event.model_dump()["reason"] == "laid_off"
    assert events[3].event.model_dump()["reason"] == "expelled"


async def test_transitions_out_of_order_are_refused(uow: FakeUnitOfWork, world: World) -> None:
    member_id = (await handle(admission(world, 1), uow)).aggregate_id
    reinstate = ReinstateMember(scope_root=world.city, member_id=member_id, effective_on=TODAY)
    with pytest.raises(InvalidTransition, match="保留会籍"):
        await handle(reinstate, uow)
    await handle(_retain(world, member_id), uow)
    with pytest.raises(InvalidTransition, match="在会会员"):
        await handle(_retain(world, member_id), uow)
    leave = MemberLeaves(
        scope_root=world.city,
        member_id=member_id,
        reason=LeavingReason.VOLUNTARY,
        effective_on=TODAY,
    )
    await handle(leave, uow)  # a retained member may leave
    with pytest.raises(InvalidTransition, match="已退会"):
        await handle(leave, uow)
    with pytest.raises(InvalidTransition):
        await handle(reinstate, uow)


async def test_effective_dates_cannot_go_back_in_time(uow: FakeUnitOfWork, world: World) -> None:
    member_id = (await handle(admission(world, 1), uow)).aggregate_id
    with pytest.raises(InvalidValue, match="会籍变动日期"):
        await handle(_retain(world, member_id, date(2019, 12, 31)), uow)
    await handle(_retain(world, member_id, date(2024, 1, 1)), uow)
    with pytest.raises(InvalidValue, match="会籍变动日期"):
        await handle(
            ReinstateMember(
                scope_root=world.city, member_id=member_id, effective_on=date(2023, 1, 1)
            ),
            uow,
        )
    with pytest.raises(InvalidValue, match="晚于今天"):
        await handle(
            ReinstateMember(
                scope_root=world.city, member_id=member_id, effective_on=date(2025, 7, 1)
            ),
            uow,
        )


async def test_unknown_member_is_not_found(uow: FakeUnitOfWork, world: World) -> None:
    with pytest.raises(NotFound):
        await handle(_retain(world, world.union_a), uow)


async def test_the_kit_cipher_fits_the_protector_port(store: FakeStore) -> None:
    cipher = PiiCipher(DEV_PII_KEY, DEV_BLIND_INDEX_KEY)
    uow = FakeUnitOfWork(store, protector=cipher)
    world = await build_world(uow)
    number = id_number(8)
    member_id = (await handle(admission(world, 8, id_number=number.lower()), uow)).aggregate_id
    person = store.members[member_id].person
    assert cipher.decrypt(person.id_number_ciphertext) == number
    assert person.mobile_ciphertext is not None
    assert cipher.decrypt(person.mobile_ciphertext) == "13812345678"
    assert person.id_number_index == cipher.blind_index(number)
    with pytest.raises(AlreadyAMember):
        await handle(admission(world, 8, id_number=number, union_id=world.union_c), uow)
