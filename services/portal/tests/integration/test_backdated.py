"""补录 through the workbench: a visit and a step of the approval chain entered with their own
past dates, the history limit shown on the form and a date before it refused beside its field."""

from __future__ import annotations

import asyncio
import re
import uuid

from .conftest import ADMIN_PASSWORD, Platform, person
from .web import User


async def _draft_household(user: User, platform: Platform) -> str:
    form = {"head.name": "韩补录", "head.id_number": person(60), "org_id": platform.tree.union,
            "level": "relative", "income_yuan": "900", "causes": ["low_income"]}  # fmt: skip
    created = await user.submit("/households/new", "/households/new", form)
    assert created.status_code == 303, created.text
    return str(created.headers["location"])


async def test_a_past_visit_is_entered_and_one_before_the_history_limit_refused(
    platform: Platform,
) -> None:
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    page = await _draft_household(user, platform)
    shown = (await user.page(page)).text
    assert re.search(r'id="v-visited_on"[^>]*min="2015-01-01"', shown, re.S)
    assert "最早 2015-01-01" in shown
    visit = {"occasion": "hospital", "note": "住院慰问"}
    early = await user.submit(f"{page}/visits", page, {**visit, "visited_on": "2014-06-01"})
    assert early.status_code == 422
    assert re.search(r'id="visited_on-error"[^>]*>[^<]*2015-01-01', early.text)
    assert 'value="2014-06-01"' in early.text  # kept to correct
    done = await user.submit(f"{page}/visits", page, {**visit, "visited_on": "2023-05-01"})
    assert done.status_code == 303, done.text
    assert "<time>2023-05-01</time>" in (await user.page(page)).text
    await user.close()


async def _past_application(platform: Platform) -> str:
    """An application of a new member dated 2024-03-01 (once assistance knows the member)."""
    member = {"name": "韩会员", "id_number": person(61), "household_type": "non_agricultural",
              "employer_id": platform.tree.employer, "union_id": platform.tree.union,
              "joined_on": "2024-01-02"}  # fmt: skip
    admitted = await platform.dev.post(f"{platform.membership}/api/v1/members", json=member,
                                       headers={"Idempotency-Key": str(uuid.uuid4())})  # fmt: skip
    assert admitted.status_code == 201, admitted.text
    body = {"programme": "emergency_relief", "member_id": admitted.json()["id"],
            "requested_fen": 50_000, "submitted_on": "2024-03-01"}  # fmt: skip
    for _ in range(120):  # the member reaches assistance's replica through NATS
        answer = await platform.dev.post(f"{platform.assistance}/api/v1/applications", json=body,
                                         headers={"Idempotency-Key": str(uuid.uuid4())})  # fmt: skip
        if answer.status_code == 201:
            return str(answer.json()["id"])
        await asyncio.sleep(0.5)
    raise AssertionError(f"the application was never accepted: {answer.text}")


async def test_an_opinion_is_entered_with_its_own_past_date(platform: Platform) -> None:
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    application = await _past_application(platform)
    page = f"/applications/{application}"
    shown = (await user.page(page)).text
    assert re.search(r'id="opinion_on"[^>]*min="2015-01-01"', shown, re.S)
    step = f"{page}/grassroots_opinion"
    before = await user.submit(step, page, {"decision": "yes", "opinion_on": "2024-02-20"})
    assert before.status_code == 422  # before the application was submitted
    assert 'id="opinion_on-error"' in before.text
    taken = await user.submit(step, page, {"decision": "yes", "opinion_on": "2024-03-05"})
    assert taken.status_code == 303, taken.text
    stored = await platform.dev.get(f"{platform.assistance}/api/v1/applications/{application}")
    assert (stored.json()["submitted_on"], stored.json()["opinion_on"]) == (
        "2024-03-01", "2024-03-05"
    )  # fmt: skip
    await user.close()
