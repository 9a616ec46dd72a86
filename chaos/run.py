"""One chaos run: start the stack, plant the tree, load and strike, wait for quiet, count.

The load is released in chunks, one more per fault, and each fault strikes once half of the
chunk before it is done, so every fault hits while commands are still being sent and none
waits for a load that has already finished.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from chaos.audit import count_everywhere, wait_quiet
from chaos.faults import FAULT_ORDER, FaultRecord, plan_faults, strike
from chaos.load import Load
from chaos.stack import ChaosStack
from chaos.tally import Place
from chaos.tree import Tree, admin_token, plant_tree

QUIET_TIMEOUT_SECONDS = 180.0
Say = Callable[[str], None]


@dataclass(frozen=True)
class Plan:
    commands: int = 3000
    seconds: float = 900.0
    """The cap, from the start, on starting the stack, the load and the faults; the wait for
    quiet (at most ``QUIET_TIMEOUT_SECONDS``) and the count come after."""
    clients: int = 16
    faults: tuple[str, ...] = FAULT_ORDER
    """The processes to kill, in this order (none: the load alone)."""
    transfer_every: int = 4
    """Every n-th admitted member is then transferred (0: none)."""
    instances: Mapping[str, int] = field(default_factory=dict)
    """Instances of a service when not two (one at least)."""
    keep: bool = False
    """Keep the temporary folder (data and logs) to look into afterwards."""


@dataclass
class Result:
    plan: Plan
    load: Load
    faults: list[FaultRecord]
    places: list[Place]
    quiet_after: float | None
    elapsed: float
    kept: Path | None

    @property
    def lost(self) -> int:
        return sum(place.lost for place in self.places)

    @property
    def duplicated(self) -> int:
        return sum(place.duplicated + place.extra for place in self.places)

    @property
    def passed(self) -> bool:
        return self.lost == 0 and self.duplicated == 0 and self.quiet_after is not None


def run_chaos(plan: Plan, say: Say) -> Result:
    """Run the plan on a stack of its own, stopped and removed (unless kept) whatever happens."""
    started = time.monotonic()
    stack = ChaosStack.create()
    try:
        say(f"starting PostgreSQL, nats-server and the service instances under {stack.root}")
        stack.start(plan.instances)
        token = admin_token(stack.postgres.url(), stack.nats.url)
        tree = asyncio.run(_plant(stack.of("membership")[0].url, token))
        urls = [instance.url for instance in stack.of("membership")]
        load = Load(plan.commands, tree, token, urls, plan.clients, plan.transfer_every)
        say(f"sending {plan.commands} admissions from {plan.clients} clients while striking")
        records = _drive(load, stack, plan, say, started + plan.seconds)
        acked = sum(outcome.acknowledged for outcome in load.outcomes.values())
        say(f"{acked} admissions acknowledged; waiting for the pipeline to be quiet")
        quiet = asyncio.run(wait_quiet(stack.postgres.url(), stack.nats.url, QUIET_TIMEOUT_SECONDS))
        reporting = stack.of("reporting")[0].url
        places = asyncio.run(
            count_everywhere(stack.postgres.url(), stack.nats.url, reporting, token, tree, load)
        )
        elapsed = time.monotonic() - started
        return Result(
            plan, load, records, places, quiet, elapsed, stack.root if plan.keep else None
        )
    finally:
        stack.stop(keep=plan.keep)


async def _plant(url: str, token: str) -> Tree:
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as client:
        return await plant_tree(client)


def _drive(
    load: Load, stack: ChaosStack, plan: Plan, say: Say, deadline: float
) -> list[FaultRecord]:
    """Run the load in a thread and strike each fault in turn; return when the load is done."""
    faults = plan_faults(stack, plan.faults)
    chunk = max(1, load.total // (len(faults) + 1))
    load.released = chunk
    thread = threading.Thread(target=load.run, name="chaos-load", daemon=True)
    load_started = time.monotonic()
    thread.start()
    records: list[FaultRecord] = []
    for index, fault in enumerate(faults):
        threshold = int((index + 0.5) * chunk)
        while load.finished < threshold and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        if time.monotonic() >= deadline or not thread.is_alive():
            break
        load.released = min(load.total, (index + 2) * chunk)
        records.append(strike(fault, load_started, load))
        say(_line(records[-1]))
    load.released = load.total
    while thread.is_alive() and time.monotonic() < deadline:
        thread.join(0.5)
    load.stopping = True  # past the cap: commands in hand finish, no new one starts
    thread.join()
    return records


def _line(record: FaultRecord) -> str:
    def seconds(value: float | None) -> str:
        return "never" if value is None else f"{value:.1f}s"

    return (
        f"killed {record.name} at {record.killed_at:.1f}s: restarted {seconds(record.restarted)},"
        f" back {seconds(record.back)}, clients served {seconds(record.served)} after the kill"
    )
