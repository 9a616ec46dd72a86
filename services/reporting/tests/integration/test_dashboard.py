"""The dashboard pages on a real server (uvicorn) in Debian's headless Chromium.

The browser signs in through the login form, then its DOM is checked against the JSON API and
its screenshot against the chart colours. Chromium missing is a failure, never a skip.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import nats
import pytest
import pytest_asyncio
import uvicorn
from reporting.config import MIGRATIONS_DIR, SCHEMA, ReportingSettings
from reporting.entrypoints.app import create_app
from reporting.entrypoints.pages import charts
from reporting.entrypoints.pages.session import SESSION_COOKIE
from shared.auth import issue_token
from shared.bus import MEMBERSHIP_STREAM, provision
from shared.migrations import migrate

from . import headless
from .scenario import Scenario

pytestmark = pytest.mark.integration


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


@pytest_asyncio.fixture
async def live(database_url: str, nats_url: str) -> AsyncIterator[Live]:
    await migrate(database_url, SCHEMA, MIGRATIONS_DIR)
    settings = ReportingSettings(environment="test", database_url=database_url, nats_url=nats_url)
    scenario = Scenario()
    events = scenario.events()
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


async def _until_applied(http: httpx.AsyncClient, count: int) -> None:
    """Wait for the server to start and its consumer to apply ``count`` messages."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 20
    while loop.time() < deadline:
        try:
            checks = (await http.get("/readyz")).json().get("checks", {})
            detail = checks.get("membership_consumer", {}).get("detail") or {}
            if detail.get("last_applied_sequence", 0) >= count:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.05)
    pytest.fail(f"the server did not start or apply {count} messages")


