"""Employers: USCC, census constraints, coverage."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest
from membership.domain import Census, Coverage, GrassrootsMode, Ownership
from membership.domain.errors import (
    CensusInconsistent,
    DuplicateUscc,
    NotAGrassrootsUnion,
    ParentNotAllowed,
)
from membership.service_layer import handle
from membership.service_layer.commands import (
    CensusFigures,
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
        "ownership": Ownership.INDIVIDUAL_BUSINESS,
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
    assert registered["ownership"] == "individual_business"
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
