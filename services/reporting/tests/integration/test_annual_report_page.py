"""The annual report page on a real server, over the district of :mod:`.annual_world`: its
figures are the API's cells, a cell's link lists exactly the cell's facts, a scoped caller is
refused another unit, and the page fits a phone and a PC in headless Chromium (one browser)."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import nats
import pytest
import pytest_asyncio
import uvicorn
from reporting.bootstrap import Container
from reporting.config import MEMBERSHIP_CONSUMER, MIGRATIONS_DIR, SCHEMA, ReportingSettings
from reporting.entrypoints.app import create_app
from reporting.entrypoints.consumers.wiring import CONSUMERS, STREAMS
from reporting.entrypoints.pages.session import SESSION_COOKIE
from shared.auth import issue_token
from shared.bus import provision
from shared.db import create_pool
from shared.migrations import migrate
from shared.testing.consumers import drain

from . import annual_page_layout
from .annual_page_dom import parsed
from .annual_world import District

pytestmark = pytest.mark.integration
PAGE = "/dashboard/annual-report"
YEAR = {"year": "2024"}


@dataclass
class Served:
    http: httpx.AsyncClient
    base_url: str
    settings: ReportingSettings
    district: District

    def token(self, role: str, org: UUID | None) -> str:
        return issue_token(self.settings, subject=f"{role}-tester", roles=[role],
                           org_id=str(org) if org else None)  # fmt: skip

    async def api(self, path: str, role: str, org: UUID | None, **params: str) -> Any:
        headers = {"Authorization": f"Bearer {self.token(role, org)}"}
        response = await self.http.get(path, params=params, headers=headers)
        assert response.status_code == 200, response.text
        return response.json()

    async def session(self, role: str, org: UUID | None, target: str = "") -> dict[str, str]:
        signed = await self.http.post(
            "/login", data={"token": self.token(role, org), "next": target}
        )
        assert signed.status_code == 303
        if target:
            assert signed.headers["location"] == target
        self.http.cookies.clear()  # each caller names its own session
        return {"Cookie": f"{SESSION_COOKIE}={signed.cookies[SESSION_COOKIE]}"}


@pytest_asyncio.fixture(scope="module")
async def served(module_database_url: str, module_nats_url: str) -> AsyncIterator[Served]:
    """The district applied through the real consumer, then one server over it."""
    await migrate(module_database_url, SCHEMA, MIGRATIONS_DIR)
    settings = ReportingSettings(environment="test", database_url=module_database_url,
                                 nats_url=module_nats_url, run_consumers=False)  # fmt: skip
    district = District()
    nc = await nats.connect(module_nats_url)
    await provision(nc.jetstream(), STREAMS, CONSUMERS)
    for event in district.events():
        await nc.jetstream().publish(event.nats_subject, event.model_dump_json().encode(),
                                     headers={"Nats-Msg-Id": event.id})  # fmt: skip
    pool = await create_pool(module_database_url, SCHEMA, min_size=1, max_size=2)
    runner = Container(settings=settings, pool=pool).membership_consumer(nc.jetstream())
    await drain(runner, nc.jetstream(), MEMBERSHIP_CONSUMER)
    await pool.close()
    await nc.close()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    base_url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
        await _started(http)
        yield Served(http, base_url, settings, district)
    server.should_exit = True
    await asyncio.to_thread(thread.join, 15)
    listener.close()


async def _started(http: httpx.AsyncClient) -> None:
    for _ in range(200):
        try:
            if (await http.get("/livez")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.05)
    raise AssertionError("the server did not start")


def _shown(value: Any) -> str:
    """A cell's value as the page writes it: the number, ``—`` for an undefined rate."""
    return "—" if value is None else str(Decimal(str(value)))


async def test_the_page_shows_the_api_cells_for_each_table(served: Served) -> None:
    s = served.district.scenario
    target = f"{PAGE}?org_id={s.s1}&year=2024&as_of=2024-03-31"
    session = await served.session("analyst", s.district, target)
    for org, window in ((s.district, YEAR), (s.s1, {**YEAR, "as_of": "2024-03-31"})):
        shown = await served.http.get(PAGE, params={"org_id": str(org), **window}, headers=session)
        assert shown.status_code == 200, shown.text
        page = parsed(shown.text)
        listed = await served.api("/api/v1/annual-report", "analyst", s.district,
                                  org_id=str(org), **window)  # fmt: skip
        assert list(page.tables) == [t["code"] for t in listed["tables"]]
        for code, table in page.tables.items():
            body = await served.api(f"/api/v1/annual-report/{code}", "analyst", s.district,
                                    org_id=str(org), **window)  # fmt: skip
            assert table.cells == {c["key"]: _shown(c["value"]) for c in body["cells"]}, code
            assert table.heading.startswith(body["form_number"])
            assert body["title"] in table.heading
            assert {h["label"] for h in body["rows"] + body["columns"]} <= set(table.headings)
            ratios = {c["key"] for c in body["cells"] if c["indicator"]["kind"] == "ratio"}
            assert set(table.links) == {c["key"] for c in body["cells"]} - ratios
    district = await served.http.get(PAGE, params={"org_id": str(s.district), **YEAR},
                                     headers=session)  # fmt: skip
    members = parsed(district.text).tables["members"]
    # Hand-counted in test_annual_report: m1, m2, m5 and M6 at the year's end; 5 admitted.
    assert (members.cells["active.people"], members.cells["admitted.people"]) == ("4", "5")
    assert "计量单位：人、个" in district.text
    assert "工年统3表" in district.text
    xlsx = await served.http.get(members.files["xlsx"], headers=session)
    assert xlsx.status_code == 200
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    csv = await served.http.get(members.files["csv"], headers=session)
    assert csv.status_code == 200
    assert "年末会员数（含下级）" in csv.content.decode("utf-8-sig")
    bare = await served.http.get(members.files["csv"])
    assert bare.status_code == 401  # the file needs the cookie or a token


