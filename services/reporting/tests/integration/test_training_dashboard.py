"""The training dashboard on a real server (uvicorn) in Debian's headless Chromium.

The browser signs in as a training coordinator through the login form; the figures in its DOM
are checked against the JSON API, and its screenshot for the chart colours.
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
from reporting.entrypoints.pages.session import SESSION_COOKIE
from reporting.entrypoints.pages.training_charts import PLACEMENTS_COLOUR, TRAINEES_COLOUR

from . import headless, layout_check
from .breakdown_dom import adds_up, signed_in_page
from .training_world import STATISTICS, TrainingApi, TrainingWorld, training_world

pytestmark = pytest.mark.integration
__all__ = ["training_world"]
PAGE = "/dashboard/training"


@dataclass
class Live:
    api: TrainingApi
    base_url: str


@pytest_asyncio.fixture
async def live(training_world: TrainingWorld) -> AsyncIterator[Live]:
    settings = training_world.bus.container.settings.model_copy(update={"run_consumers": False})
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    base_url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    async with httpx.AsyncClient(base_url=base_url) as http:
        await _until_started(http)
        yield Live(TrainingApi(http, training_world), base_url)
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


class TrainingDom(HTMLParser):
    """What a dumped training dashboard shows: card values and the charts' data."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: dict[str, str] = {}
        self.kinds: dict[str, str | None] = {}
        self.months: dict[str, tuple[str | None, str | None]] = {}
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
        elif "kind" in classes:
            self.kinds[found["data-kind"] or ""] = found["data-classes"]
        elif "month-training" in classes:
            self.months[found["data-month"] or ""] = (
                found["data-trainees"], found["data-placements"],
            )  # fmt: skip
        elif tag == "tr" and "child" in classes:
            self.children.append(found["data-org-id"])

    def handle_data(self, data: str) -> None:
        if self._in_value and self._card:
            self.cards[self._card] += data.strip()

    def handle_endtag(self, tag: str) -> None:
        if self._in_value:
            self._in_value, self._card = False, None


def shown(view: dict[str, Any], key: str) -> str:
    """A card's text computed from the JSON figures: counts as is, rates with a % or a dash."""
    area, name = key.split(".")
    if name.startswith("follow_up_"):
        months = int(name.rsplit("_", 1)[1])
        value = next(f["rate"] for f in view[area]["follow_ups"] if f["months"] == months)
    else:
        value = view[area][name]
    if name.endswith("rate") or name.startswith("follow_up_"):
        return "—" if value is None else f"{value}%"
    return str(value)


async def test_browser_shows_the_api_figures(live: Live, tmp_path: Path) -> None:
    s, api = live.api.street, live.api
    token = api.token("training_coordinator", s.district)
    target = f"{PAGE}?org_id={s.s1}&period=2024H1"
    dom = TrainingDom()
    dom.feed(headless.run(tmp_path, "--dump-dom",
                          headless.sign_in_page(tmp_path, live.base_url, token, target)).stdout)  # fmt: skip

    total = await api.json(STATISTICS, "training_coordinator", s.district, org_id=str(s.s1),
                           period="2024H1")  # fmt: skip
    assert len(dom.cards) == 13
    for key, text in dom.cards.items():
        assert text == shown(total, key), key
    assert (dom.cards["courses.trainees"], dom.cards["employment.fair_seekers"]) == ("12", "122")
    assert dom.cards["employment.follow_up_3"] == "50.0%"
    for kind, classes in total["courses"]["classes_by_kind"].items():
        assert dom.kinds[kind] == str(classes), kind
    assert list(dom.months) == [str(month) for month in range(1, 13)]
    for month, drawn in dom.months.items():
        figures = await api.figures(s.s1, period=f"2024-{int(month):02d}")
        expected = (str(figures["courses"]["trainees"]), str(figures["employment"]["placements"]))
        assert drawn == expected, month
    # January: CA1's six seats (pA5 withdrew in February); February: CB1's four, pA5 placed.
    assert (dom.months["1"], dom.months["2"]) == (("6", "0"), ("4", "1"))
    assert dom.children == [str(s.a), str(s.b)]

    shot = tmp_path / "training.png"
    headless.run(tmp_path, f"--screenshot={shot}", "--window-size=1280,900",
                 headless.sign_in_page(tmp_path, live.base_url, token, target))  # fmt: skip
    width, _, rows = headless.decode_png(shot.read_bytes())
    counts = headless.colour_counts(rows, len(rows[0]) // width)
    for colour in (TRAINEES_COLOUR, PLACEMENTS_COLOUR):
        assert counts[bytes.fromhex(colour[1:])] > 12 * 12 + 200, colour  # legend, then bars


async def test_sign_in_lands_on_the_training_page_and_roles_apply(live: Live) -> None:
    s, http = live.api.street, live.api.http
    signed = await http.post("/login", data={"token": live.api.token("training_coordinator", s.a)})
    assert (signed.status_code, signed.headers["location"]) == (303, PAGE)
    session = {"Cookie": f"{SESSION_COOKIE}={signed.cookies[SESSION_COOKIE]}"}
    own = await http.get(PAGE, params={"period": "2024H1"}, headers=session)
    assert own.status_code == 200
    assert "汉中门社区工联会 职工培训与就业" in own.text
    assert "石鼓路社区工联会" not in own.text
    assert (await http.get("/dashboard", headers=session)).status_code == 403
    assert (await http.get("/dashboard/assistance", headers=session)).status_code == 403
    other = await http.get(PAGE, params={"org_id": str(s.b), "period": "2024H1"}, headers=session)
    assert other.status_code == 404
    # The page's export link works with the session cookie alone.
    export = {"org_id": str(s.a), "period": "2024H1", "format": "csv", "columns": "quarters"}
    exported = await http.get(f"{STATISTICS}/export", params=export, headers=session)
    assert exported.status_code == 200
    assert exported.content.decode("utf-8-sig").splitlines()[0] == (
        "指标,2024年第一季度,2024年第二季度,合计"
    )
    cadre = await http.post("/login", data={"token": live.api.token("union_cadre", s.a)})
    assert cadre.headers["location"] == "/dashboard"
    assert (await http.get(PAGE, headers={"Cookie": f"{SESSION_COOKIE}="
                                          f"{cadre.cookies[SESSION_COOKIE]}"})).status_code == 200  # fmt: skip
    mediator = await http.post("/login", data={"token": live.api.token("mediator", s.a)})
    assert mediator.headers["location"] == "/dashboard/disputes"  # not this page


async def test_children_table_adds_up_and_drills_down(live: Live) -> None:
    s, api = live.api.street, live.api
    token = api.token("training_coordinator", s.district)
    page = await signed_in_page(api.http, token, PAGE, org_id=str(s.s1), period="2024H1")
    assert [(row["kind"], row["org"]) for row in page.rows] == [
        ("child", str(s.a)), ("child", str(s.b)), ("own", None), ("total", None),
    ]  # fmt: skip
    for header in ("培训期数", "结业人次", "实现就业"):
        adds_up(page, header)
    assert page.rows[0]["link"] == f"{PAGE}?org_id={s.a}&period=2024H1"


async def test_dashboard_fits_a_phone_and_a_pc(live: Live, tmp_path: Path) -> None:
    s, api = live.api.street, live.api
    target = f"{PAGE}?org_id={s.district}&period=2024"
    shots = await layout_check.check_widths(live.base_url, api.token("training_coordinator", s.district), target,
                                            tmp_path)  # fmt: skip
    assert [headless.decode_png(shot.read_bytes())[0] for shot in shots] == [1280, 390]
