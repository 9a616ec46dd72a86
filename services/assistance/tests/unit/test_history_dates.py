"""Dates of facts entered late: the window, the household's filing, the budget of the year."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest
from assistance.domain.aid.errors import BudgetExhausted, BudgetMissing
from assistance.domain.history import After, Dating
from assistance.domain.households.codes import HouseholdStatus
from assistance.service_layer.aid import commands as c
from assistance.service_layer.handlers import handle
from assistance.service_layer.visits.commands import RecordVisit
from shared.contracts import assistance as contracts
from shared.seedwork import InvalidValue

from .aid_builders import AidWorld, build_aid_world, file_household, reviewed_application
from .fakes import TODAY, FakeStore, FakeUnitOfWork

DATING = Dating(today=date(2025, 6, 30), history_from=date(2015, 1, 1))


@pytest.mark.parametrize(
    ("day", "after", "message"),
    [
        (date(2025, 7, 1), None, "不能晚于今天"),
        (date(2014, 12, 31), None, "不能早于可补录历史的起始日 2015-01-01"),
        (date(2020, 3, 1), After(date(2020, 3, 2), "该户建档日期"), "不能早于该户建档日期"),
    ],
)
def test_a_date_outside_the_window_is_refused_naming_the_field(
    day: date, after: After | None, message: str
) -> None:
    with pytest.raises(InvalidValue, match=message) as refused:
        DATING.check(day, field="visited_on", label="走访日期", after=after)
    assert refused.value.field == "visited_on"


def test_any_past_year_back_to_the_limit_is_accepted() -> None:
    for day in (date(2015, 1, 1), date(2019, 12, 31), date(2025, 6, 30)):
        assert DATING.check(day, field="f", label="日期", after=After(None, "无")) == day


@pytest.fixture
def world(store: FakeStore) -> AidWorld:
    return build_aid_world(store)


async def budget(uow: FakeUnitOfWork, world: AidWorld, year: int, fen: int) -> UUID:
    allocate = c.AllocateBudget(
        scope_root=None, org_id=world.street, programme="medical_aid", year=year, amount_fen=fen
    )
    return (await handle(allocate, uow)).aggregate_id


def approval(world: AidWorld, application_id: UUID, fen: int, on: date) -> c.ApproveApplication:
    return c.ApproveApplication(
        scope_root=world.district, application_id=application_id,
        actor_subject="district-officer", actor_role="assistance_officer", approved_fen=fen,
        budget_org_id=world.street, approved_on=on,
    )  # fmt: skip


async def test_a_past_approval_draws_on_its_own_years_budget(
    uow: FakeUnitOfWork, store: FakeStore, world: AidWorld
) -> None:
    this_year, last_year = (
        await budget(uow, world, 2025, 100_000),
        await budget(uow, world, 2024, 40_000),
    )
    household = await file_household(uow, 1, org_id=world.base.union_a)
    application_id = await reviewed_application(uow, world, household)
    # Reviewed today (TODAY): an approval dated before the review is refused.
    with pytest.raises(InvalidValue) as refused:
        await handle(approval(world, application_id, 30_000, date(2024, 12, 1)), uow)
    assert refused.value.field == "approved_on"
    store.table("applications")[application_id].reviewed_on = date(2024, 11, 1)
    with pytest.raises(BudgetExhausted, match="2024"):
        await handle(approval(world, application_id, 45_000, date(2024, 12, 1)), uow)
    await handle(approval(world, application_id, 30_000, date(2024, 12, 1)), uow)
    budgets = store.table("budgets")
    assert (budgets[last_year].reserved_fen, budgets[this_year].reserved_fen) == (30_000, 0)
    [approved] = [
        p.event for p in store.outbox if isinstance(p.event, contracts.ApplicationApproved)
    ]
    assert approved.occurred_on == date(2024, 12, 1)


async def test_a_year_without_a_budget_is_refused(
    uow: FakeUnitOfWork, store: FakeStore, world: AidWorld
) -> None:
    await budget(uow, world, TODAY.year, 100_000)
    household = await file_household(uow, 1, org_id=world.base.union_a)
    application_id = await reviewed_application(uow, world, household)
    store.table("applications")[application_id].reviewed_on = date(2023, 1, 1)
    with pytest.raises(BudgetMissing, match="2023") as refused:
        await handle(approval(world, application_id, 1000, date(2023, 5, 1)), uow)
    assert refused.value.field == "approved_on"


async def test_the_history_limit_is_the_units_and_a_visit_not_before_the_filing(
    uow: FakeUnitOfWork, world: AidWorld
) -> None:
    household = await file_household(uow, 1, org_id=world.base.union_a)
    visit = RecordVisit(scope_root=None, occasion="festival", visited_on=date(2024, 2, 1),
                        recorded_by="officer", household_id=household)  # fmt: skip
    with pytest.raises(InvalidValue, match="建档日期") as refused:
        await handle(visit, uow)  # the household was filed today
    assert refused.value.field == "visited_on"
    member_visit = RecordVisit(scope_root=None, occasion="festival", visited_on=date(2019, 2, 1),
                               recorded_by="officer", member_id=world.base.member_a)  # fmt: skip
    uow.history_from = date(2020, 1, 1)
    with pytest.raises(InvalidValue, match="2020-01-01"):
        await handle(member_visit, uow)
    uow.history_from = date(2019, 1, 1)
    assert (await handle(member_visit, uow)).version == 1


async def test_a_household_out_of_hardship_may_get_aid_dated_while_it_was_on_file(
    uow: FakeUnitOfWork, store: FakeStore, world: AidWorld
) -> None:
    household_id = await file_household(uow, 1, org_id=world.base.union_a)
    household = store.households[household_id]
    household.status, household.filed_on = HouseholdStatus.EXITED, date(2024, 1, 10)
    household.closed_on = date(2025, 3, 1)

    def submit(on: date) -> c.SubmitApplication:
        return c.SubmitApplication(scope_root=None, programme="medical_aid", requested_fen=1000,
                                   submitted_by="clerk", household_id=household_id,
                                   submitted_on=on)  # fmt: skip

    for day in (date(2025, 3, 1), date(2024, 1, 9)):
        with pytest.raises(InvalidValue) as refused:
            await handle(submit(day), uow)
        assert refused.value.field == "household_id", day
    submitted = await handle(submit(date(2024, 6, 1)), uow)
    assert store.table("applications")[submitted.aggregate_id].submitted_on == date(2024, 6, 1)
