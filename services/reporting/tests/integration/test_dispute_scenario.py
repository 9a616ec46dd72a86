"""Every mediation indicator of the hand-computed street (``dispute_scenario.py``), node by node.

Rows: contacts (visit, phone, online, letter, referred by a superior, workers); cases
(received, accepted, accepted by category, workers, 农民工, collective, fen claimed, declined,
withdrawn); outcomes (办结, 办结率, 调解成功, 调解成功率, failed, fen agreed, referred to
arbitration and court, legal aid at arbitration, first and second instance, fen recovered);
overdue (open past the due date on the stock date, overdue notices in the period);
extensions in the period by reason (延期次数按理由).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest

from .conftest import Bus
from .dispute_world import World, build_world, world

pytestmark = pytest.mark.integration
__all__ = ["world"]
Q1 = (date(2024, 1, 1), date(2024, 3, 31))
Q2 = (date(2024, 4, 1), date(2024, 6, 30))
H1 = (date(2024, 1, 1), date(2024, 6, 30))
AS_OF = (date(2024, 1, 1), date(2024, 4, 15))  # 2024H1 as of 15 April
WINDOWS = {"Q1": Q1, "Q2": Q2, "H1": H1, "as_of": AS_OF}
NO_OUTCOMES = (0, None, 0, None, 0, 0, (0, 0), (0, 0, 0), 0)
NO_CASES = (0, 0, {}, 0, 0, 0, 0, 0, 0)
# 延期次数按理由, in this order: 案情复杂需进一步调查, 当事人申请, 等待鉴定或证据, 协商中即将达成协议,
# 其他, 未记录 (a v1 extension).
REASONS = ("further_investigation", "party_request", "awaiting_evidence", "settlement_near",
           "other", "unknown")  # fmt: skip
NO_EXTENSIONS = (0, 0, 0, 0, 0, 0)


def row(f: Any) -> tuple[Any, ...]:
    c, k, o = f.contacts, f.cases, f.outcomes
    return (
        (*c.by_channel.values(), c.workers),
        (k.received, k.accepted, {key: n for key, n in k.by_category.items() if n}, k.workers,
         k.migrant_workers, k.collective, k.claimed_fen, k.declined, k.withdrawn),
        (o.closed, f.closure_rate, o.settled, f.settlement_rate, o.failed, o.agreed_fen,
         tuple(o.referred.values()), tuple(o.legal_aid.values()), o.recovered_fen),
        (f.overdue.open_overdue, f.overdue.notices),
        tuple(f.extensions.by_reason[reason] for reason in REASONS),
    )  # fmt: skip


def pct(text: str) -> Decimal:
    return Decimal(text)


def expected(world: World) -> dict[str, dict[UUID, tuple[Any, ...]]]:
    """The figures worked out by hand from the scenario, per window and node."""
    s = world.street
    a = {
        "Q1": ((2, 1, 0, 0, 0, 5), (4, 3, {"wages": 2, "work_injury": 1}, 16, 13, 1, 52_500_000, 1, 0),
               (3, pct("100.0"), 2, pct("66.7"), 1, 4_500_000, (1, 0), (1, 0, 0), 2_000_000), (0, 0)),
        "Q2": ((0, 0, 1, 0, 0, 1), (1, 1, {"dismissal": 1}, 1, 0, 0, 2_000_000, 0, 0),
               (1, pct("100.0"), 1, pct("100.0"), 0, 30_000_000, (0, 0), (0, 0, 0), 32_000_000), (1, 1)),
        "H1": ((2, 1, 1, 0, 0, 6),
               (5, 4, {"wages": 2, "work_injury": 1, "dismissal": 1}, 17, 13, 1, 54_500_000, 1, 0),
               (4, pct("100.0"), 3, pct("75.0"), 1, 34_500_000, (1, 0), (1, 0, 0), 34_000_000), (1, 1)),
        "as_of": ((2, 1, 0, 0, 0, 5), (4, 3, {"wages": 2, "work_injury": 1}, 16, 13, 1, 52_500_000, 1, 0),
                  (3, pct("100.0"), 2, pct("66.7"), 1, 4_500_000, (1, 0), (1, 0, 0), 4_000_000), (0, 0)),
    }  # fmt: skip
    b = {
        "Q1": ((1, 0, 0, 1, 0, 2), (2, 2, {"labour_contract": 1, "dismissal": 1}, 3, 1, 0, 2_500_000, 0, 0),
               (1, pct("50.0"), 1, pct("100.0"), 0, 800_000, (0, 0), (0, 0, 0), 800_000), (0, 0)),
        "Q2": ((0, 0, 0, 0, 1, 5), (2, 2, {"social_insurance": 1, "wages": 1}, 6, 6, 0, 6_300_000, 0, 1),
               (3, pct("150.0"), 1, pct("33.3"), 1, 1_200_000, (0, 1), (0, 1, 0), 0), (0, 1)),
        "H1": ((1, 0, 0, 1, 1, 7),
               (4, 4, {"labour_contract": 1, "dismissal": 1, "social_insurance": 1, "wages": 1},
                9, 7, 0, 8_800_000, 0, 1),
               (4, pct("100.0"), 2, pct("50.0"), 1, 2_000_000, (0, 1), (0, 1, 0), 800_000), (0, 1)),
        "as_of": ((1, 0, 0, 1, 0, 2),
                  (3, 3, {"labour_contract": 1, "dismissal": 1, "social_insurance": 1}, 8, 6, 0,
                   8_500_000, 0, 0),
                  (1, pct("33.3"), 1, pct("100.0"), 0, 800_000, (0, 0), (0, 0, 0), 800_000), (1, 1)),
    }  # fmt: skip
    s1 = {
        "Q1": ((3, 1, 0, 1, 0, 7),
               (6, 5, {"wages": 2, "work_injury": 1, "labour_contract": 1, "dismissal": 1}, 19, 14, 1,
                55_000_000, 1, 0),
               (4, pct("80.0"), 3, pct("75.0"), 1, 5_300_000, (1, 0), (1, 0, 0), 2_800_000), (0, 0)),
        "Q2": ((1, 0, 1, 0, 1, 26),
               (4, 4, {"dismissal": 1, "social_insurance": 1, "wages": 2}, 27, 21, 1, 58_300_000, 0, 1),
               (5, pct("125.0"), 3, pct("60.0"), 1, 76_200_000, (0, 1), (1, 1, 0), 52_000_000), (1, 2)),
        "H1": ((4, 1, 1, 1, 1, 33),
               (10, 9, {"wages": 4, "work_injury": 1, "dismissal": 2, "labour_contract": 1,
                        "social_insurance": 1}, 46, 35, 2, 113_300_000, 1, 1),
               (9, pct("100.0"), 6, pct("66.7"), 2, 81_500_000, (1, 1), (2, 1, 0), 54_800_000), (1, 2)),
        "as_of": ((3, 1, 0, 1, 0, 7),
                  (7, 6, {"wages": 2, "work_injury": 1, "labour_contract": 1, "dismissal": 1,
                          "social_insurance": 1}, 24, 19, 1, 61_000_000, 1, 0),
                  (4, pct("66.7"), 3, pct("75.0"), 1, 5_300_000, (1, 0), (1, 0, 0), 4_800_000), (1, 1)),
    }  # fmt: skip
    c2_phone = ((0, 1, 0, 0, 0, 1), NO_CASES, NO_OUTCOMES, (0, 0))
    c2 = {"Q1": c2_phone, "Q2": ((0, 0, 0, 0, 0, 0), NO_CASES, NO_OUTCOMES, (0, 0)),
          "H1": c2_phone, "as_of": c2_phone}  # fmt: skip
    district = {
        key: ((figures[0][0], figures[0][1] + c2[key][0][1], *figures[0][2:5],
               figures[0][5] + c2[key][0][5]), *figures[1:])
        for key, figures in s1.items()
    }  # fmt: skip
    e = extensions()
    return {
        key: {s.a: (*a[key], e["a"][key]), s.b: (*b[key], e["b"][key]),
              s.s1: (*s1[key], e["s1"][key]), s.c2: (*c2[key], NO_EXTENSIONS),
              s.s2: (*c2[key], NO_EXTENSIONS), s.district: (*district[key], e["s1"][key]),
              s.city: (*district[key], e["s1"][key])}
        for key in WINDOWS
    }  # fmt: skip


def extensions() -> dict[str, dict[str, tuple[int, ...]]]:
    """延期次数按理由 (order of ``REASONS``) by node and window, worked out by hand.

    A: K0 v1 2023-12-28 (before every window), K3 v1 03-28 and 当事人申请 04-03. B: K6 其他 01-30,
    K7 等待鉴定或证据 04-10, K8 进一步调查 05-16. The street's own centre: K10 即将达成协议 06-10.
    """
    a = {"Q1": (0, 0, 0, 0, 0, 1), "Q2": (0, 1, 0, 0, 0, 0), "H1": (0, 1, 0, 0, 0, 1),
         "as_of": (0, 1, 0, 0, 0, 1)}  # fmt: skip
    b = {"Q1": (0, 0, 0, 0, 1, 0), "Q2": (1, 0, 1, 0, 0, 0), "H1": (1, 0, 1, 0, 1, 0),
         "as_of": (0, 0, 1, 0, 1, 0)}  # fmt: skip
    s1 = {"Q1": (0, 0, 0, 0, 1, 1), "Q2": (1, 1, 1, 1, 0, 0), "H1": (1, 1, 1, 1, 1, 1),
          "as_of": (0, 1, 1, 0, 1, 1)}  # fmt: skip
    return {"a": a, "b": b, "s1": s1}


async def check_every_node(world: World) -> None:
    for key, by_node in expected(world).items():
        for org, figures in by_node.items():
            assert row(await world.figures(org, *WINDOWS[key])) == figures, (key, org)


async def test_each_community_the_street_and_above_for_quarters_half_year_and_as_of(
    world: World,
) -> None:
    await check_every_node(world)


async def test_second_half_year_a_closing_without_acceptances_has_no_closure_rate(
    world: World,
) -> None:
    a = row(await world.figures(world.street.a, date(2024, 7, 1), date(2024, 12, 31)))
    # K4, accepted in May, settled 07-08 and closed 07-10: 办结 1 of 0 accepted.
    assert a[1] == NO_CASES
    assert a[2] == (1, None, 1, pct("100.0"), 0, 1_000_000, (0, 0), (0, 0, 0), 0)
    assert a[3] == (0, 0)
    assert a[4] == NO_EXTENSIONS


async def test_every_reason_is_listed_and_a_case_extended_twice_counts_twice(world: World) -> None:
    s = world.street
    figures = await world.figures(s.c2, *H1)
    assert figures.extensions.by_reason == dict.fromkeys(REASONS, 0)
    # K3 was extended on 03-28 (v1) and 04-03: both in March–April, both counted.
    k3 = await world.figures(s.a, date(2024, 3, 28), date(2024, 4, 3))
    assert (k3.extensions.extensions, k3.extensions.by_reason["unknown"]) == (2, 1)
    inside = await world.figures(s.a, date(2024, 3, 29), date(2024, 4, 2))
    assert inside.extensions.by_reason == dict.fromkeys(REASONS, 0)
    # Only A's subtree: B's extension on 04-10 is not A's.
    between = await world.figures(s.a, date(2024, 4, 4), date(2024, 4, 30))
    assert between.extensions.extensions == 0


async def test_overdue_is_a_stock_read_on_the_as_of_date(world: World) -> None:
    s = world.street
    # K4 (due 05-23) is overdue from 05-24 until its settlement on 07-08.
    for day, overdue in ((date(2024, 5, 23), 0), (date(2024, 5, 24), 1), (date(2024, 7, 7), 1),
                         (date(2024, 7, 8), 0)):  # fmt: skip
        figures = await world.figures(s.a, date(2024, 1, 1), day)
        assert figures.overdue.open_overdue == overdue, day
    # K3's due date was extended from 04-05 to 04-20: not overdue on 04-06.
    figures = await world.figures(s.a, date(2024, 1, 1), date(2024, 4, 6))
    assert figures.overdue.open_overdue == 0


async def test_the_same_events_in_a_shuffled_order_give_the_same_figures(bus: Bus) -> None:
    shuffled = await build_world(bus, shuffle_seed=20240630)
    await check_every_node(shuffled)
