"""The assistance dashboard on a real server (uvicorn) in Debian's headless Chromium.

The browser signs in as an assistance officer through the login form; the figures in its DOM
are checked against the JSON API, and its screenshot for the programme colours.
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
from reporting.entrypoints.pages.assistance_charts import PROGRAMME_COLOURS
from reporting.entrypoints.pages.session import SESSION_COOKIE

from . import headless, layout_check
from .assistance_world import Api, World, world
from .breakdown_dom import adds_up, signed_in_page
from .conftest import Bus

pytestmark = pytest.mark.integration
__all__ = ["world"]
PAGE = "/dashboard/assistance"


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
        await _until_started(http)
        yield Live(Api(http, world), base_url)
    server.should_exit = True
    await asyncio.to_thread(thread.join, 15)
    listener.close()


async def _until_started(http: httpx.AsyncClient) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 20
    while loop.time() < deadline:
        try:
            if (await http.get("/readyz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.05)
    pytest.fail("the server did not start")


class AssistanceDom(HTMLParser):
    """What a dumped assistance dashboard shows: card values and the charts' data."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: dict[str, str] = {}
        self.programmes: dict[str, dict[str, str | None]] = {}
        self.months: dict[str, str | None] = {}
        self.children: list[str | None] = []
        self._card: str | None = None
        self._in_value = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if "card" in classes:
            self._card = found["data-indicator"]
        elif "value" in classes and self._card:
            self._in_value = True
            self.cards[self._card] = ""
        elif "programme" in classes:
            self.programmes[found["data-programme"] or ""] = found
        elif "month-aid" in classes:
            self.months[found["data-month"] or ""] = found["data-amount-fen"]
        elif tag == "tr" and "child" in classes:
            self.children.append(found["data-org-id"])

    def handle_data(self, data: str) -> None:
        if self._in_value and self._card:
            self.cards[self._card] += data.strip()

    def handle_endtag(self, tag: str) -> None:
        if self._in_value:
            self._in_value, self._card = False, None


def yuan(fen: int) -> str:
    return f"{fen // 100:,}.{fen % 100:02d}"


def shown(view: dict[str, Any], key: str) -> str:
    area, name = key.split(".")
    value = view[area][name]
    return yuan(value) if name.endswith("_fen") else str(value)


async def test_browser_shows_the_api_figures(live: Live, tmp_path: Path) -> None:
    s, api = live.api.street, live.api
    token = api.token("assistance_officer", s.district)
    target = f"{PAGE}?org_id={s.s1}&period=2024H1"
    dom = AssistanceDom()
    dom.feed(headless.run(tmp_path, "--dump-dom",
                          headless.sign_in_page(tmp_path, live.base_url, token, target)).stdout)  # fmt: skip

    total = await api.json("/api/v1/statistics/assistance", "assistance_officer", s.district,
                           org_id=str(s.s1), period="2024H1")  # fmt: skip
    assert len(dom.cards) == 12
    for key, text in dom.cards.items():
        assert text == shown(total, key), key
    assert (dom.cards["aid.amount_fen"], dom.cards["visits.visits"]) == ("27,000.00", "39")
    for programme, figures in total["aid"]["by_programme"].items():
        drawn = dom.programmes[programme]
        assert drawn["data-payments"] == str(figures["payments"]), programme
        assert drawn["data-amount-fen"] == str(figures["amount_fen"]), programme
    assert list(dom.months) == [str(month) for month in range(1, 13)]
    for month, amount in dom.months.items():
        figures = await api.json("/api/v1/statistics/assistance", org_id=str(s.s1),
                                 period=f"2024-{int(month):02d}")  # fmt: skip
        assert amount == str(figures["aid"]["amount_fen"]), month
    assert dom.months["2"] == "1900000"
    assert dom.children == [str(s.a), str(s.b)]

    shot = tmp_path / "assistance.png"
    headless.run(tmp_path, f"--screenshot={shot}", "--window-size=1280,900",
                 headless.sign_in_page(tmp_path, live.base_url, token, target))  # fmt: skip
    width, _, rows = headless.decode_png(shot.read_bytes())
    counts = headless.colour_counts(rows, len(rows[0]) // width)
    festival = bytes.fromhex(PROGRAMME_COLOURS["festival_consolation"][1:])
    assert counts[festival] > 12 * 12 + 2000  # the legend swatch, then the drawn bars


async def test_sign_in_lands_on_the_assistance_page_and_roles_apply(live: Live) -> None:
    s, http = live.api.street, live.api.http
    signed = await http.post("/login", data={"token": live.api.token("assistance_officer", s.a)})
    assert (signed.status_code, signed.headers["location"]) == (303, PAGE)
    session = {"Cookie": f"{SESSION_COOKIE}={signed.cookies[SESSION_COOKIE]}"}
    own = await http.get(PAGE, params={"period": "2024H1"}, headers=session)
    assert own.status_code == 200
    assert "汉中门社区工联会" in own.text
    assert "新街口街道总工会" not in own.text
    assert (await http.get("/dashboard", headers=session)).status_code == 403
    other = await http.get(PAGE, params={"org_id": str(s.s1), "period": "2024H1"}, headers=session)
    assert other.status_code == 404
    # The page's export link works with the session cookie alone.
    export = {"org_id": str(s.a), "period": "2024H1", "format": "csv"}
    exported = await http.get("/api/v1/statistics/assistance/export", params=export,
                              headers=session)  # fmt: skip
    assert exported.status_code == 200
    assert "合计" in exported.content.decode("utf-8-sig")
    coordinator = await http.post(
        "/login", data={"token": live.api.token("training_coordinator", s.a)}
    )  # lands on the training page, not on this one
    assert coordinator.headers["location"] == "/dashboard/training"


async def test_assistance_dashboard_fits_a_phone_and_a_pc(live: Live, tmp_path: Path) -> None:
    s, api = live.api.street, live.api
    token = api.token("assistance_officer", s.district)
    target = f"{PAGE}?org_id={s.district}&period=2024"
    shots = await layout_check.check_widths(live.base_url, token, target, tmp_path)
    for shot, width in zip(shots, layout_check.WIDTHS, strict=True):
        assert headless.decode_png(shot.read_bytes())[0] == width


async def test_children_table_adds_up_and_drills_down(live: Live) -> None:
    s, api = live.api.street, live.api
    token = api.token("assistance_officer", s.district)
    page = await signed_in_page(api.http, token, PAGE, org_id=str(s.s1), period="2024H1")
    assert [(row["kind"], row["org"]) for row in page.rows] == [
        ("child", str(s.a)), ("child", str(s.b)), ("own", None), ("total", None),
    ]  # fmt: skip
    for header in ("在档户数", "帮扶人次", "走访人次"):
        adds_up(page, header)
    assert page.rows[0]["link"] == f"{PAGE}?org_id={s.a}&period=2024H1"