async def _followed(
    served: Served, link: str, session: dict[str, str]
) -> tuple[list[str], int, list[str]]:
    """The fact ids of every page from ``link`` on (two a page) by its 下一页, the pages, the headings."""
    seen: list[str] = []
    pages, headings = 0, []
    next_page: str | None = f"{link}&limit=2"
    while next_page is not None:
        opened = await served.http.get(next_page, headers=session)
        assert opened.status_code == 200, opened.text
        drill = parsed(opened.text)
        seen += drill.facts
        headings = drill.fact_headings
        next_page, pages = drill.next_page, pages + 1
    return seen, pages, headings


async def test_a_cell_link_lists_exactly_the_cells_facts(served: Served) -> None:
    s = served.district.scenario
    session = await served.session("city_admin", None)
    page = parsed((await served.http.get(PAGE, params={"org_id": str(s.district), **YEAR},
                                         headers=session)).text)  # fmt: skip
    # Hand-counted in test_annual_report: 9 organisations, 5 admitted, EA1's 120 and EB1's 80.
    cells = {("organisations", "total.organisations"): "9", ("members", "admitted.people"): "5",
             ("employers", "class_private.covered_workers"): "200"}  # fmt: skip
    for (code, key), figure in cells.items():
        assert page.tables[code].cells[key] == figure
        seen, pages, headings = await _followed(served, page.tables[code].links[key], session)
        body = await served.api(f"/api/v1/annual-report/{code}/cells/{key}/facts", "city_admin",
                                None, org_id=str(s.district), limit="1000", **YEAR)  # fmt: skip
        assert body["next_cursor"] is None
        assert seen == [fact["id"] for fact in body["facts"]], key
        assert pages == (len(seen) + 1) // 2
        summed = ["数值"] if key.endswith("workers") else []
        assert headings == ["序号", "类别", "编号", "计入日期", "计入组织", *summed]
    assert len(seen) == 2  # the sum cell's two employers
    ratio = await served.http.get(f"{PAGE}/employers/cells/total.coverage_rate",
                                  params={"org_id": str(s.district), **YEAR}, headers=session)  # fmt: skip
    assert ratio.status_code == 422
    assert "比率单元格没有明细" in ratio.text


async def test_a_scoped_caller_is_refused_another_unit(served: Served) -> None:
    s = served.district.scenario
    cadre = await served.session("union_cadre", s.a)
    own = await served.http.get(PAGE, headers=cadre)
    assert own.status_code == 200
    assert f'<option value="{s.a}" selected>' in own.text  # the cadre's own, last year
    assert f"{PAGE}?org_id={s.ua}&amp;period=" in own.text  # and the union below, to open
    for path in (PAGE, f"{PAGE}/members/cells/active.people"):
        refused = await served.http.get(path, params={"org_id": str(s.s2), **YEAR}, headers=cadre)
        assert refused.status_code == 403, path
        assert refused.headers["content-type"].startswith("text/html")
        assert "无权执行此操作" in refused.text
        assert "不在您的管辖范围内" in refused.text
    inside = await served.http.get(f"{PAGE}/members/cells/active.people",
                                   params={"org_id": str(s.ua), **YEAR}, headers=cadre)  # fmt: skip
    assert inside.status_code == 200
    for path, status, text in ((f"{PAGE}/nosuch/cells/a.b", 404, "没有这张年报表"),
                               (f"{PAGE}/members/cells/nosuch.people", 404, "没有这个单元格")):  # fmt: skip
        wrong = await served.http.get(path, params={"org_id": str(s.a), **YEAR}, headers=cadre)
        assert (wrong.status_code, text in wrong.text) == (status, True), path
    late = await served.http.get(PAGE, params={"org_id": str(s.a), "year": "2024",
                                               "as_of": "2025-01-01"}, headers=cadre)  # fmt: skip
    assert late.status_code == 422
    assert "截至日须在 2024 年内" in late.text
    named = await served.http.get(PAGE, params={"org_id": str(s.a), "period": "2024H1"},
                                  headers=cadre)  # fmt: skip
    assert (
        "汉中门社区工联会 2024年 工会统计年报" in named.text
    )  # another dashboard's period: its year
    officer = await served.session("assistance_officer", s.a)
    hardship = parsed((await served.http.get(PAGE, params=YEAR, headers=officer)).text)
    assert list(hardship.tables) == ["hardship"]


async def test_the_page_and_a_drill_down_fit_a_phone_and_a_pc(
    served: Served, tmp_path: Path
) -> None:
    s = served.district.scenario
    token = served.token("analyst", s.district)
    targets = [f"{PAGE}?org_id={s.district}&year=2024",
               f"{PAGE}/members/cells/admitted.people?org_id={s.district}&year=2024"]  # fmt: skip
    shots = await annual_page_layout.check(served.base_url, token, targets, tmp_path)
    assert len(shots) == 4
