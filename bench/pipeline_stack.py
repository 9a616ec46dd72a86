"""The moving parts of the event pipeline: the membership relay and the reporting consumer.

Both run as the operator runs them, ``membership relay`` and ``reporting consume``, each in
a process of its own; the bench only writes outbox rows and reads what was applied. The
organisations and employers the measured admissions refer to are founded through the same
outbox first, so every admission lands in a tree the read models know.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import asyncpg
import nats
from membership.config import SCHEMA as MEMBERSHIP_SCHEMA
from membership.config import SERVICE_NAME as MEMBERSHIP_SERVICE
from reporting.adapters.projections.projected_streams import PROJECTED_STREAMS
from reporting.config import MEMBERSHIP_CONSUMER, MIGRATIONS_DIR
from reporting.config import SCHEMA as REPORTING_SCHEMA
from shared.bus import DEAD_LETTER_STREAM, MEMBERSHIP_STREAM, SERVICE_STREAMS, provision
from shared.contracts import membership as contracts
from shared.identifiers import make_uscc
from shared.migrations import migrate
from shared.outbox import PendingEvent, append_to_outbox

SERVICE_STREAMS_BY_NAME = {stream.name: stream for stream in SERVICE_STREAMS.values()}
STOP_TIMEOUT_SECONDS = 15.0
CATCH_UP_TIMEOUT_SECONDS = 120.0
GRASSROOTS_UNIONS = 20
FOUNDED_ON = date(2020, 1, 1)


@dataclass
class Daemon:
    """A console script of the virtualenv running until :meth:`stop`, its output in a log."""

    command: list[str]
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def start(self) -> None:
        executable = str(Path(sys.executable).parent / self.command[0])
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own entry point
                [executable, *self.command[1:]],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def check_alive(self) -> None:
        if self.process is not None and self.process.poll() is not None:
            tail = self.log_path.read_text(encoding="utf-8", errors="replace")[-2_000:]
            raise RuntimeError(f"{' '.join(self.command)} exited: {tail}")


@dataclass(frozen=True)
class Tree:
    """The grassroots unions and employers admissions are written for."""

    unions: list[uuid.UUID]
    employers: list[uuid.UUID]


async def prepare_reporting(dsn: str, nats_url: str) -> None:
    """Reporting's schema, streams and durable consumers, as ``reporting migrate`` and
    ``provision`` do: one per stream the read models are built from."""
    await migrate(dsn, REPORTING_SCHEMA, MIGRATIONS_DIR)
    consumers = [stream.consumer for stream in PROJECTED_STREAMS]
    streams = [SERVICE_STREAMS_BY_NAME[consumer.stream] for consumer in consumers]
    nc = await nats.connect(nats_url, name="bench-reporting-provision")
    try:
        await provision(nc.jetstream(), [*streams, DEAD_LETTER_STREAM], consumers)
    finally:
        await nc.close()


async def stream_last_seq(nats_url: str) -> int:
    nc = await nats.connect(nats_url, name="bench-stream-info")
    try:
        return int((await nc.jetstream().stream_info(MEMBERSHIP_STREAM.name)).state.last_seq)
    finally:
        await nc.close()


async def wait_until_consumed(
    conn: asyncpg.Connection[asyncpg.Record], nats_url: str, watched: list[Daemon]
) -> None:
    """Block until the outbox is published and the consumer has applied the stream's end."""
    deadline = time.monotonic() + CATCH_UP_TIMEOUT_SECONDS
    while True:
        for daemon in watched:
            daemon.check_alive()
        waiting = await conn.fetchval(
            f'SELECT count(*) FROM "{MEMBERSHIP_SCHEMA}".outbox WHERE published_at IS NULL'
        )
        applied = await conn.fetchval(
            f'SELECT last_seq FROM "{REPORTING_SCHEMA}".consumer_tracking WHERE consumer = $1',
            MEMBERSHIP_CONSUMER.durable,
        )
        if not waiting and (applied or 0) >= await stream_last_seq(nats_url):
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"consumer not caught up after {CATCH_UP_TIMEOUT_SECONDS:.0f}s")
        await asyncio.sleep(0.2)


def _founded(org_id: uuid.UUID, parent: uuid.UUID | None, kind: str, name: str) -> PendingEvent:
    event = contracts.UnionFounded(
        org_id=org_id, occurred_on=FOUNDED_ON, parent_id=parent, kind=kind,
        grassroots_mode="single" if kind == "grassroots_union" else None, name=name,
    )  # fmt: skip
    return PendingEvent(event=event, aggregate_id=str(org_id), aggregate_version=1)


def _employer_events(
    employer: uuid.UUID, territory: uuid.UUID, union: uuid.UUID
) -> list[PendingEvent]:
    at = {"org_id": territory, "occurred_on": FOUNDED_ON, "employer_id": employer}
    uscc = make_uscc(f"91320100MA{employer.int % 10**7:07d}")
    events: list[contracts.MembershipEvent] = [
        contracts.EmployerRegistered.model_validate(
            {
                **at,
                "uscc": uscc,
                "registration_type": "173",
                "ownership_class": "private",
                "industry": "制造业",
            }
        ),
        contracts.EmployerCensusUpdated.model_validate(
            {**at, "workers": 2_000, "women": 900, "migrant_workers": 600}
        ),
        contracts.EmployerCoverageChanged.model_validate(
            {**at, "covered_by_union_id": union, "coverage_mode": "single"}
        ),
    ]
    return [PendingEvent(e, str(employer), version) for version, e in enumerate(events, 1)]


async def found_tree(conn: asyncpg.Connection[asyncpg.Record]) -> Tree:
    """City → district → street → community → grassroots unions, one employer each."""
    parent: uuid.UUID | None = None
    events: list[PendingEvent] = []
    for kind, name in (
        ("city_federation", "南京市总工会"),
        ("district_federation", "玄武区总工会"),
        ("street_federation", "新街口街道总工会"),
        ("community_federation", "汉中门社区工联会"),
    ):
        org = uuid.uuid4()
        events.append(_founded(org, parent, kind, name))
        parent = org
    assert parent is not None
    tree = Tree([uuid.uuid4() for _ in range(GRASSROOTS_UNIONS)], [])
    for index, union in enumerate(tree.unions):
        events.append(_founded(union, parent, "grassroots_union", f"第{index}公司工会"))
        employer = uuid.uuid4()
        tree.employers.append(employer)
        events.extend(_employer_events(employer, parent, union))
    async with conn.transaction():
        await append_to_outbox(conn, MEMBERSHIP_SERVICE, events)
    return tree
