"""The children table on a real server: 本级 and 合计 rows, drill-down links, breadcrumb, the
default period, and the membership dashboard fitting a phone and a PC in headless Chromium.

The hand-computed district (see :mod:`.scenario`) plus one member admitted at 新街口街道 itself
(its 机关 union): in 2024Q1 the street's children are 汉中门 and 石鼓路, and m5 moves between
them on 03-20.
"""

from __future__ import annotations

import asyncio
import re
import socket
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import httpx
import nats
import pytest
import pytest_asyncio
import uvicorn
from reporting.config import MIGRATIONS_DIR, SCHEMA, ReportingSettings
from reporting.entrypoints.app import create_app
from reporting.entrypoints.pages.session import SESSION_COOKIE
from shared.auth import issue_token
from shared.bus import MEMBERSHIP_STREAM, provision
from shared.contracts import membership as c
from shared.identifiers import today_in_china
from shared.migrations import migrate

from . import headless, layout_check
from .breakdown_dom import column, parsed
from .conftest import envelope
from .scenario import Scenario
from .test_dashboard import _until_applied

pytestmark = pytest.mark.integration
OWN_MEMBER, RECENT_MEMBER = uuid4(), uuid4()


@dataclass
class Live:
    http: httpx.AsyncClient
    base_url: str
    settings: ReportingSettings
    scenario: Scenario

    def token(self, role: str, org: UUID | None) -> str:
        return issue_token(self.settings, subject=f"{role}-tester", roles=[role],
                           org_id=str(org) if org else None)  # fmt: skip

    async def api(self, path: str, token: str, **params: str) -> Any:
        response = await self.http.get(path, params=params,
                                       headers={"Authorization": f"Bearer {token}"})  # fmt: skip
        assert response.status_code == 200, response.text
        return response.json()

    async def session(self, role: str, org: UUID | None) -> dict[str, str]:
        signed = await self.http.post("/login", data={"token": self.token(role, org)})
        assert signed.status_code == 303
        return {"Cookie": f"{SESSION_COOKIE}={signed.cookies[SESSION_COOKIE]}"}


@pytest_asyncio.fixture
async def live(database_url: str, nats_url: str) -> AsyncIterator[Live]:
    await migrate(database_url, SCHEMA, MIGRATIONS_DIR)
    settings = ReportingSettings(environment="test", database_url=database_url, nats_url=nats_url)
    scenario = Scenario()
    own = c.MemberAdmitted(org_id=scenario.s1, occurred_on=date(2024, 2, 15),
                           member_id=OWN_MEMBER, employer_id=scenario.ea1, sex="female",
                           birth_year=1985, is_migrant_worker=False)  # fmt: skip
    # This year's only fact, in 梅园街道 (石鼓路 and its union moved there in 2024).
    recent = c.MemberAdmitted(org_id=scenario.ub, occurred_on=today_in_china(), member_id=RECENT_MEMBER,
                              employer_id=scenario.eb1, sex="male", birth_year=1999,
                              is_migrant_worker=True)  # fmt: skip
    events = [*scenario.events(), envelope(own, OWN_MEMBER, 1), envelope(recent, RECENT_MEMBER, 1)]
    nc = await nats.connect(nats_url)
    await provision(nc.jetstream(), [MEMBERSHIP_STREAM])
    for event in events:
        await nc.jetstream().publish(
            event.nats_subject, event.model_dump_json().encode(), headers={"Nats-Msg-Id": event.id}
        )
    await nc.close()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    base_url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    async with httpx.AsyncClient(base_url=base_url) as http:
        await _until_applied(http, len(events))
        yield Live(http, base_url, settings, scenario)
    server.should_exit = True
    await asyncio.to_thread(thread.join, 15)
    listener.close()