class DashboardDom(HTMLParser):
    """The figures a dumped dashboard shows: cards, rate rows, months and drawn bars."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: dict[str, str] = {}
        self.rate_rows: list[dict[str, str | None]] = []
        self.months: list[dict[str, str | None]] = []
        self.bars: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if "card" in classes:
            self._open = found["data-indicator"]
        elif "value" in classes and self._open:
            self.cards[self._open] = ""
        elif "child-rates" in classes:
            self.rate_rows.append(found)
        elif "month" in classes:
            self.months.append(found)
        elif tag == "rect" and "bar" in classes:
            self.bars.append(classes[1])
        elif "rate" in classes:
            self._open = f"rate:{len(self.rate_rows) - 1}:{classes[1]}"
            self.cards[self._open] = ""

    def handle_data(self, data: str) -> None:
        if self._open is not None and self._open in self.cards:
            self.cards[self._open] += data.strip()

    def handle_endtag(self, tag: str) -> None:
        if self._open and self.cards.get(self._open):
            self._open = None


async def test_browser_shows_the_api_figures_and_charts(live: Live, tmp_path: Path) -> None:
    s = live.scenario
    token = live.token("analyst", s.district)
    target = f"/dashboard?org_id={s.district}&period=2024Q1"
    sign_in = headless.sign_in_page(tmp_path, live.base_url, token, target)
    dom = DashboardDom()
    dom.feed(headless.run(tmp_path, "--dump-dom", sign_in).stdout)

    total = await live.api("/api/v1/statistics", token, org_id=str(s.district), period="2024Q1")
    for key, shown in dom.cards.items():
        if key.startswith("rate:"):
            continue
        area, name = key.split(".")
        if area == "contracts":
            expected = sum(kind["in_force"] for kind in total["contracts"].values())
        else:
            expected = total[area][name]
        if name.endswith("_rate"):
            assert shown == (charts.UNDEFINED if expected is None else f"{expected}%"), key
        else:
            assert shown == str(expected), key
    assert len([k for k in dom.cards if not k.startswith("rate:")]) == 14

    breakdown = await live.api("/api/v1/statistics/children", token,
                               org_id=str(s.district), period="2024Q1")  # fmt: skip
    children = breakdown["children"]
    assert [row["data-org-id"] for row in dom.rate_rows] == [str(s.s1), str(s.s2)]
    assert [row["org_id"] for row in children] == [str(s.s1), str(s.s2)]
    for index, (row, child) in enumerate(zip(dom.rate_rows, children, strict=True)):
        for kind in ("coverage", "membership"):
            rate = child["stock"][f"{kind}_rate"]
            assert row[f"data-{kind}-rate"] == (rate or "")
            assert dom.cards[f"rate:{index}:{kind}"] == (f"{rate}%" if rate else "—")
    assert dom.cards["rate:1:coverage"] == "—"  # 梅园街道 has no employer before April
    assert dom.bars.count("coverage") == 1
    assert dom.bars.count("membership") == 1

    assert [m["data-month"] for m in dom.months] == [str(m) for m in range(1, 13)]
    for month in dom.months:
        figures = await live.api("/api/v1/statistics", token, org_id=str(s.district),
                                 period=f"2024-{int(month['data-month'] or 0):02d}")  # fmt: skip
        assert month["data-active-members"] == str(figures["stock"]["active_members"])
        assert month["data-members-admitted"] == str(figures["flows"]["members_admitted"])


async def test_screenshot_is_a_rendered_dashboard(live: Live, tmp_path: Path) -> None:
    s = live.scenario
    token = live.token("analyst", s.district)
    sign_in = headless.sign_in_page(tmp_path, live.base_url, token,
                                    f"/dashboard?org_id={s.district}&period=2024Q1")  # fmt: skip
    shot = tmp_path / "dashboard.png"
    headless.run(tmp_path, f"--screenshot={shot}", "--window-size=1280,800", sign_in)

    width, height, rows = headless.decode_png(shot.read_bytes())
    assert (width, height) == (1280, 800)
    counts = headless.colour_counts(rows, len(rows[0]) // width)
    assert len(counts) > 50, "a blank or single-colour page"
    legend_swatch = 12 * 12
    colour = {name: bytes.fromhex(value[1:]) for name, value in (
        ("coverage", charts.COVERAGE_COLOUR), ("admitted", charts.ADMITTED_COLOUR),
        ("membership", charts.MEMBERSHIP_COLOUR), ("active", charts.ACTIVE_COLOUR))}  # fmt: skip
    # Bars drawn beyond the legend swatches: 新街口 66.7% 建会率 and three months of admissions.
    assert counts[colour["coverage"]] > legend_swatch + 1000
    assert counts[colour["admitted"]] > legend_swatch + 1000
    assert counts[colour["membership"]] > legend_swatch
    assert counts[colour["active"]] >= legend_swatch


async def test_sign_in_roles_scope_and_sign_out(live: Live) -> None:
    s, http = live.scenario, live.http
    assert (await http.get("/dashboard")).headers["location"] == "/"
    forged = await http.post("/login", data={"token": "not-a-token"})
    assert forged.status_code == 401
    assert "令牌无效" in forged.text
    # Each role lands on the page of its area: mediators on mediation, coordinators on training.
    coordinator = await http.post("/login", data={"token": live.token("training_coordinator", s.a)})
    assert (coordinator.status_code, coordinator.headers["location"]) == (
        303,
        "/dashboard/training",
    )
    mediator = await http.post("/login", data={"token": live.token("mediator", s.a)})
    assert (mediator.status_code, mediator.headers["location"]) == (303, "/dashboard/disputes")

    signed = await http.post("/login", data={"token": live.token("union_cadre", s.a),
                                             "next": "https://elsewhere.example/"})  # fmt: skip
    assert signed.status_code == 303
    assert signed.headers["location"] == "/dashboard"
    cookie = signed.headers["set-cookie"]
    assert "httponly" in cookie.lower()
    assert "samesite=lax" in cookie.lower()
    session = {"Cookie": f"{SESSION_COOKIE}={signed.cookies[SESSION_COOKIE]}"}

    own = await http.get("/dashboard", params={"period": "2024H1"}, headers=session)
    assert own.status_code == 200
    assert "汉中门社区工联会" in own.text
    assert "新街口街道总工会" not in own.text  # the picker holds the caller's subtree only
    # The header names the caller by role: a token's subject is an id, not a name.
    assert "<span>工会干部</span>" in own.text
    assert "union_cadre-tester" not in own.text
    assert '<link rel="icon" href="data:image/svg+xml,' in own.text  # allowed by img-src data:
    assert "script-src" not in own.headers["content-security-policy"]
    other = await http.get("/dashboard", params={"org_id": str(s.s1), "period": "2024H1"},
                           headers=session)  # fmt: skip
    assert other.status_code == 404
    assert "不在您的权限范围内" in other.text
    bad = await http.get("/dashboard", params={"period": "2024H3"}, headers=session)
    assert bad.status_code == 422

    # The page's export links carry no bearer token: the session cookie must do.
    export = {"org_id": str(s.a), "period": "2024H1", "format": "csv"}
    exported = await http.get("/api/v1/statistics/export", params=export, headers=session)
    assert exported.status_code == 200
    assert exported.content.startswith(b"\xef\xbb\xbf")
    assert "合计" in exported.content.decode("utf-8-sig")
    anonymous = httpx.AsyncClient(base_url=str(http.base_url))  # no cookie jar from the login
    async with anonymous:
        assert (await anonymous.get("/api/v1/statistics/export", params=export)).status_code == 401

    out = await http.post("/logout", headers=session)
    assert out.status_code == 303
    assert f'{SESSION_COOKIE}=""' in out.headers["set-cookie"]
