"""The demo's year of training loaded into the real training app: every seat, session and
completion carries a date inside its own class, not the day the demo runs; a second run finds
the classes and creates nothing.

Membership is stood in for by a fixed answer: no member matches (everyone trains as a
non-member) and its employers are the ones the training app learnt from membership's events.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from rich.console import Console
from shared.identifiers import today_in_china

from demo.generate import build_plan
from demo.plan import Size
from demo.training_run import TrainingSide, run_training
from services.training.tests.integration.conftest import Api, Tree, api, register_employer, tree

pytestmark = pytest.mark.integration
__all__ = ["api", "tree"]


def membership_standing_in(employers: list[str]) -> httpx.AsyncClient:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/v1/members":
            return httpx.Response(200, json={"total": 0, "items": []})
        items = [{"id": e, "name": f"第{i}家单位"} for i, e in enumerate(employers)]
        return httpx.Response(200, json={"total": len(items), "items": items})

    return httpx.AsyncClient(transport=httpx.MockTransport(answer), base_url="http://m.test")


async def published(api: Api) -> dict[str, list[dict[str, Any]]]:
    """The data of every event in the training outbox, by type."""
    conn = await asyncpg.connect(api.settings.database_url)
    try:
        rows = await conn.fetch("SELECT event_type, payload FROM training.outbox")
    finally:
        await conn.close()
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        payload = row["payload"]
        envelope = json.loads(payload) if isinstance(payload, str) else payload
        found[row["event_type"]].append(envelope["data"])
    return found


def in_own_class(events: dict[str, list[dict[str, Any]]], today: date) -> None:
    classes = {e["class_id"]: e for e in events["training.class.opened"]}
    assert classes
    for seat in events["training.enrolment.enrolled"] + events["training.enrolment.waitlisted"]:
        starts_on = date.fromisoformat(classes[seat["class_id"]]["starts_on"])
        on = date.fromisoformat(seat["occurred_on"])
        assert starts_on.replace(day=1) <= on <= starts_on, seat
    for session in events["training.class.attendance_taken"]:
        opened = classes[session["class_id"]]
        on = date.fromisoformat(session["occurred_on"])
        assert opened["starts_on"] <= session["occurred_on"] < opened["ends_on"], session
        assert on < today, session
    ended = events["training.enrolment.completed"] + events["training.certificate.issued"]
    assert ended
    for done in ended:
        assert done["occurred_on"] == classes[done["class_id"]]["ends_on"], done


async def test_the_demo_year_is_dated_within_its_classes_and_loads_once(
    api: Api, tree: Tree
) -> None:
    employers = [await register_employer(api, tree.union_a) for _ in range(9)]
    await api.drain()
    today = today_in_china()
    side = TrainingSide(api.client, api.settings, replica_patience_seconds=10)
    plan = build_plan(Size(employers=60, members=600))
    async with membership_standing_in(employers) as membership:
        console = Console(quiet=True)
        first = await run_training(plan, tree.street, side, membership, console, today=today)
        assert first.created
        assert first.consistent
        events = await published(api)
        in_own_class(events, today)
        assert len(events["training.enrolment.enrolled"]) < first.counts["enrolments"]  # some wait
        again = await run_training(plan, tree.street, side, membership, console, today=today)
    assert not again.created
    assert again.counts == {"classes": first.counts["classes"]}
    after = await published(api)
    assert {k: len(v) for k, v in after.items()} == {k: len(v) for k, v in events.items()}
    assert today - timedelta(days=366) < min(
        date.fromisoformat(e["occurred_on"]) for e in events["training.enrolment.enrolled"]
    )
