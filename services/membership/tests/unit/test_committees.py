"""Union committees (工会委员会): size, one chair, election and term dates, overlapping terms."""

from __future__ import annotations

from datetime import date

import pytest
from membership.domain import CommitteeMember, CommitteeRole
from membership.domain.errors import OrganisationNotActive
from membership.service_layer import handle
from membership.service_layer.commands import DissolveUnion, ElectCommittee, ReelectUnion
from shared.contracts import membership as contracts
from shared.seedwork import InvalidValue

from .builders import World, three_members
from .fakes import TODAY, FakeUnitOfWork

Role = CommitteeRole


def _elect(world: World, **overrides: object) -> ElectCommittee:
    fields: dict[str, object] = {
        "scope_root": world.city,
        "org_id": world.union_a,
        "elected_on": date(2023, 3, 1),
        "term_start": date(2023, 3, 1),
        "term_end": date(2028, 2, 29),
        "members": three_members(),
    }
    fields.update(overrides)
    return ElectCommittee(**fields)  # type: ignore[arg-type]


def _members(*roles: CommitteeRole) -> tuple[CommitteeMember, ...]:
    return tuple(CommitteeMember(f"委员{i}", role) for i, role in enumerate(roles))


async def test_an_election_is_stored_with_names_and_published_as_counts(
    uow: FakeUnitOfWork, world: World
) -> None:
    members = (
        *three_members(chair="赵主席"),
        CommitteeMember("钱审查", Role.AUDIT, sex="female"),
        CommitteeMember("孙女工", Role.WOMEN, sex="female", full_time=True),
    )
    cmd = _elect(world, members=members)
    await handle(cmd, uow)

    org_id, stored = uow.store.committees[cmd.committee_id]
    assert org_id == world.union_a
    assert [m.name for m in stored.members][:1] == ["赵主席"]
    org = uow.store.organisations[world.union_a]
    assert org.term is not None
    assert (org.term.starts_on, org.term.chair_name) == (date(2023, 3, 1), "赵主席")
    event = uow.store.outbox[-1].event
    assert isinstance(event, contracts.CommitteeElected)
    assert event.model_dump(mode="json") == {
        "org_id": str(world.union_a),
        "occurred_on": "2023-03-01",
        "committee_id": str(cmd.committee_id),
        "elected_on": "2023-03-01",
        "term_start": "2023-03-01",
        "term_end": "2028-02-29",
        "size": 5,
        "by_role": {"chair": 1, "vice_chair": 1, "member": 1, "audit": 1, "women": 1},
        "women": 3,
        "sex_recorded": 4,
        "full_time": 2,
    }


@pytest.mark.parametrize(
    ("members", "message"),
    [
        (_members(Role.CHAIR, Role.MEMBER), "3至37名"),
        (_members(Role.CHAIR, *[Role.MEMBER] * 37), "3至37名"),
        (_members(Role.VICE_CHAIR, Role.MEMBER, Role.MEMBER), "有且仅有一名主席"),
        (_members(Role.CHAIR, Role.CHAIR, Role.MEMBER), "有且仅有一名主席"),
        ((CommitteeMember("  ", Role.CHAIR), *_members(Role.MEMBER, Role.MEMBER)), "委员姓名"),
    ],
)
async def test_a_committee_has_three_to_37_members_one_chair_and_names(
    uow: FakeUnitOfWork, world: World, members: tuple[CommitteeMember, ...], message: str
) -> None:
    with pytest.raises(InvalidValue, match=message) as refused:
        await handle(_elect(world, members=members), uow)
    assert refused.value.field == "members"
    assert uow.store.committees == {}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"elected_on": date(2025, 7, 1), "term_start": date(2025, 7, 1)}, "elected_on"),
        ({"elected_on": date(2009, 12, 31)}, "elected_on"),
        ({"term_start": date(2023, 2, 28)}, "term_start"),
        ({"term_end": date(2023, 3, 1)}, "term_end"),
        ({"term_end": date(2028, 3, 2)}, "term_end"),
    ],
)
async def test_no_election_in_the_future_or_before_the_founding_and_a_sound_term(
    uow: FakeUnitOfWork, world: World, overrides: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidValue) as refused:
        await handle(_elect(world, **overrides), uow)
    assert refused.value.field == field
    assert uow.store.outbox[-1].event.event_type != contracts.CommitteeElected.event_type


async def test_past_committees_are_entered_in_any_order_but_never_two_starting_the_same_day(
    uow: FakeUnitOfWork, world: World
) -> None:
    await handle(_elect(world), uow)
    earlier = _elect(
        world, elected_on=date(2018, 3, 1), term_start=date(2018, 3, 1), term_end=date(2023, 3, 1)
    )
    await handle(earlier, uow)
    org = uow.store.organisations[world.union_a]
    assert org.term is not None
    assert org.term.starts_on == date(2023, 3, 1)  # the latest term stays the current one
    assert org.term.chair_name == "王主席"

    twin = _elect(world, term_end=date(2026, 3, 1), members=three_members(chair="吴主席"))
    with pytest.raises(InvalidValue, match="同日开始") as refused:
        await handle(twin, uow)
    assert refused.value.field == "term_start"
    assert len(uow.store.committees) == 2


async def test_an_early_reelection_takes_over_the_current_term(
    uow: FakeUnitOfWork, world: World
) -> None:
    await handle(_elect(world), uow)
    early = _elect(
        world, elected_on=date(2025, 5, 1), term_start=date(2025, 5, 1),
        term_end=date(2030, 4, 30), members=three_members(chair="郑主席"),
    )  # fmt: skip
    await handle(early, uow)
    org = uow.store.organisations[world.union_a]
    assert org.term is not None
    assert (org.term.starts_on, org.term.chair_name) == (date(2025, 5, 1), "郑主席")


async def test_a_term_recorded_by_a_plain_reelection_is_not_started_twice(
    uow: FakeUnitOfWork, world: World
) -> None:
    reelect = ReelectUnion(
        scope_root=world.city, org_id=world.union_a, term_start=date(2023, 3, 1),
        term_end=date(2028, 2, 29), chair_name="周主席",
    )  # fmt: skip
    await handle(reelect, uow)
    with pytest.raises(InvalidValue, match="同日开始"):
        await handle(_elect(world), uow)


async def test_a_dissolved_union_elects_nobody(uow: FakeUnitOfWork, world: World) -> None:
    await handle(
        DissolveUnion(scope_root=world.city, org_id=world.union_b, dissolved_on=TODAY), uow
    )
    with pytest.raises(OrganisationNotActive):
        await handle(_elect(world, org_id=world.union_b), uow)
