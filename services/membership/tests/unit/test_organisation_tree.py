"""Tree rules: who may sit under whom, one root, no cycles when moving."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from membership.domain import (
    GrassrootsMode,
    OrganisationKind,
    OrganisationStatus,
    UnionOrganisation,
)
from membership.domain.errors import CycleInTree, ParentNotAllowed, RootAlreadyExists
from membership.domain.kinds import ALLOWED_PARENTS
from membership.service_layer import handle
from membership.service_layer.commands import (
    FoundUnion,
    MoveUnion,
)
from shared.seedwork import InvalidValue

from .builders import FOUNDED, World, found
from .fakes import TODAY, FakeUnitOfWork

Kind = OrganisationKind


def _org(kind: OrganisationKind, *, active: bool = True) -> UnionOrganisation:
    mode = GrassrootsMode.SINGLE if kind is Kind.GRASSROOTS_UNION else None
    parent_id = None if kind is Kind.CITY_FEDERATION else uuid4()
    status = OrganisationStatus.ACTIVE if active else OrganisationStatus.DISSOLVED
    return UnionOrganisation(
        id=uuid4(), kind=kind, name="某工会", parent_id=parent_id, founded_on=FOUNDED,
        grassroots_mode=mode, status=status, version=1,
    )  # fmt: skip


def _found(kind: OrganisationKind, parent: UnionOrganisation | None) -> UnionOrganisation:
    mode = GrassrootsMode.JOINT if kind is Kind.GRASSROOTS_UNION else None
    return UnionOrganisation.found(
        org_id=uuid4(), kind=kind, name="新工会", parent=parent, founded_on=FOUNDED,
        today=TODAY, grassroots_mode=mode,
    )  # fmt: skip


PAIRS = [(child, parent) for child in Kind for parent in Kind]


@pytest.mark.parametrize(("child", "parent"), PAIRS, ids=[f"{c}<{p}" for c, p in PAIRS])
def test_allowed_parents_decide_founding(child: OrganisationKind, parent: OrganisationKind) -> None:
    if parent in ALLOWED_PARENTS[child]:
        org = _found(child, _org(parent))
        assert org.version == 1
    else:
        with pytest.raises(ParentNotAllowed):
            _found(child, _org(parent))


def test_the_expected_shape_of_the_tree() -> None:
    assert ALLOWED_PARENTS[Kind.STREET_FEDERATION] == {Kind.DISTRICT_FEDERATION}
    assert ALLOWED_PARENTS[Kind.INDUSTRY_FEDERATION] == {
        Kind.CITY_FEDERATION,
        Kind.DISTRICT_FEDERATION,
        Kind.STREET_FEDERATION,
        Kind.COMMUNITY_FEDERATION,  # a community's property-management industry union
    }
    assert ALLOWED_PARENTS[Kind.UNION_GROUP] == {Kind.GRASSROOTS_UNION}
    assert Kind.CITY_FEDERATION in ALLOWED_PARENTS[Kind.GRASSROOTS_UNION]
    assert Kind.GRASSROOTS_UNION not in ALLOWED_PARENTS[Kind.GRASSROOTS_UNION]


def test_only_the_city_federation_has_no_parent() -> None:
    assert _found(Kind.CITY_FEDERATION, None).parent_id is None
    with pytest.raises(ParentNotAllowed, match="必须有上级组织"):
        _found(Kind.STREET_FEDERATION, None)


def test_grassroots_mode_is_required_for_grassroots_unions_only() -> None:
    with pytest.raises(InvalidValue) as caught:
        UnionOrganisation.found(
            org_id=uuid4(), kind=Kind.GRASSROOTS_UNION, name="某公司工会",
            parent=_org(Kind.STREET_FEDERATION), founded_on=FOUNDED, today=TODAY,
        )  # fmt: skip
    assert caught.value.field == "grassroots_mode"


def test_founding_in_the_future_is_refused() -> None:
    with pytest.raises(InvalidValue, match="成立日期"):
        UnionOrganisation.found(
            org_id=uuid4(), kind=Kind.CITY_FEDERATION, name="市总工会", parent=None,
            founded_on=date(2025, 7, 1), today=TODAY,
        )  # fmt: skip


async def test_a_second_root_is_refused(uow: FakeUnitOfWork, world: World) -> None:
    new_root = uuid4()
    cmd = FoundUnion(
        scope_root=new_root, org_id=new_root, kind=Kind.CITY_FEDERATION, name="另一个市总",
        parent_id=None, founded_on=FOUNDED,
    )  # fmt: skip
    with pytest.raises(RootAlreadyExists):
        await handle(cmd, uow)


async def test_moving_under_a_descendant_is_refused(uow: FakeUnitOfWork, world: World) -> None:
    group = await found(uow, Kind.UNION_GROUP, world.union_a, scope=world.city)
    with pytest.raises(CycleInTree):
        await handle(
            MoveUnion(
                scope_root=world.city, org_id=world.union_a, new_parent_id=world.union_a,
                moved_on=TODAY,
            ),
            uow,
        )  # fmt: skip
    # A street moved under its own community: the kinds would not fit either, but the
    # cycle is what is reported first.
    with pytest.raises(CycleInTree):
        await handle(
            MoveUnion(
                scope_root=world.city, org_id=world.street, new_parent_id=world.community,
                moved_on=TODAY,
            ),
            uow,
        )  # fmt: skip
    assert (await uow.organisations.path(group))[:3] == [world.city, world.district, world.street]


async def test_move_reparents_and_emits_old_and_new_parent(
    uow: FakeUnitOfWork, world: World
) -> None:
    before = len(uow.store.outbox)
    result = await handle(
        MoveUnion(
            scope_root=world.city, org_id=world.union_a, new_parent_id=world.other_street,
            moved_on=date(2025, 1, 1),
        ),
        uow,
    )  # fmt: skip
    assert uow.store.organisations[world.union_a].parent_id == world.other_street
    assert await uow.organisations.is_within(world.union_a, world.other_street)
    assert not await uow.organisations.is_within(world.union_a, world.community)
    [moved] = uow.store.outbox[before:]
    assert moved.event.event_type == "membership.union.moved"
    data = moved.event.model_dump(mode="json")
    assert data["old_parent_id"] == str(world.community)
    assert data["new_parent_id"] == str(world.other_street)
    assert data["occurred_on"] == "2025-01-01"
    assert moved.aggregate_version == result.version == 2


async def test_moving_kinds_that_do_not_fit_is_refused(uow: FakeUnitOfWork, world: World) -> None:
    with pytest.raises(ParentNotAllowed):
        await handle(
            MoveUnion(
                scope_root=world.city, org_id=world.community, new_parent_id=world.district,
                moved_on=TODAY,
            ),
            uow,
        )  # fmt: skip


def test_a_child_cannot_be_founded_before_its_parent() -> None:
    parent = _org(Kind.STREET_FEDERATION)  # founded on FOUNDED
    with pytest.raises(InvalidValue, match="不能早于上级组织") as caught:
        UnionOrganisation.found(
            org_id=uuid4(), kind=Kind.COMMUNITY_FEDERATION, name="早社区", parent=parent,
            founded_on=date(FOUNDED.year - 1, 1, 1), today=TODAY,
        )  # fmt: skip
    assert caught.value.field == "founded_on"
    same_day = UnionOrganisation.found(
        org_id=uuid4(), kind=Kind.COMMUNITY_FEDERATION, name="同日社区", parent=parent,
        founded_on=FOUNDED, today=TODAY,
    )  # fmt: skip
    assert same_day.founded_on == parent.founded_on


def test_a_move_takes_effect_only_once_the_new_parent_exists() -> None:
    union = _org(Kind.GRASSROOTS_UNION)
    late_parent = UnionOrganisation(
        id=uuid4(), kind=Kind.STREET_FEDERATION, name="新街道", parent_id=uuid4(),
        founded_on=date(FOUNDED.year + 1, 6, 1), version=1,
    )  # fmt: skip
    with pytest.raises(InvalidValue) as caught:
        union.move_under(
            late_parent, new_parent_path=[late_parent.id], on=date(FOUNDED.year + 1, 5, 31),
            today=TODAY,
        )  # fmt: skip
    assert caught.value.field == "moved_on"
    union.move_under(
        late_parent, new_parent_path=[late_parent.id], on=late_parent.founded_on, today=TODAY
    )
    assert union.parent_id == late_parent.id
