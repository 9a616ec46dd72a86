"""Concurrent clients admitting members (and transferring every n-th), each command with its
own ``Idempotency-Key``.

A client retries a command with the same key, alternating between the service's instances,
after a broken connection, a timeout or a 5xx, until it is acknowledged (2xx) or its patience
runs out. It acknowledges a command only on a 2xx, exactly as a real caller would. The
orchestrator releases commands in chunks (:attr:`Load.released`) so that every fault strikes
while commands are still to come.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx
from shared.http.idempotency_store import REPLAYED_HEADER

from chaos.tree import Tree, admission, transfer

REQUEST_TIMEOUT_SECONDS = 5.0
COMMAND_PATIENCE_SECONDS = 90.0
"""Longer than any outage the run causes: a command given up on is reported, never hidden."""
CONNECTION_FAILED = 0
RETRIED = frozenset({CONNECTION_FAILED, 429, 500, 502, 503, 504})


@dataclass
class Outcome:
    """What the client saw of one command in the end."""

    number: int
    status: int
    attempts: int
    member_id: str | None = None
    replayed: bool = False
    detail: str = ""

    @property
    def acknowledged(self) -> bool:
        return 200 <= self.status < 300


@dataclass
class Load:
    """``total`` admissions into ``tree`` over ``clients`` connections to ``urls``."""

    total: int
    tree: Tree
    token: str
    urls: list[str]
    clients: int = 16
    transfer_every: int = 4
    """Every n-th admitted member is then transferred to the next union (0: none)."""
    released: int = 0
    """Commands numbered below this may be sent (raised by the orchestrator)."""
    stopping: bool = False
    outcomes: dict[int, Outcome] = field(default_factory=dict)
    """The admissions, by command number."""
    transfers: dict[int, Outcome] = field(default_factory=dict)
    """The transfers that follow some admissions, by the admission's number."""
    attempts: Counter[int] = field(default_factory=Counter)
    """Every answer by status (0: no answer), retries included."""
    acks: list[tuple[float, float]] = field(default_factory=list)
    """(sent, answered) monotonic times of every acknowledged request."""
    run_id: str = field(default_factory=lambda: secrets.token_hex(4))
    _next: int = 0

    @property
    def finished(self) -> int:
        return len(self.outcomes)

    @property
    def active(self) -> bool:
        """Whether commands may still be sent (so a later acknowledgement may still come)."""
        return not self.stopping and self.finished < self.total

    def run(self) -> None:
        """Send every command (in a thread of its own: the orchestrator sleeps and blocks)."""
        asyncio.run(self._run())

    async def _run(self) -> None:
        limits = httpx.Limits(
            max_connections=self.clients * 2, max_keepalive_connections=self.clients
        )
        headers = {"Authorization": f"Bearer {self.token}"}
        async with httpx.AsyncClient(headers=headers, limits=limits) as http:
            await asyncio.gather(*(self._client(http) for _ in range(self.clients)))

    async def _client(self, http: httpx.AsyncClient) -> None:
        while self._next < self.total:
            number = self._next
            self._next += 1
            # ``released`` is raised from the orchestrator's thread: an asyncio.Event, which
            # is not thread-safe, cannot carry it.
            while number >= self.released and not self.stopping:  # noqa: ASYNC110
                await asyncio.sleep(0.05)
            if self.stopping:
                return
            key = f"chaos-{self.run_id}-{number}"
            admitted = await self._command(http, number, "", admission(self.tree, number), key)
            self.outcomes[number] = admitted
            if (
                admitted.member_id is not None
                and self.transfer_every
                and number % self.transfer_every == 0
            ):
                path = f"/{admitted.member_id}/transfer"
                body = transfer(self.tree, number)
                self.transfers[number] = await self._command(http, number, path, body, f"{key}-t")

    async def _command(
        self, http: httpx.AsyncClient, number: int, path: str, body: dict[str, Any], key: str
    ) -> Outcome:
        """Send one command under ``/api/v1/members`` until acknowledged or given up on."""
        give_up = time.monotonic() + COMMAND_PATIENCE_SECONDS
        attempt = 0
        while True:
            url = f"{self.urls[(number + attempt) % len(self.urls)]}/api/v1/members{path}"
            attempt += 1
            sent = time.monotonic()
            response = await self._attempt(http, url, body, key)
            status = CONNECTION_FAILED if response is None else response.status_code
            if response is not None and 200 <= status < 300:
                self.acks.append((sent, time.monotonic()))
                replayed = response.headers.get(REPLAYED_HEADER) is not None
                return Outcome(number, status, attempt, str(response.json()["id"]), replayed)
            if status not in RETRIED or time.monotonic() > give_up:
                detail = "no answer" if response is None else response.text[:300]
                return Outcome(number, status, attempt, detail=detail)
            await asyncio.sleep(min(1.0, 0.05 * 2 ** min(attempt, 5)))

    async def _attempt(
        self, http: httpx.AsyncClient, url: str, body: dict[str, Any], key: str
    ) -> httpx.Response | None:
        """One request; None when no answer came (refused, broken, timed out)."""
        try:
            response = await http.post(
                url, json=body, headers={"Idempotency-Key": key}, timeout=REQUEST_TIMEOUT_SECONDS
            )
        except httpx.TransportError:
            self.attempts[CONNECTION_FAILED] += 1
            return None
        self.attempts[response.status_code] += 1
        return response

    def first_ack_sent_after(self, moment: float) -> float | None:
        """When the first request sent after ``moment`` was acknowledged, if one was."""
        answered = [done for sent, done in list(self.acks) if sent >= moment]
        return min(answered) if answered else None
