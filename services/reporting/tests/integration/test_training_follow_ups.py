"""Placement follow-ups first published as v1 (no person): counted, on nobody's timeline.

The same hand-computed street as ``test_training_scenario.py``, with every follow-up published
as v1: the 3- and 6-month figures are those worked out by hand there, while pA5 (member mA5),
whose placement is on the timeline, has no 就业回访 entry (a v2 follow-up has one: see
``test_training_timeline.py``).
"""

from __future__ import annotations

import pytest

from .conftest import Bus
from .test_training_scenario import H1, Q1, Q2, S1, A, B, row
from .test_training_timeline import MA5_STORY, story
from .training_world import build_world, serve

pytestmark = pytest.mark.integration


async def test_v1_follow_ups_count_in_the_figures_but_join_no_timeline(bus: Bus) -> None:
    world = await build_world(bus, v1_follow_ups=True)
    follow_ups = [e for e in world.events if e.type == "training.placement.followed_up"]
    assert len(follow_ups) == 6  # pA5's, pB8's two, pB5's, and pB6's with its correction
    assert all(e.dataversion == 1 for e in follow_ups)
    async for api in serve(world):
        s = api.street
        for org, expected in ((s.a, A), (s.b, B), (s.s1, S1)):
            for name, window in (("Q1", Q1), ("Q2", Q2), ("H1", H1)):
                figures = row(await api.figures(org, **window))
                assert figures[-1] == expected[name][-1], (org, name)
        without = [e for e in MA5_STORY if e[2] != "training.placement.followed_up"]
        assert len(without) == len(MA5_STORY) - 1
        assert await story(api, s.ids["mA5"], "city_admin", None) == without
