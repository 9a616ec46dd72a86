"""The faults: SIGKILL one of the run's own processes, keep it down a moment, start it again.

Each fault is timed from the kill: until the component serves again as seen from outside
(``back``), and until a client request sent after the kill is acknowledged (``served``).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

import asyncpg
import nats
from shared.bus import MEMBERSHIP_STREAM

from chaos.load import Load
from chaos.stack import ChaosStack, Instance

DOWN_SECONDS = 1.0
"""How long a killed process stays down: long enough for clients and peers to notice."""
BACK_TIMEOUT_SECONDS = 120.0


@dataclass(frozen=True)
class Fault:
    name: str
    kill: Callable[[], None]
    restart: Callable[[], None]
    back: Callable[[], bool]
    """Polled after the restart until it holds."""


@dataclass
class FaultRecord:
    """Seconds from the start of the load to the kill, then from the kill to each milestone."""

    name: str
    killed_at: float
    restarted: float | None = None
    back: float | None = None
    served: float | None = None


FAULT_ORDER = (
    "membership-1",
    "nats-server",
    "postgresql",
    "reporting-1",
    "assistance-1",
    "membership-2",
    "reporting-2",
    "assistance-2",
)
"""Every service instance once, nats-server and PostgreSQL once; ``--short`` takes three."""
SHORT = FAULT_ORDER[:3]


def plan_faults(stack: ChaosStack, names: tuple[str, ...]) -> list[Fault]:
    """The faults named, in the order given, skipping instances the stack does not run."""
    faults = {
        "nats-server": _nats_fault(stack),
        "postgresql": Fault(
            "postgresql",
            stack.kill_postgres,
            stack.restart_postgres,
            lambda: any(instance.ready() for instance in stack.of("membership")),
        ),
    }
    for instance in stack.instances:
        faults[instance.name] = _instance_fault(instance)
    return [faults[name] for name in names if name in faults]


def _instance_fault(instance: Instance) -> Fault:
    def restart() -> None:
        instance.start()
        instance.wait_listening()

    return Fault(instance.name, instance.kill, restart, instance.ready)


def _nats_fault(stack: ChaosStack) -> Fault:
    """Back when the relays publish again: the stream grew since the kill, or nothing waits."""
    before: list[int] = []

    def kill() -> None:
        before.append(asyncio.run(_stream_and_outbox(stack))[0])
        stack.kill_nats()

    def back() -> bool:
        try:
            last, waiting = asyncio.run(_stream_and_outbox(stack))
        except Exception:  # not answering yet is what is being waited out
            return False
        return last > before[-1] or waiting == 0

    return Fault("nats-server", kill, stack.restart_nats, back)


async def _stream_and_outbox(stack: ChaosStack) -> tuple[int, int]:
    nc = await nats.connect(stack.nats.url, allow_reconnect=False, connect_timeout=1)
    try:
        info = await nc.jetstream().stream_info(MEMBERSHIP_STREAM.name)
    finally:
        await nc.close()
    conn = await asyncpg.connect(stack.postgres.url(), timeout=2)
    try:
        waiting = await conn.fetchval(
            "SELECT count(*) FROM membership.outbox WHERE published_at IS NULL"
        )
    finally:
        await conn.close()
    return int(info.state.last_seq), int(waiting)


def strike(fault: Fault, started: float, load: Load) -> FaultRecord:
    """Kill, wait, restart and time the fault against the load's acknowledgements."""
    killed = time.monotonic()
    fault.kill()
    record = FaultRecord(fault.name, killed - started)
    time.sleep(DOWN_SECONDS)
    fault.restart()
    record.restarted = time.monotonic() - killed
    deadline = killed + BACK_TIMEOUT_SECONDS
    while not fault.back():
        if time.monotonic() > deadline:
            return record
        time.sleep(0.1)
    record.back = time.monotonic() - killed
    while (served := load.first_ack_sent_after(killed)) is None and load.active:
        if time.monotonic() > deadline:
            break
        time.sleep(0.1)
    record.served = served - killed if served is not None else None
    return record
