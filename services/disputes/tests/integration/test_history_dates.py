"""Last year's contacts, cases, warnings and legal aid entered this year keep their own dates
(补录历史).

A contact, a case, a warning and a legal aid of more than a year ago are entered with their
own dates back to ``DISPUTES_HISTORY_FROM`` (2015-01-01 by default): the yearly report counts
them in their own year. A date before the limit is refused (422 problem+json, Chinese, the field named) and
nothing is written.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx
import pytest

from .conftest import Api, World
from .flow import TODAY, case_body, outbox

pytestmark = pytest.mark.integration
BEFORE_LIMIT = "2014-12-31"  # the day before the default history limit
LONG_AGO = (TODAY - timedelta(days=500)).isoformat()  # past the one-year limit there was


async def _written(api: Api) -> tuple[int, int, int, int, int]:
    """Cases, contacts, warnings, legal aid and outbox rows: what a refused command must leave
    alone."""
    async with api.container.pool.acquire() as conn:
        row = await conn.fetchrow(
            "SELECT (SELECT count(*) FROM cases) AS c, (SELECT count(*) FROM contacts) AS k,"
            " (SELECT count(*) FROM risk_warnings) AS w, (SELECT count(*) FROM legal_aid) AS a,"
            " (SELECT count(*) FROM outbox) AS o"
        )
    assert row is not None
    return row["c"], row["k"], row["w"], row["a"], row["o"]


def _refused_on(response: httpx.Response, field: str, label: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["title"] == "不符合业务规则"
    (error,) = body["errors"]
    assert error["field"] == field, error
    assert error["message"] == f"{label}不能早于可补录历史的起始日 2015-01-01", error


def _contact(world: World, on: str) -> dict[str, object]:
    return {"org_id": world.street, "channel": "visit", "workers_involved": 3,
            "contacted_on": on, "topic": "咨询欠薪"}  # fmt: skip


async def _reporter(api: Api, world: World) -> str:
    body = {"org_id": world.union_a, "employer_id": world.employer, "name": "周预警"}
    return str((await api.post("/api/v1/warning-reporters", body, expect=201)).json()["id"])


async def test_a_contact_a_case_and_a_warning_of_long_ago_keep_their_dates(
    api: Api, world: World
) -> None:
    contact = (await api.post("/api/v1/contacts", _contact(world, LONG_AGO), expect=201)).json()
    assert (await outbox(api))[-1]["occurred_on"] == LONG_AGO
    # who typed it in, and when: now, long after the day it names (the list says the same)
    assert (contact["contacted_on"], contact["entered_by"]) == (LONG_AGO, "city_admin-city")
    assert datetime.fromisoformat(contact["entered_at"]).date() >= TODAY - timedelta(days=1)
    listed = (await api.get("/api/v1/contacts", expect=200)).json()["items"]
    assert [(k["id"], k["entered_by"], k["entered_at"]) for k in listed] == [
        (contact["id"], contact["entered_by"], contact["entered_at"])
    ]
    case = (await api.post("/api/v1/cases", case_body(world, received_on=LONG_AGO),
                           expect=201)).json()  # fmt: skip
    assert case["received_on"] == LONG_AGO
    assert (await outbox(api))[-1]["occurred_on"] == LONG_AGO
    warning = {"reporter_id": await _reporter(api, world), "risk": "wage_arrears",
               "workers_at_risk": 20, "reported_on": LONG_AGO}  # fmt: skip
    await api.post("/api/v1/warnings", warning, expect=201)
    assert (await outbox(api))[-1]["occurred_on"] == LONG_AGO
    aid = {"org_id": world.street, "provider": "区法律援助中心", "stage": "arbitration",
           "granted_on": LONG_AGO, "case_id": case["id"]}  # fmt: skip
    before = await _written(api)
    earlier = (TODAY - timedelta(days=501)).isoformat()  # the day before the case's registration
    refused = await api.post("/api/v1/legal-aid", {**aid, "granted_on": earlier})
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"] == [
        {"field": "granted_on", "message": f"援助日期不能早于案件登记日期 {LONG_AGO}"}
    ]
    assert await _written(api) == before
    await api.post("/api/v1/legal-aid", aid, expect=201)
    assert (await outbox(api))[-1]["occurred_on"] == LONG_AGO


async def test_dates_before_the_history_limit_are_refused_and_write_nothing(
    api: Api, world: World
) -> None:
    reporter = await _reporter(api, world)
    before = await _written(api)
    _refused_on(await api.post("/api/v1/contacts", _contact(world, BEFORE_LIMIT)),
                "contacted_on", "来访日期")  # fmt: skip
    _refused_on(await api.post("/api/v1/cases", case_body(world, received_on=BEFORE_LIMIT)),
                "received_on", "登记日期")  # fmt: skip
    warning = {"reporter_id": reporter, "risk": "layoffs", "workers_at_risk": 20,
               "reported_on": BEFORE_LIMIT}  # fmt: skip
    _refused_on(await api.post("/api/v1/warnings", warning), "reported_on", "预警日期")
    aid = {"org_id": world.street, "provider": "区法律援助中心", "stage": "arbitration",
           "granted_on": BEFORE_LIMIT, "worker_name": "受援职工"}  # fmt: skip
    _refused_on(await api.post("/api/v1/legal-aid", aid), "granted_on", "援助日期")
    assert await _written(api) == before