async def test_children_and_own_level_add_up_in_the_api(live: Live) -> None:
    s = live.scenario
    token = live.token("analyst", s.district)
    query = {"org_id": str(s.s1), "period": "2024Q1"}
    body = await live.api("/api/v1/statistics/children", token, **query)
    rows = [*body["children"], body["self_only"]]
    for area, name in (("stock", "active_members"), ("flows", "members_admitted"),
                       ("flows", "members_left"), ("stock", "employers")):  # fmt: skip
        assert sum(row[area][name] for row in rows) == body["total"][area][name], name
    own = body["self_only"]
    assert (own["stock"]["active_members"], own["flows"]["members_admitted"]) == (1, 1)
    # m5 from 石鼓路 to 汉中门: into one row, out of another, not into the street.
    inside = (
        sum(row["flows"]["transfers_in"] for row in rows) - body["total"]["flows"]["transfers_in"]
    )
    assert inside == 1
    alone = await live.api("/api/v1/statistics", token, scope="self", **query)
    assert (alone["stock"], alone["flows"]) == (own["stock"], own["flows"])
    whole = await live.api("/api/v1/statistics", token, **query)
    assert whole["stock"]["active_members"] == body["total"]["stock"]["active_members"]
    bad = await live.http.get("/api/v1/statistics", params={**query, "scope": "up"},
                              headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    assert bad.status_code == 422


async def test_membership_table_rows_drill_down_and_breadcrumb(live: Live) -> None:
    s = live.scenario
    session = await live.session("analyst", s.district)
    query = {"org_id": str(s.s1), "period": "2024Q1", "as_of": "2024-03-25"}
    shown = await live.http.get("/dashboard", params=query, headers=session)
    assert shown.status_code == 200, shown.text
    page = parsed(shown.text)
    assert [(row["kind"], row["org"]) for row in page.rows] == [
        ("child", str(s.a)), ("child", str(s.b)), ("own", None), ("total", None),
    ]  # fmt: skip
    members = column(page, "会员数")
    assert members == {"汉中门社区工联会": 3, "石鼓路社区工联会": 1, "本级": 1, "合计": 5}
    assert column(page, "新发展会员")["本级"] == 1
    assert any("下级之间会籍接转 1 人次" in note for note in page.notes)
    link = page.rows[0]["link"]
    assert link == f"/dashboard?org_id={s.a}&period=2024Q1&as_of=2024-03-25"
    # The analyst's scope is the district: the trail starts there, not at the city above.
    assert page.crumbs == [
        (f"/dashboard?org_id={s.district}&period=2024Q1&as_of=2024-03-25", "玄武区总工会"),
        (None, "新街口街道总工会"),
    ]

    child = await live.http.get(link, headers=session)
    assert child.status_code == 200
    below = parsed(child.text)
    assert [name for _, name in below.crumbs] == [
        "玄武区总工会",
        "新街口街道总工会",
        "汉中门社区工联会",
    ]
    assert below.crumbs[1][0] == f"/dashboard?org_id={s.s1}&period=2024Q1&as_of=2024-03-25"
    assert [row["org"] for row in below.rows if row["kind"] == "child"] == [str(s.ua)]
    assert "2024-01-01 至 2024-03-25" in child.text  # the as-of date came along


async def test_a_cadre_breadcrumb_stops_at_their_own_scope(live: Live) -> None:
    s = live.scenario
    session = await live.session("union_cadre", s.a)
    shown = await live.http.get("/dashboard", params={"org_id": str(s.ua), "period": "2024"},
                                headers=session)  # fmt: skip
    assert shown.status_code == 200
    crumbs = parsed(shown.text).crumbs
    assert [name for _, name in crumbs] == ["汉中门社区工联会", "甲公司工会"]
    assert "新街口街道总工会" not in shown.text


async def test_without_a_period_the_latest_year_with_data_opens(live: Live) -> None:
    s = live.scenario
    session = await live.session("analyst", s.district)
    this_year = today_in_china().year
    assert this_year > 2024
    # 新街口's facts all fall in 2024: it opens on 2024, not on this empty year.
    street = await live.http.get("/dashboard", params={"org_id": str(s.s1)}, headers=session)
    assert street.status_code == 200
    assert "统计期间 2024-01-01 至 2024-12-31" in street.text
    assert re.search(r"<option selected>2024</option>", street.text)
    # The district holds this year's admission in 梅园: it opens on this year, as of today
    # (the year is not over, and nothing later is known).
    district = await live.http.get("/dashboard", headers=session)
    assert f"统计期间 {this_year}-01-01 至 {today_in_china()}" in district.text
    cadre = await live.session("union_cadre", s.a)
    community = await live.http.get("/dashboard", headers=cadre)
    assert "统计期间 2024-01-01 至 2024-12-31" in community.text
    named = await live.http.get("/dashboard", params={"org_id": str(s.s1), "year": this_year},
                                headers=session)  # fmt: skip
    assert f"统计期间 {this_year}-01-01" in named.text  # a year asked for is shown, empty or not


async def test_membership_dashboard_fits_a_phone_and_a_pc(live: Live, tmp_path: Path) -> None:
    s = live.scenario
    token = live.token("analyst", s.district)
    target = f"/dashboard?org_id={s.district}&period=2024"
    shots = await layout_check.check_widths(live.base_url, token, target, tmp_path)
    for shot, width in zip(shots, layout_check.WIDTHS, strict=True):
        assert headless.decode_png(shot.read_bytes())[0] == width


async def test_breakdowns_dashboard_fits_a_phone_and_a_pc(live: Live, tmp_path: Path) -> None:
    s = live.scenario
    token = live.token("analyst", s.district)
    target = f"/dashboard/breakdowns?org_id={s.district}&period=2024"
    shots = await layout_check.check_widths(live.base_url, token, target, tmp_path)
    for shot, width in zip(shots, layout_check.WIDTHS, strict=True):
        assert headless.decode_png(shot.read_bytes())[0] == width
