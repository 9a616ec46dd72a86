"""A placed family member flags the household's hardship file, across services.

Membership (the organisation tree), training (a seeker registered and placed over HTTP, its
relay publishing the placement) and assistance (the household filed over HTTP, its
``assistance-training`` consumer applying the placement) run in-process on one database and
one JetStream, each with its full lifespan. The two services compute the person link each with
its own settings and never exchange an ID number: the file is found only because both hold
the same ``PERSON_LINK_KEY``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from datetime import date
from typing import Any

import httpx
import pytest
import pytest_asyncio
from assistance.config import MIGRATIONS_DIR as ASSISTANCE_MIGRATIONS
from assistance.config import SCHEMA as ASSISTANCE_SCHEMA
from assistance.config import AssistanceSettings
from assistance.entrypoints.app import create_app as create_assistance_app
from membership.config import MIGRATIONS_DIR as MEMBERSHIP_MIGRATIONS
from membership.config import SCHEMA as MEMBERSHIP_SCHEMA
from membership.config import MembershipSettings
from membership.entrypoints.app import create_app as create_membership_app
from shared.auth import issue_token
from shared.identifiers import make_id_number, today_in_china
from shared.migrations import migrate
from training.config import MIGRATIONS_DIR as TRAINING_MIGRATIONS
from training.config import SCHEMA as TRAINING_SCHEMA
from training.config import TrainingSettings
from training.entrypoints.app import create_app as create_training_app

from .conftest import _serve

pytestmark = pytest.mark.integration
PATIENCE_SECONDS = 20.0
HEAD = make_id_number("320102", date(1976, 3, 4), 21, "male")
SPOUSE = make_id_number("320102", date(1979, 8, 9), 22, "female")
NEIGHBOUR = make_id_number("320102", date(1980, 1, 2), 23, "male")
STRANGER = make_id_number("320102", date(1985, 6, 7), 24, "female")


class Clients:
    """Membership, training and assistance, each as a city administrator."""

    def __init__(self, *clients: httpx.AsyncClient) -> None:
        self.membership, self.training, self.assistance = clients


@pytest_asyncio.fixture
async def clients(database_url: str, nats_url: str) -> AsyncIterator[Clients]:
    for schema, migrations in ((MEMBERSHIP_SCHEMA, MEMBERSHIP_MIGRATIONS),
                               (TRAINING_SCHEMA, TRAINING_MIGRATIONS),
                               (ASSISTANCE_SCHEMA, ASSISTANCE_MIGRATIONS)):  # fmt: skip
        await migrate(database_url, schema, migrations)
    urls: dict[str, Any] = {"environment": "test", "database_url": database_url,
                            "nats_url": nats_url}  # fmt: skip
    assistance_settings = AssistanceSettings(**urls, overdue_check_interval_seconds=0)
    token = issue_token(assistance_settings, subject="e2e-admin", roles=["city_admin"], org_id=None)
    headers = {"Authorization": f"Bearer {token}"}
    async with AsyncExitStack() as stack:
        apps = (
            (create_membership_app(MembershipSettings(**urls)), "http://membership.test"),
            (create_training_app(TrainingSettings(**urls)), "http://training.test"),
            (create_assistance_app(assistance_settings), "http://assistance.test"),
        )
        yield Clients(*[await _serve(stack, app, url, headers) for app, url in apps])


async def until(check: Callable[[], Awaitable[Any]], what: str) -> Any:
    """The first truthy answer of ``check``; fail naming ``what`` when none comes in time."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PATIENCE_SECONDS
    while not (answer := await check()):
        if loop.time() > deadline:
            pytest.fail(f"{what}: not reached within {PATIENCE_SECONDS:g} s")
        await asyncio.sleep(0.1)
    return answer


async def post(client: httpx.AsyncClient, path: str, body: dict[str, Any]) -> Any:
    response = await client.post(path, json=body)
    assert response.status_code in (200, 201), response.text
    return response.json()


async def union_founded(c: Clients) -> str:
    parent = None
    for kind, name in (("city_federation", "南京市总工会"), ("district_federation", "秦淮区总工会"),
                       ("street_federation", "夫子庙街道总工会"),
                       ("grassroots_union", "夫子庙联合工会")):  # fmt: skip
        body = {"kind": kind, "name": name, "parent_id": parent, "founded_on": "2020-01-01"}
        if kind == "grassroots_union":
            body["grassroots_mode"] = "joint"
        parent = str((await post(c.membership, "/api/v1/organisations", body))["id"])
    assert parent is not None
    return parent


async def household_filed(c: Clients, union: str, head: str, spouse: str) -> str:
    """A filed file of a household of non-members: the head and the spouse."""
    body = {"org_id": union, "level": "deep", "causes": ["unemployment"], "temporary": False,
            "monthly_income_per_capita_fen": 80_000,
            "head": {"name": "赵大勇", "id_number": head, "member_id": None},
            "family": [{"relation": "spouse", "name": "钱小梅", "id_number": spouse}]}  # fmt: skip

    async def drafted() -> str | None:  # the union reaches assistance's replica first
        response = await c.assistance.post("/api/v1/households", json=body)
        return str(response.json()["id"]) if response.status_code == 201 else None

    household = await until(drafted, "the union in assistance's replica")
    await post(c.assistance, f"/api/v1/households/{household}/submit", {})
    await post(c.assistance, f"/api/v1/households/{household}/file", {})
    return str(household)


async def placed(c: Clients, union: str, id_number: str, name: str) -> None:
    """Registered as a laid-off seeker in training and placed today."""
    seeker = {"org_id": union, "status": "laid_off", "wanted_occupation": "电工",
              "person": {"name": name, "id_number": id_number}}  # fmt: skip

    async def registered() -> str | None:  # the union reaches training's replica first
        response = await c.training.post("/api/v1/seekers", json=seeker)
        return str(response.json()["id"]) if response.status_code == 201 else None

    seeker_id = await until(registered, "the union in training's replica")
    placement = {"seeker_id": seeker_id, "employer_name": "甲电子有限公司", "channel": "other",
                 "placed_on": today_in_china().isoformat()}  # fmt: skip
    await post(c.training, "/api/v1/placements", placement)


async def flags(c: Clients, household: str) -> list[str]:
    response = await c.assistance.get(f"/api/v1/households/{household}")
    assert response.status_code == 200, response.text
    found: list[str] = response.json()["flags"]
    return found


async def test_a_placed_spouse_flags_her_household_and_no_other(clients: Clients) -> None:
    c = clients
    union = await union_founded(c)
    household = await household_filed(c, union, HEAD, SPOUSE)
    neighbours = await household_filed(c, union, NEIGHBOUR, make_id_number(
        "320102", date(1981, 2, 3), 25, "female"))  # fmt: skip
    await placed(c, union, STRANGER, "孙晓燕")  # on no file: flags nothing
    await placed(c, union, SPOUSE.lower(), "钱小梅")

    async def reviewed() -> list[str]:
        return await flags(c, household)

    assert await until(reviewed, "the spouse's placement flagging the file") == ["reemployed"]
    assert await flags(c, neighbours) == []
