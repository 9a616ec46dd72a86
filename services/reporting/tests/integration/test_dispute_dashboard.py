"""The mediation dashboard 劳动争议调解统计 on a real server (uvicorn) in headless Chromium.

The browser signs in as a mediator through the login form; the figures in its DOM are
checked against the JSON API, and its screenshot for the chart colours.
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

import httpx
import pytest
import pytest_asyncio
import uvicorn
from reporting.entrypoints.app import create_app
from reporting.entrypoints.pages.dispute_charts import SERIES
from reporting.entrypoints.pages.session import SESSION_COOKIE

from . import headless, layout_check
from .breakdown_dom import adds_up, signed_in_page
from .conftest import Bus
from .dispute_world import Api, World, world
from .test_assistance_dashboard import yuan

pytestmark = pytest.mark.integration
__all__ = ["world"]
PAGE = "/dashboard/disputes"
STATISTICS = "/api/v1/statistics/disputes"


@dataclass
class Live:
    api: Api
    base_url: str


@pytest_asyncio.fixture
async def live(world: World, bus: Bus) -> AsyncIterator[Live]:
    settings = bus.container.settings.model_copy(update={"run_consumers": False})
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    base_url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    async with httpx.AsyncClient(base_url=base_url) as http:
        deadline = asyncio.get_running_loop().time() + 20
        while not await _ready(http):
            if asyncio.get_running_loop().time() > deadline:
                pytest.fail("the server did not start")
            await asyncio.sleep(0.05)
        yield Live(Api(http, world), base_url)
    server.should_exit = True
    await asyncio.to_thread(thread.join, 15)
    listener.close()


async def _ready(http: httpx.AsyncClient) -> bool:
    try:
        return (await http.get("/readyz")).status_code == 200
    except httpx.TransportError:
        return False


class DisputeDom(HTMLParser):
    """What a dumped mediation dashboard shows: card values and the charts' data."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: dict[str, str] = {}
        self.categories: dict[str, str | None] = {}
        self.months: dict[str, dict[str, str | None]] = {}
        self.children: list[str | None] = []
        self.reasons: dict[str, str | None] = {}
        self._card: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if "card" in classes:
            self._card = found["data-indicator"]
        elif "value" in classes and self._card:
            self.cards[self._card] = ""
        elif "category" in classes:
            self.categories[found["data-category"] or ""] = found["data-cases"]
        elif "month-cases" in classes:
            self.months[found["data-month"] or ""] = found
        elif tag == "tr" and found.get("data-reason"):
            self.reasons[found["data-reason"] or ""] = found["data-extensions"]
        elif tag == "tr" and "child" in classes:
            self.children.append(found["data-org-id"])

    def handle_data(self, data: str) -> None:
        if self._card in self.cards:
            self.cards[self._card] += data.strip()

    def handle_endtag(self, tag: str) -> None:
        if self._card in self.cards and tag == "div":
            self._card = None


def shown(view: dict[str, Any], key: str) -> str:
    """A card's text, from the JSON figures."""
    if key in ("closure_rate", "settlement_rate"):
        value = view["outcomes"][key]
        return "—" if value is None else f"{value}%"
    found: Any = view
    for part in key.split("."):
        found = found[part]
    return yuan(found) if key.endswith("_fen") else str(found)


