"""Every indicator of the hand-computed scenario (see ``scenario.py``), node by node."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from .conftest import Bus
from .figures import contract_rows, flow_row, report, stock_row
from .scenario import Scenario

H1 = (date(2024, 1, 1), date(2024, 6, 30))
H2 = (date(2024, 7, 1), date(2024, 12, 31))
YEAR_START = date(2024, 1, 1)
D = Decimal

pytestmark = pytest.mark.integration


@pytest.fixture
async def scenario(bus: Bus) -> Scenario:
    built = Scenario()
    for event in built.events():
        await bus.publish(event)
    assert await bus.drain() == len(built.events())
    return built


async def test_first_half_year_for_every_node(bus: Bus, scenario: Scenario) -> None:
    s = scenario
    comprehensive = {"comprehensive": (1, 2, 150, 1)}
    expected = {
        s.a: ((2, 150, 1, D("50.0"), 2, 0, D("1.3")), (0, 2, 1, 1, 1, 1, 0), comprehensive),
        s.b: ((1, 80, 1, D("100.0"), 2, 0, D("2.5")), (1, 2, 1, 1, 1, 1, 0), {}),
        # B's first-quarter admissions and UB's founding count under S1, where B then was.
        s.s1: ((2, 150, 1, D("50.0"), 2, 0, D("1.3")), (1, 4, 2, 2, 0, 1, 0), comprehensive),
        s.s2: ((1, 80, 1, D("100.0"), 2, 0, D("2.5")), (0, 0, 0, 0, 1, 0, 0), {}),
        s.district: ((3, 230, 2, D("66.7"), 4, 0, D("1.7")), (1, 4, 2, 2, 0, 0, 0), comprehensive),
    }
    for org, (stock, flows, contracts) in expected.items():
        figures = await report(bus, org, *H1)
        assert (stock_row(figures), flow_row(figures), contract_rows(figures)) == (
            stock, flows, contracts,
        ), org  # fmt: skip


async def test_second_half_year_for_every_node(bus: Bus, scenario: Scenario) -> None:
    s = scenario
    in_force = {"comprehensive": (1, 2, 150, 0)}
    wage_signed = {"wage": (0, 0, 0, 1)}  # K2 signed in September, terminated in December
    a_row = ((2, 170, 1, D("50.0"), 2, 1, D("1.2")), (1, 1, 1, 0, 0, 0, 0), in_force)
    b_row = ((1, 80, 1, D("100.0"), 1, 0, D("1.3")), (0, 0, 0, 0, 0, 0, 1), wage_signed)
    expected = {
        s.a: a_row,
        s.b: b_row,
        s.s1: a_row,
        s.s2: b_row,
        s.district: (
            (3, 250, 2, D("66.7"), 3, 1, D("1.2")),
            (1, 1, 1, 0, 0, 0, 1),
            in_force | wage_signed,
        ),
    }
    for org, (stock, flows, contracts) in expected.items():
        figures = await report(bus, org, *H2)
        assert (stock_row(figures), flow_row(figures), contract_rows(figures)) == (
            stock, flows, contracts,
        ), org  # fmt: skip


async def test_as_of_before_the_move_b_still_counts_under_s1(bus: Bus, scenario: Scenario) -> None:
    s = scenario
    before = date(2024, 3, 31)
    s1 = await report(bus, s.s1, YEAR_START, before)
    assert stock_row(s1) == (3, 230, 2, D("66.7"), 4, 0, D("1.7"))
    assert flow_row(s1) == (1, 4, 2, 2, 0, 0, 0)  # m5's UB → UA transfer stays inside S1
    assert contract_rows(s1) == {"comprehensive": (1, 2, 150, 1)}
    s2 = await report(bus, s.s2, YEAR_START, before)
    assert stock_row(s2) == (0, 0, 0, None, 0, 0, None)
    district = await report(bus, s.district, YEAR_START, before)
    assert stock_row(district) == stock_row(s1)


async def test_as_of_mid_year_and_autumn(bus: Bus, scenario: Scenario) -> None:
    s = scenario
    june = date(2024, 6, 30)
    assert stock_row(await report(bus, s.s1, YEAR_START, june)) == (
        2, 150, 1, D("50.0"), 2, 0, D("1.3"),
    )  # fmt: skip
    assert stock_row(await report(bus, s.s2, YEAR_START, june)) == (
        1, 80, 1, D("100.0"), 2, 0, D("2.5"),
    )  # fmt: skip
    autumn = date(2024, 10, 15)
    s1 = await report(bus, s.s1, YEAR_START, autumn)
    assert stock_row(s1) == (2, 170, 1, D("50.0"), 2, 1, D("1.2"))
    s2 = await report(bus, s.s2, YEAR_START, autumn)
    assert stock_row(s2) == (1, 80, 1, D("100.0"), 1, 0, D("1.3"))
    assert contract_rows(s2) == {"wage": (1, 1, 80, 1)}


async def test_names_follow_the_date_and_dissolution_keeps_history(
    bus: Bus, scenario: Scenario
) -> None:
    from shared.contracts import membership as c

    from .conftest import envelope

    s = scenario
    await bus.publish(envelope(
        c.UnionRenamed(org_id=s.b, occurred_on=date(2024, 11, 1), name="石鼓路社区总工会"), s.b, 3
    ))  # fmt: skip
    await bus.publish(
        envelope(c.UnionDissolved(org_id=s.ua2, occurred_on=date(2024, 12, 1)), s.ua2, 2)
    )
    assert await bus.drain() == 2
    assert (await report(bus, s.b, *H1)).name == "石鼓路社区工联会"
    assert (await report(bus, s.b, *H2)).name == "石鼓路社区总工会"
    # UA2 is gone from the tree at year end, yet its founding still counts in H2.
    assert flow_row(await report(bus, s.a, *H2))[0] == 1
    assert stock_row(await report(bus, s.b, *H2)) == (1, 80, 1, D("100.0"), 1, 0, D("1.3"))
