"""The unit of work: identity map, commit-or-nothing, optimistic concurrency, dispatch."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from membership.service_layer import handle
from membership.service_layer.commands import Command, RenameUnion
from shared.seedwork import ConcurrentModification, InvalidValue

from .builders import World, admission
from .fakes import TODAY, FakeUnitOfWork


async def test_get_returns_one_instance_per_id_within_a_unit(
    uow: FakeUnitOfWork, world: World
) -> None:
    async with uow:
        first = await uow.organisations.get(world.union_a)
        again = await uow.organisations.get(world.union_a)
        [child] = [
            c for c in await uow.organisations.children(world.community) if c.id == world.union_a
        ]
        assert first is again is child
    async with uow:
        assert await uow.organisations.get(world.union_a) is not first


async def test_nothing_is_stored_without_commit(uow: FakeUnitOfWork, world: World) -> None:
    outbox = len(uow.store.outbox)
    async with uow:
        org = await uow.organisations.get(world.union_a)
        assert org is not None
        org.rename("未提交的名称", on=TODAY, today=TODAY)
        assert [p.event.event_type for p in uow.pending_events()] == ["membership.union.renamed"]
    assert uow.store.organisations[world.union_a].name != "未提交的名称"
    assert len(uow.store.outbox) == outbox


async def test_a_failing_command_leaves_no_rows_and_no_events(
    uow: FakeUnitOfWork, world: World
) -> None:
    outbox, commits = len(uow.store.outbox), uow.commits
    with pytest.raises(InvalidValue):
        await handle(admission(world, 1, mobile="110"), uow)
    assert (len(uow.store.outbox), uow.commits, len(uow.store.members)) == (outbox, commits, 0)
    assert uow.rollbacks > 0


async def test_events_are_written_once_even_if_committed_twice(
    uow: FakeUnitOfWork, world: World
) -> None:
    outbox = len(uow.store.outbox)
    async with uow:
        org = await uow.organisations.get(world.union_a)
        assert org is not None
        org.rename("第一次", on=TODAY, today=TODAY)
        await uow.commit()
        await uow.commit()
        org.rename("第二次", on=TODAY, today=TODAY)
        await uow.commit()
    assert [p.aggregate_version for p in uow.store.outbox[outbox:]] == [2, 3]
    assert uow.store.organisations[world.union_a].version == 3


async def test_concurrent_changes_to_one_aggregate_are_detected(
    uow: FakeUnitOfWork, world: World
) -> None:
    other = FakeUnitOfWork(uow.store)
    async with uow, other:
        mine = await uow.organisations.get(world.union_a)
        theirs = await other.organisations.get(world.union_a)
        assert mine is not None
        assert theirs is not None
        theirs.rename("他们的名称", on=TODAY, today=TODAY)
        await other.commit()
        mine.rename("我的名称", on=TODAY, today=TODAY)
        with pytest.raises(ConcurrentModification):
            await uow.commit()
    assert uow.store.organisations[world.union_a].name == "他们的名称"


async def test_stored_aggregates_hold_no_pending_events(uow: FakeUnitOfWork, world: World) -> None:
    await handle(
        RenameUnion(scope_root=world.city, org_id=world.union_a, name="新名", renamed_on=TODAY), uow
    )
    assert all(not org.events for org in uow.store.organisations.values())


async def test_unknown_commands_are_a_type_error(uow: FakeUnitOfWork, world: World) -> None:
    @dataclass(frozen=True, kw_only=True)
    class Unknown(Command):
        pass

    with pytest.raises(TypeError, match="Unknown"):
        await handle(Unknown(scope_root=world.city), uow)
