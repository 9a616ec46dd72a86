"""Every training and employment indicator of the hand-computed street, node by node, through the API.

Rows of each expectation: classes (培训期数, by kind, cancelled); seats (taken, withdrawn,
培训人次, 结业人次); certificates (issued, revoked, 取证人次, 竞赛参赛人次); attendance (sessions,
attended, expected, rate); fairs (场次, 参会单位, 提供岗位, registered, walk-ins, 求职人数);
postings and registrations (postings, positions, 求职登记, by status); placements (实现就业,
其中再就业); follow-ups (months, followed, still employed, rate) at 3 and 6 months.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest

from .conftest import Bus
from .training_world import TrainingApi, build_world, serve, training_api, training_world

pytestmark = pytest.mark.integration
__all__ = ["training_api", "training_world"]
Q1 = {"period": "2024Q1"}
Q2 = {"period": "2024Q2"}
H1 = {"period": "2024H1"}
AS_OF = {"period": "2024H1", "as_of": "2024-04-30"}
NO_FAIR = (0, 0, 0, 0, 0, 0)
NO_FOLLOW_UP = ((3, 0, 0, None), (6, 0, 0, None))
Row = tuple[Any, ...]


def row(view: dict[str, Any]) -> Row:
    c, e = view["courses"], view["employment"]
    kinds = {kind: n for kind, n in c["classes_by_kind"].items() if n}
    statuses = {status: n for status, n in e["seekers_by_status"].items() if n}
    return (
        (c["classes"], kinds, c["classes_cancelled"]),
        (c["seats_taken"], c["withdrawn"], c["trainees"], c["completed"]),
        (c["issued"], c["revoked"], c["certified"], c["competition_entries"]),
        (c["sessions"], c["attended"], c["expected"], c["attendance_rate"]),
        (e["fairs"], e["fair_employers"], e["fair_positions"], e["fair_registered"],
         e["fair_walk_ins"], e["fair_seekers"]),
        (e["postings"], e["posting_positions"], e["registrations"], statuses),
        (e["placements"], e["reemployed"]),
        tuple((f["months"], f["followed"], f["still_employed"], f["rate"])
              for f in e["follow_ups"]),
    )  # fmt: skip


A = {
    "Q1": ((1, {"reemployment": 1}, 0), (6, 1, 5, 5), (3, 0, 3, 0), (2, 9, 11, "81.8"), NO_FAIR,
           (1, 5, 1, {"laid_off": 1}), (1, 1), NO_FOLLOW_UP),
    "Q2": ((1, {"safety": 1}, 1), (5, 2, 3, 2), (1, 0, 1, 2), (1, 4, 4, "100.0"), NO_FAIR,
           (1, 3, 2, {"migrant": 1, "graduate": 1}), (1, 0),
           ((3, 1, 1, "100.0"), (6, 0, 0, None))),
    "H1": ((2, {"reemployment": 1, "safety": 1}, 1), (11, 3, 8, 7), (4, 1, 3, 2),
           (3, 13, 15, "86.7"), NO_FAIR,
           (2, 8, 3, {"laid_off": 1, "migrant": 1, "graduate": 1}), (2, 1),
           ((3, 1, 1, "100.0"), (6, 0, 0, None))),
    "AS_OF": ((2, {"reemployment": 1, "safety": 1}, 0), (10, 1, 9, 5), (3, 0, 3, 0),
              (2, 9, 11, "81.8"), NO_FAIR,
              (1, 5, 3, {"laid_off": 1, "migrant": 1, "graduate": 1}), (1, 1), NO_FOLLOW_UP),
}  # fmt: skip
B = {
    "Q1": ((1, {"skills": 1}, 0), (4, 0, 4, 0), (0, 0, 0, 0), (1, 4, 4, "100.0"), NO_FAIR,
           (1, 10, 2, {"laid_off": 1, "hardship": 1}), (2, 2),
           ((3, 1, 1, "100.0"), (6, 0, 0, None))),
    "Q2": ((0, {}, 0), (0, 0, 0, 3), (2, 0, 2, 0), (0, 0, 0, None), (1, 5, 20, 6, 9, 15),
           (0, 0, 1, {"laid_off": 1}), (1, 1), ((3, 2, 0, "0.0"), (6, 1, 1, "100.0"))),
    "H1": ((1, {"skills": 1}, 0), (4, 0, 4, 3), (2, 0, 2, 0), (1, 4, 4, "100.0"),
           (1, 5, 20, 6, 9, 15), (1, 10, 3, {"laid_off": 2, "hardship": 1}), (3, 3),
           ((3, 3, 1, "33.3"), (6, 1, 1, "100.0"))),
    "AS_OF": ((1, {"skills": 1}, 0), (4, 0, 4, 3), (2, 0, 2, 0), (1, 4, 4, "100.0"), NO_FAIR,
              (1, 10, 3, {"laid_off": 2, "hardship": 1}), (2, 2),
              ((3, 1, 1, "100.0"), (6, 0, 0, None))),
}  # fmt: skip
ALL_KINDS = {"reemployment": 1, "safety": 1, "skills": 1}
S1 = {
    "Q1": ((2, {"reemployment": 1, "skills": 1}, 0), (10, 1, 9, 5), (3, 0, 3, 0),
           (3, 13, 15, "86.7"), (1, 8, 60, 10, 25, 35),
           (2, 15, 3, {"laid_off": 2, "hardship": 1}), (3, 3),
           ((3, 1, 1, "100.0"), (6, 0, 0, None))),
    "Q2": ((1, {"safety": 1}, 1), (5, 2, 3, 5), (3, 0, 3, 2), (1, 4, 4, "100.0"),
           (2, 19, 180, 38, 49, 87),
           (2, 28, 3, {"laid_off": 1, "migrant": 1, "graduate": 1}), (2, 1),
           ((3, 3, 1, "33.3"), (6, 1, 1, "100.0"))),
    "H1": ((3, ALL_KINDS, 1), (15, 3, 12, 10), (6, 1, 5, 2), (4, 17, 19, "89.5"),
           (3, 27, 240, 48, 74, 122),
           (4, 43, 6, {"laid_off": 3, "migrant": 1, "graduate": 1, "hardship": 1}), (5, 4),
           ((3, 4, 2, "50.0"), (6, 1, 1, "100.0"))),
    "AS_OF": ((3, ALL_KINDS, 0), (14, 1, 13, 8), (5, 0, 5, 0), (3, 13, 15, "86.7"),
              (2, 22, 220, 42, 65, 107),
              (2, 15, 6, {"laid_off": 3, "hardship": 1, "migrant": 1, "graduate": 1}), (3, 3),
              ((3, 1, 1, "100.0"), (6, 0, 0, None))),
}  # fmt: skip
# The district adds street S2's women's class (opened 03-12) and its two seats (03-13).
DISTRICT = {
    "Q1": ((3, {"reemployment": 1, "skills": 1, "women": 1}, 0), (12, 1, 11, 5), *S1["Q1"][2:]),
    "Q2": S1["Q2"],
    "H1": ((4, {**ALL_KINDS, "women": 1}, 1), (17, 3, 14, 10), *S1["H1"][2:]),
    "AS_OF": ((4, {**ALL_KINDS, "women": 1}, 0), (16, 1, 15, 8), *S1["AS_OF"][2:]),
}
WINDOWS = {"Q1": Q1, "Q2": Q2, "H1": H1, "AS_OF": AS_OF}


def expectations(api: TrainingApi) -> dict[UUID, dict[str, Row]]:
    s = api.street
    return {s.a: A, s.b: B, s.s1: S1, s.district: DISTRICT, s.city: DISTRICT}


async def check_every_node_and_window(api: TrainingApi) -> None:
    for org, expected in expectations(api).items():
        for name, window in WINDOWS.items():
            assert row(await api.figures(org, **window)) == expected[name], (org, name)


async def test_every_node_each_quarter_the_half_year_and_an_as_of_date(
    training_api: TrainingApi,
) -> None:
    await check_every_node_and_window(training_api)


async def test_months_and_dates_windows(training_api: TrainingApi) -> None:
    s = training_api.street
    may = row(await training_api.figures(s.a, period="2024-05"))
    # CA3 opened and cancelled in May; pA12's seat taken and withdrawn; pA11 withdrew.
    assert may[:2] == ((0, {}, 1), (1, 1, 0, 0))
    dates = {"date_from": "2024-04-18", "date_to": "2024-04-18"}
    fair_day = row(await training_api.figures(s.s1, **dates))
    assert fair_day[4] == (1, 14, 160, 32, 40, 72)  # F1 as corrected, walk-ins counted once
    empty_union = row(await training_api.figures(s.ua, **H1))
    assert empty_union == ((0, {}, 0), (0, 0, 0, 0), (0, 0, 0, 0), (0, 0, 0, None), NO_FAIR,
                           (0, 0, 0, {}), (0, 0), NO_FOLLOW_UP)  # fmt: skip


@pytest.mark.parametrize("seed", [7, 2024])
async def test_shuffled_events_with_republications_give_the_same_figures(
    bus: Bus, seed: int
) -> None:
    world = await build_world(bus, seed=seed)
    async for api in serve(world):
        await check_every_node_and_window(api)


async def test_every_correction_arriving_before_what_it_corrects(bus: Bus) -> None:
    """Newest versions first: a fair's, a session's and a follow-up's corrections are kept."""
    world = await build_world(bus, backwards=True)
    async for api in serve(world):
        await check_every_node_and_window(api)
