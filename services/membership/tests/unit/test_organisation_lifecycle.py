"""Organisation lifecycle: dissolution, renaming, re-election, versions."""

from __future__ import annotations

from datetime import date

import pytest
from membership.domain import LeavingReason, OrganisationKind, OrganisationStatus, Term
from membership.domain.errors import (
    NotAGrassrootsUnion,
    OrganisationNotActive,
    OrganisationNotEmpty,
    ParentNotAllowed,
)
from membership.service_layer import handle
from membership.service_layer.commands import (
    DissolveUnion,
    MemberLeaves,
    MoveUnion,
    ReelectUnion,
    RenameUnion,
)
from shared.seedwork import InvalidValue

from .builders import World, admission, found
from .fakes import TODAY, FakeUnitOfWork


async def test_dissolved_union_admits_nobody_gets_no_children_and_is_no_target(
    uow: FakeUnitOfWork, world: World
) -> None:
    await handle(
        DissolveUnion(scope_root=world.city, org_id=world.union_b, dissolved_on=TODAY), uow
    )
    assert uow.store.organisations[world.union_b].status is OrganisationStatus.DISSOLVED

    with pytest.raises(OrganisationNotActive):
        await handle(admission(world, 1, union_id=world.union_b), uow)
    with pytest.raises(OrganisationNotActive):
        await found(uow, OrganisationKind.UNION_GROUP, world.union_b, scope=world.city)
    group = await found(uow, OrganisationKind.UNION_GROUP, world.union_a, scope=world.city)
    with pytest.raises(OrganisationNotActive):
        await handle(
            MoveUnion(
                scope_root=world.city, org_id=group, new_parent_id=world.union_b, moved_on=TODAY
            ),
            uow,
        )
    with pytest.raises(OrganisationNotActive):
        await handle(
            RenameUnion(scope_root=world.city, org_id=world.union_b, name="新名", renamed_on=TODAY),
            uow,
        )


async def test_dissolving_needs_no_active_children_and_no_members(
    uow: FakeUnitOfWork, world: World
) -> None:
    with pytest.raises(OrganisationNotEmpty, match="下级组织"):
        await handle(
            DissolveUnion(scope_root=world.city, org_id=world.community, dissolved_on=TODAY), uow
        )
    member = await handle(admission(world, 1, union_id=world.union_b), uow)
    with pytest.raises(OrganisationNotEmpty, match="会员"):
        await handle(
            DissolveUnion(scope_root=world.city, org_id=world.union_b, dissolved_on=TODAY), uow
        )
    await handle(
        MemberLeaves(
            scope_root=world.city, member_id=member.aggregate_id,
            reason=LeavingReason.VOLUNTARY, effective_on=TODAY,
        ),
        uow,
    )  # fmt: skip
    await handle(
        DissolveUnion(scope_root=world.city, org_id=world.union_b, dissolved_on=TODAY), uow
    )
    assert uow.store.organisations[world.union_b].dissolved_on == TODAY


async def test_dissolving_a_union_uncovers_its_employers(uow: FakeUnitOfWork, world: World) -> None:
    assert uow.store.employers[world.employer_a].coverage is not None
    await handle(
        DissolveUnion(scope_root=world.city, org_id=world.union_a, dissolved_on=TODAY), uow
    )
    assert uow.store.employers[world.employer_a].coverage is None
    types = [p.event.event_type for p in uow.store.outbox[-2:]]
    assert types == ["membership.union.dissolved", "membership.employer.coverage_changed"]


async def test_the_root_cannot_move_or_be_dissolved(uow: FakeUnitOfWork, world: World) -> None:
    with pytest.raises(ParentNotAllowed):
        await handle(
            DissolveUnion(scope_root=world.city, org_id=world.city, dissolved_on=TODAY), uow
        )


async def test_members_join_grassroots_unions_only(uow: FakeUnitOfWork, world: World) -> None:
    with pytest.raises(NotAGrassrootsUnion):
        await handle(admission(world, 1, union_id=world.community), uow)


async def test_rename_changes_the_name_and_refuses_the_same(
    uow: FakeUnitOfWork, world: World
) -> None:
    cmd = RenameUnion(
        scope_root=world.city, org_id=world.union_a, name="  新名称工会 ", renamed_on=TODAY
    )
    result = await handle(cmd, uow)
    assert uow.store.organisations[world.union_a].name == "新名称工会"
    assert result.version == 2
    with pytest.raises(InvalidValue, match="相同"):
        await handle(cmd, uow)
    with pytest.raises(InvalidValue, match="不能为空"):
        await handle(
            RenameUnion(scope_root=world.city, org_id=world.union_a, name=" ", renamed_on=TODAY),
            uow,
        )


async def test_reelection_terms_follow_each_other(uow: FakeUnitOfWork, world: World) -> None:
    def term(start: date, end: date) -> ReelectUnion:
        return ReelectUnion(
            scope_root=world.city, org_id=world.union_a, term_start=start, term_end=end,
            chair_name="李主席",
        )  # fmt: skip

    await handle(term(date(2020, 1, 1), date(2024, 12, 31)), uow)
    stored = uow.store.organisations[world.union_a]
    assert stored.term == Term(date(2020, 1, 1), date(2024, 12, 31), "李主席")
    with pytest.raises(InvalidValue, match="上一届之后"):
        await handle(term(date(2019, 1, 1), date(2021, 1, 1)), uow)
    with pytest.raises(InvalidValue, match="不能超过5年"):
        await handle(term(date(2025, 1, 1), date(2030, 1, 2)), uow)
    with pytest.raises(InvalidValue, match="晚于开始日期"):
        await handle(term(date(2025, 1, 1), date(2025, 1, 1)), uow)
    with pytest.raises(InvalidValue, match="晚于今天"):
        await handle(term(date(2025, 7, 1), date(2028, 6, 30)), uow)
    await handle(term(date(2025, 1, 1), date(2029, 12, 31)), uow)
    assert uow.store.organisations[world.union_a].version == 3


async def test_versions_grow_by_one_per_change(uow: FakeUnitOfWork, world: World) -> None:
    versions = [uow.store.organisations[world.union_a].version]
    for name in ("甲工会", "乙工会", "丙工会"):
        await handle(
            RenameUnion(scope_root=world.city, org_id=world.union_a, name=name, renamed_on=TODAY),
            uow,
        )
        versions.append(uow.store.organisations[world.union_a].version)
    assert versions == [1, 2, 3, 4]
    renamed = [p for p in uow.store.outbox if p.aggregate_id == str(world.union_a)]
    assert [p.aggregate_version for p in renamed] == [1, 2, 3, 4]
