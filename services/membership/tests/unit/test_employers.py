"""Employers: USCC, census constraints, coverage."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest
from membership.domain import Census, Coverage, GrassrootsMode
from membership.domain.errors import (
    CensusInconsistent,
    DuplicateUscc,
    NotAGrassrootsUnion,
    ParentNotAllowed,
)
from membership.service_layer import handle
from membership.service_layer.commands import (
    CensusFigures,
    ReclassifyEmployer,
    RegisterEmployer,
    SetCoverage,
    UpdateCensus,
)
from shared.seedwork import InvalidValue

from .builders import World, uscc
from .fakes import TODAY, FakeUnitOfWork


def _register(world: World, code: str, **overrides: object) -> RegisterEmployer:
    fields: dict[str, object] = {
        "scope_root": world.city,
        "uscc": code,
        "name": "王记小吃店",
        "registration_type": "individual_business",
        "entered_by": "cadre-1",
        "industry": "住宿和餐饮业",
        "territory_org_id": world.community,
    }
    fields.update(overrides)
    return RegisterEmployer(**fields)  # type: ignore[arg-type]


def _census(
    world: World, employer: UUID, workers: int, women: int, migrants: int, on: date = TODAY
) -> UpdateCensus:
    figures = CensusFigures(workers=workers, women=women, migrant_workers=migrants, effective_on=on)
    return UpdateCensus(scope_root=world.city, employer_id=employer, census=figures)


async def test_registration_normalises_the_uscc_and_emits_registered_then_census(
    uow: FakeUnitOfWork, world: World
) -> None:
    before = len(uow.store.outbox)
    figures = CensusFigures(workers=8, women=3, migrant_workers=5, effective_on=date(2025, 5, 1))
    result = await handle(_register(world, "91350100m000100y43", census=figures), uow)
    employer = uow.store.employers[result.aggregate_id]
    assert employer.uscc == "91350100M000100Y43"
    assert employer.census == Census(8, 3, 5, date(2025, 5, 1))
    assert employer.registered_on == TODAY
    emitted = uow.store.outbox[before:]
    assert [(p.event.event_type, p.aggregate_version) for p in emitted] == [
        ("membership.employer.registered", 1),
        ("membership.employer.census_updated", 2),
    ]
    registered = emitted[0].event.model_dump(mode="json")
    assert registered["org_id"] == str(world.community)
    assert registered["registration_type"] == "individual_business"
    assert registered["ownership_class"] == "individual_business"
    assert registered["name"] is None  # an individual business is named after its owner
    assert "王记" not in emitted[0].event.model_dump_json()


async def test_invalid_and_duplicate_uscc_are_refused(uow: FakeUnitOfWork, world: World) -> None:
    with pytest.raises(InvalidValue, match="校验位") as caught:
        await handle(_register(world, "91350100M000100Y44"), uow)
    assert caught.value.field == "uscc"
    with pytest.raises(DuplicateUscc):
        await handle(_register(world, uscc(1).lower()), uow)  # employer_a's code


async def test_the_territory_is_a_federation(uow: FakeUnitOfWork, world: World) -> None:
    with pytest.raises(ParentNotAllowed):
        await handle(_register(world, uscc(50), territory_org_id=world.union_a), uow)


@pytest.mark.parametrize(
    ("workers", "women", "migrants", "field"),
    [
        (-1, 0, 0, "workers"),
        (10, 11, 0, "women"),
        (10, 0, 11, "migrant_workers"),
        (10, -1, 0, "women"),
    ],
)
async def test_census_constraints(
    uow: FakeUnitOfWork, world: World, workers: int, women: int, migrants: int, field: str
) -> None:
    with pytest.raises(CensusInconsistent) as caught:
        await handle(_census(world, world.employer_a, workers, women, migrants), uow)
    assert caught.value.field == field
    assert uow.store.employers[world.employer_a].census == Census(120, 50, 30, date(2020, 3, 1))


async def test_census_boundaries_and_order(uow: FakeUnitOfWork, world: World) -> None:
    await handle(_census(world, world.employer_a, 10, 10, 10, date(2024, 1, 1)), uow)
    await handle(_census(world, world.employer_a, 0, 0, 0, date(2024, 6, 1)), uow)
    assert uow.store.employers[world.employer_a].census == Census(0, 0, 0, date(2024, 6, 1))
    with pytest.raises(InvalidValue, match="上一次排摸"):
        await handle(_census(world, world.employer_a, 5, 1, 1, date(2024, 5, 1)), uow)
    with pytest.raises(InvalidValue, match="晚于今天"):
        await handle(_census(world, world.employer_a, 5, 1, 1, date(2025, 7, 1)), uow)
    census_events = [
        p.event.model_dump(mode="json")
        for p in uow.store.outbox
        if p.event.event_type == "membership.employer.census_updated"
        and p.aggregate_id == str(world.employer_a)
    ]
    assert census_events[-1] == {
        "org_id": str(world.community),
        "occurred_on": "2024-06-01",
        "employer_id": str(world.employer_a),
        "workers": 0,
        "women": 0,
        "migrant_workers": 0,
    }


async def test_coverage_takes_the_mode_of_the_union(uow: FakeUnitOfWork, world: World) -> None:
    cover = SetCoverage(
        scope_root=world.city, employer_id=world.employer_b, union_id=world.union_b,
        effective_on=date(2024, 1, 1),
    )  # fmt: skip
    await handle(cover, uow)
    assert uow.store.employers[world.employer_b].coverage == Coverage(
        world.union_b, GrassrootsMode.JOINT
    )
    data = uow.store.outbox[-1].event.model_dump(mode="json")
    assert (data["covered_by_union_id"], data["coverage_mode"]) == (str(world.union_b), "joint")
    with pytest.raises(InvalidValue, match="已由此工会覆盖"):
        await handle(cover, uow)

    uncover = SetCoverage(
        scope_root=world.city, employer_id=world.employer_b, union_id=None, effective_on=TODAY
    )
    await handle(uncover, uow)
    assert uow.store.employers[world.employer_b].coverage is None
    data = uow.store.outbox[-1].event.model_dump(mode="json")
    assert (data["covered_by_union_id"], data["coverage_mode"]) == (None, None)
    with pytest.raises(InvalidValue, match="未建会"):
        await handle(uncover, uow)


async def test_coverage_needs_a_grassroots_union_and_ordered_dates(
    uow: FakeUnitOfWork, world: World
) -> None:
    def cover(union: UUID, on: date) -> SetCoverage:
        return SetCoverage(
            scope_root=world.city, employer_id=world.employer_a, union_id=union, effective_on=on
        )

    with pytest.raises(NotAGrassrootsUnion):
        await handle(cover(world.community, TODAY), uow)
    with pytest.raises(InvalidValue, match="工会成立日期"):
        await handle(cover(world.union_b, date(2009, 12, 31)), uow)
    await handle(cover(world.union_b, date(2015, 1, 1)), uow)
    with pytest.raises(InvalidValue, match="上一次建会状态变更"):
        await handle(cover(world.union_a, date(2014, 12, 31)), uow)
    assert uow.store.employers[world.employer_a].version == 4  # registered, census, two covers


async def test_an_employer_registered_in_the_past_counts_from_that_day(
    uow: FakeUnitOfWork, world: World
) -> None:
    past = date(2023, 3, 15)
    result = await handle(
        _register(world, uscc(60), registration_type="310", registered_on=past), uow
    )
    employer = uow.store.employers[result.aggregate_id]
    assert (employer.registered_on, employer.entered_by) == (past, "cadre-1")
    registered = uow.store.outbox[-1].event.model_dump(mode="json")
    assert registered["occurred_on"] == "2023-03-15"
    assert (registered["registration_type"], registered["ownership_class"]) == ("310", "foreign")
    assert registered["name"] == "王记小吃店"  # a company's name is a business name


@pytest.mark.parametrize(
    ("registered_on", "message"),
    [(date(2025, 7, 1), "晚于今天"), (date(2009, 12, 31), "成立日期")],
)
async def test_a_registration_date_in_the_future_or_before_the_territory_is_refused(
    uow: FakeUnitOfWork, world: World, registered_on: date, message: str
) -> None:
    before = len(uow.store.outbox)
    with pytest.raises(InvalidValue, match=message) as caught:
        await handle(_register(world, uscc(61), registered_on=registered_on), uow)
    assert caught.value.field == "registered_on"
    assert len(uow.store.outbox) == before


@pytest.mark.parametrize("code", ["150", "joint_venture", "中外合资"])
async def test_an_unknown_registration_type_is_refused_by_field(
    uow: FakeUnitOfWork, world: World, code: str
) -> None:
    with pytest.raises(InvalidValue) as caught:
        await handle(_register(world, uscc(62), registration_type=code), uow)
    assert caught.value.field == "registration_type"


async def test_unknown_census_counts_stay_unknown_and_given_ones_are_checked(
    uow: FakeUnitOfWork, world: World
) -> None:
    figures = CensusFigures(workers=40, women=None, migrant_workers=None, effective_on=TODAY)
    await handle(
        UpdateCensus(scope_root=world.city, employer_id=world.employer_a, census=figures), uow
    )
    assert uow.store.employers[world.employer_a].census == Census(40, None, None, TODAY)
    data = uow.store.outbox[-1].event.model_dump(mode="json")
    assert (data["workers"], data["women"], data["migrant_workers"]) == (40, None, None)
    with pytest.raises(CensusInconsistent) as caught:
        Census(40, None, 41, TODAY)
    assert caught.value.field == "migrant_workers"


async def test_a_registration_type_is_corrected_once_changed(
    uow: FakeUnitOfWork, world: World
) -> None:
    result = await handle(
        _register(world, uscc(63), registration_type="joint_venture_unspecified"), uow
    )
    fix = ReclassifyEmployer(
        scope_root=world.city, employer_id=result.aggregate_id, registration_type="143"
    )
    await handle(fix, uow)
    assert uow.store.employers[result.aggregate_id].registration_type == "143"
    data = uow.store.outbox[-1].event.model_dump(mode="json")
    assert data["previous_registration_type"] == "joint_venture_unspecified"
    assert (data["registration_type"], data["ownership_class"]) == ("143", "joint_operation")
    with pytest.raises(InvalidValue, match="未改变"):
        await handle(fix, uow)
