"""Every assistance indicator of the hand-computed street (``assistance_scenario.py``), node by node.

Rows: households on file (total, deep, relative, accident, of which temporary); files opened,
exits, cancellations; aid by programme (payments, fen); visits (visits, households,
employers); donations and insurance (receipts, fen donated, members enrolled, claims, fen).
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import pytest
from reporting.domain.assistance_figures import AssistanceFigures, yuan

from .assistance_world import World, world

pytestmark = pytest.mark.integration
__all__ = ["world"]
H1 = (date(2024, 1, 1), date(2024, 6, 30))
H2 = (date(2024, 7, 1), date(2024, 12, 31))
NOTHING = (0, 0, 0, 0, 0)


def rows(f: AssistanceFigures) -> tuple[Any, ...]:
    aid = {p: (g.payments, g.amount_fen) for p, g in f.aid.by_programme.items() if g.payments}
    h, files, v, d, i = f.households, f.files, f.visits, f.donations, f.insurance
    return (
        (h.on_file, h.deep, h.relative, h.accident, h.temporary),
        (files.filed, files.exited, files.cancelled),
        aid,
        (v.visits, v.households, v.employers),
        (d.receipts, d.amount_fen, i.enrolled_members, i.claims, i.claims_fen),
    )


async def check(world: World, expected: dict[UUID, tuple[Any, ...]], window: tuple[date, date]
                ) -> None:  # fmt: skip
    for org, row in expected.items():
        assert rows(await world.figures(org, *window)) == row, org


async def test_first_half_year_spring_festival_for_every_node(world: World) -> None:
    s = world.street
    festival_and_medical = {"festival_consolation": (38, 1_900_000), "medical_aid": (1, 800_000)}
    ua = ((22, 9, 9, 4, 0), (0, 1, 0),
          {"festival_consolation": (24, 1_200_000), "medical_aid": (1, 800_000)},
          (25, 24, 7), (0, 0, 6, 2, 150_050))  # fmt: skip
    ub = ((14, 5, 8, 1, 0), (8, 0, 0), {"festival_consolation": (14, 700_000)}, (14, 14, 5),
          (0, 0, 4, 0, 0))  # fmt: skip
    uc = ((1, 0, 1, 0, 0), (0, 0, 0), {}, (0, 0, 0), NOTHING)
    s1 = ((36, 14, 17, 5, 0), (8, 1, 0), festival_and_medical, (39, 38, 12),
          (2, 4_546_000, 10, 2, 150_050))  # fmt: skip
    district = ((37, 14, 18, 5, 0), *s1[1:])
    expected = {s.ua: ua, s.a: ua, s.ub: ub, s.b: ub, s.uc: uc, s.c2: uc, s.s2: uc, s.s1: s1,
                s.district: district, s.city: district}  # fmt: skip
    await check(world, expected, H1)
    # The 38 households visited at Spring Festival in 12 enterprises were paid 19,000 yuan.
    street = await world.figures(s.s1, *H1)
    assert street.visits.by_occasion["festival"] == 38
    assert yuan(street.aid.by_programme["festival_consolation"].amount_fen) == yuan(1_900_000)
    assert str(yuan(street.aid.by_programme["festival_consolation"].amount_fen)) == "19000.00"


async def test_second_half_year_student_grants_exits_and_new_files(world: World) -> None:
    s = world.street
    ua = ((23, 9, 10, 4, 1), (1, 0, 0), {"student_aid": (2, 600_000)}, (0, 0, 0), NOTHING)
    ub = ((13, 4, 8, 1, 0), (1, 1, 1), {"student_aid": (3, 600_000)}, (0, 0, 0),
          (0, 0, 0, 1, 500_000))  # fmt: skip
    uc = ((1, 0, 1, 0, 0), (0, 0, 0), {"emergency_relief": (1, 150_050)}, (0, 0, 0), NOTHING)
    a = (*ua[:4], (1, 100_000, 0, 0, 0))  # the campaign's July receipt went to the community
    s1 = ((36, 13, 18, 5, 1), (2, 1, 1), {"student_aid": (5, 1_200_000)}, (0, 0, 0),
          (1, 100_000, 0, 1, 500_000))  # fmt: skip
    district = ((37, 13, 19, 5, 1), (2, 1, 1),
                {"student_aid": (5, 1_200_000), "emergency_relief": (1, 150_050)}, (0, 0, 0),
                s1[4])  # fmt: skip
    expected = {s.ua: ua, s.a: a, s.ub: ub, s.b: ub, s.uc: uc, s.s2: uc, s.s1: s1,
                s.district: district}  # fmt: skip
    await check(world, expected, H2)
    september = await world.figures(s.s1, date(2024, 9, 1), date(2024, 9, 30))
    assert rows(september)[2] == {"student_aid": (5, 1_200_000)}


async def test_as_of_dates_around_a_relocation_an_exit_and_a_formalisation(world: World) -> None:
    s = world.street
    before_move, on_move = date(2024, 5, 19), date(2024, 5, 20)
    assert rows(await world.figures(s.s1, H1[0], before_move))[0] == (37, 13, 19, 5, 0)
    assert rows(await world.figures(s.s2, H1[0], before_move))[0] == NOTHING
    assert rows(await world.figures(s.s1, H1[0], on_move))[0] == (36, 13, 18, 5, 0)
    assert rows(await world.figures(s.s2, H1[0], on_move))[0] == (1, 0, 1, 0, 0)
    before_exit = rows(await world.figures(s.ua, H1[0], date(2024, 3, 14)))
    on_exit = rows(await world.figures(s.ua, H1[0], date(2024, 3, 15)))
    assert (before_exit[0], before_exit[1]) == ((24, 8, 12, 4, 0), (0, 0, 0))
    assert (on_exit[0], on_exit[1]) == ((23, 8, 11, 4, 0), (0, 1, 0))
    # H40 is on file from September as a temporary file at 意外致困, made formal in October.
    assert rows(await world.figures(s.ub, H2[0], date(2024, 9, 15)))[0] == (15, 5, 8, 2, 1)
    assert rows(await world.figures(s.ub, H2[0], date(2024, 10, 1)))[0] == (15, 5, 9, 1, 0)


async def test_earlier_and_whole_year_windows(world: World) -> None:
    s = world.street
    late_2023 = rows(await world.figures(s.s1, date(2023, 7, 1), date(2023, 12, 31)))
    assert late_2023[:2] == ((30, 13, 13, 4, 0), (30, 0, 0))
    year = await world.figures(s.district, date(2024, 1, 1), date(2024, 12, 31))
    assert (year.aid.payments, year.aid.amount_fen) == (45, 4_050_050)
    assert str(yuan(year.aid.amount_fen)) == "40500.50"
    assert (year.files.filed, year.files.exited, year.files.cancelled) == (10, 2, 1)