async def test_browser_shows_the_api_figures(live: Live, tmp_path: Path) -> None:
    s, api = live.api.street, live.api
    token = api.token("mediator", s.s1)
    target = f"{PAGE}?org_id={s.s1}&period=2024H1"
    dom = DisputeDom()
    dom.feed(headless.run(tmp_path, "--dump-dom",
                          headless.sign_in_page(tmp_path, live.base_url, token, target)).stdout)  # fmt: skip
    total = await api.json(STATISTICS, "mediator", s.s1, org_id=str(s.s1), period="2024H1")
    assert len(dom.cards) == 12
    for key, text in dom.cards.items():
        assert text == shown(total, key), key
    assert (dom.cards["outcomes.recovered_fen"], dom.cards["closure_rate"]) == (
        "548,000.00", "100.0%",
    )  # fmt: skip
    assert dom.categories == {k: str(v) for k, v in total["cases"]["by_category"].items()}
    assert list(dom.months) == [str(month) for month in range(1, 13)]
    assert dom.reasons == {k: str(v) for k, v in total["extensions"]["by_reason"].items()}
    assert set(dom.reasons.values()) == {"1"}  # one extension of each reason in the half-year
    for month in ("1", "4", "6"):
        figures = await api.json(STATISTICS, org_id=str(s.s1), period=f"2024-{int(month):02d}")
        drawn = dom.months[month]
        assert drawn["data-accepted"] == str(figures["cases"]["accepted"]), month
        assert drawn["data-closed"] == str(figures["outcomes"]["closed"]), month
        assert drawn["data-settled"] == str(figures["outcomes"]["settled"]), month
    assert dom.children == [str(s.a), str(s.b)]

    shot = tmp_path / "disputes.png"
    headless.run(tmp_path, f"--screenshot={shot}", "--window-size=1280,900",
                 headless.sign_in_page(tmp_path, live.base_url, token, target))  # fmt: skip
    width, _, rows = headless.decode_png(shot.read_bytes())
    counts = headless.colour_counts(rows, len(rows[0]) // width)
    accepted = bytes.fromhex(SERIES["accepted"][1][1:])
    assert counts[accepted] > 12 * 12 + 500  # the legend swatch, then the drawn bars


async def test_a_mediator_lands_on_the_mediation_page_and_roles_apply(live: Live) -> None:
    s, http = live.api.street, live.api.http
    signed = await http.post("/login", data={"token": live.api.token("mediator", s.a)})
    assert (signed.status_code, signed.headers["location"]) == (303, PAGE)
    session = {"Cookie": f"{SESSION_COOKIE}={signed.cookies[SESSION_COOKIE]}"}
    own = await http.get(PAGE, params={"period": "2024H1"}, headers=session)
    assert own.status_code == 200
    assert "汉中门社区工联会 劳动争议调解" in own.text
    assert "新街口街道总工会" not in own.text
    assert (await http.get("/dashboard", headers=session)).status_code == 403
    assert (await http.get("/dashboard/assistance", headers=session)).status_code == 403
    other = await http.get(PAGE, params={"org_id": str(s.b), "period": "2024H1"}, headers=session)
    assert other.status_code == 404
    export = {"org_id": str(s.a), "period": "2024H1", "format": "csv"}
    exported = await http.get(f"{STATISTICS}/export", params=export, headers=session)
    assert exported.status_code == 200
    assert "受理案件(件)" in exported.content.decode("utf-8-sig")
    officer = await http.post("/login", data={"token": live.api.token("assistance_officer", s.a)})
    officer_session = {"Cookie": f"{SESSION_COOKIE}={officer.cookies[SESSION_COOKIE]}"}
    refused = await http.get(PAGE, params={"period": "2024H1"}, headers=officer_session)
    assert refused.status_code == 403


async def test_children_table_adds_up_and_drills_down(live: Live) -> None:
    s, api = live.api.street, live.api
    token = api.token("mediator", s.s1)
    page = await signed_in_page(api.http, token, PAGE, org_id=str(s.s1), period="2024H1")
    assert [(row["kind"], row["org"]) for row in page.rows] == [
        ("child", str(s.a)), ("child", str(s.b)), ("own", None), ("total", None),
    ]  # fmt: skip
    for header in ("受理案件", "办结数", "调解成功"):
        adds_up(page, header)
    assert page.rows[0]["link"] == f"{PAGE}?org_id={s.a}&period=2024H1"


async def test_dashboard_fits_a_phone_and_a_pc(live: Live, tmp_path: Path) -> None:
    s, api = live.api.street, live.api
    target = f"{PAGE}?org_id={s.s1}&period=2024"
    shots = await layout_check.check_widths(live.base_url, api.token("mediator", s.s1), target,
                                            tmp_path)  # fmt: skip
    assert [headless.decode_png(shot.read_bytes())[0] for shot in shots] == [1280, 390]
