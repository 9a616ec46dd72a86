"""A refused second admission says which membership the person holds: active or retained."""

from __future__ import annotations

import pytest
from membership.domain import RetentionReason
from membership.domain.errors import AlreadyAMember
from membership.domain.member import ALREADY_ACTIVE, ALREADY_RETAINED
from membership.service_layer import handle
from membership.service_layer.commands import RetainMember

from .builders import World, admission
from .fakes import TODAY, FakeUnitOfWork


async def test_an_active_member_is_told_to_be_on_the_roll_already(
    uow: FakeUnitOfWork, world: World
) -> None:
    await handle(admission(world, 1), uow)

    with pytest.raises(AlreadyAMember) as refused:
        await handle(admission(world, 1, union_id=world.union_c), uow)

    assert refused.value.message == ALREADY_ACTIVE
    assert refused.value.message.startswith("该人员已是在册会员")
    assert "保留会籍" not in refused.value.message


async def test_a_retained_member_is_told_to_reinstate(uow: FakeUnitOfWork, world: World) -> None:
    first = await handle(admission(world, 1), uow)
    retain = RetainMember(
        scope_root=world.city,
        member_id=first.aggregate_id,
        reason=RetentionReason.RETIRED,
        effective_on=TODAY,
    )
    await handle(retain, uow)

    with pytest.raises(AlreadyAMember) as refused:
        await handle(admission(world, 1, union_id=world.union_b), uow)

    assert refused.value.message == ALREADY_RETAINED
    assert refused.value.message.startswith("该人员保留会籍中，可恢复会籍")
    assert refused.value.field == "id_number"
