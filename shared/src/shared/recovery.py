"""Recovery after a lost stream, for any service: what ``<service> recover`` does.

When the NATS store was lost, the events already published are gone from the streams, yet the
publishing services keep every published row in their outbox for ``outbox_retention_days``:
the outbox, not the broker, is the system of record. Recovery therefore

1. provisions the service's streams and durable consumers again;
2. for a publishing service, marks its kept outbox rows unpublished (all of them, or those
   from a given position on) and publishes them itself, beside any relay already running;
3. for a consuming service, moves each consumer's tracked position onto the new stream;
4. waits until its outbox is drained and every consumer has caught up (nothing pending).

Every step is safe to repeat: JetStream drops copies inside its duplicate window and each
consumer's inbox skips the events it applied before. Run the publishers first, so that the
consumers find their streams whole again.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator

import asyncpg
from nats.aio.client import Client as NatsClient
from nats.errors import Error as NatsError
from nats.js.client import JetStreamContext

from shared.bus import connect_nats, provision
from shared.bus.streamloss import reset_position
from shared.db import create_pool
from shared.outbox import OutboxPublishError, OutboxRelay
from shared.outbox.maintenance import outbox_backlog, republish
from shared.service import ServiceDescription
from shared.settings import ServiceSettings

CONNECT_SECONDS = 10.0
POLL_SECONDS = 0.2
Say = Callable[[str], None]


class RecoveryFailed(Exception):
    """Recovery could not finish; the message says why, Chinese first, then English."""


async def recover(
    service: ServiceDescription,
    settings: ServiceSettings,
    *,
    since_position: int | None = None,
    within: float = 300.0,
    say: Say = print,
) -> None:
    """Recover ``service`` from a lost stream (see the module docstring).

    Args:
        service: the service's description (schema, streams, consumers, whether it publishes).
        settings: its settings (database, NATS, stream replicas).
        since_position: re-publish the outbox from this position on; all kept rows if None.
        within: seconds to wait for the outbox and the consumers to catch up.
        say: where progress is reported, one line at a time.

    Raises:
        RecoveryFailed: PostgreSQL or NATS could not be reached, or the service did not
            catch up ``within`` seconds.
    """
    pool, nc = await _connect(service, settings)
    try:
        with _reported_as_failure():
            await _restore(service, settings, pool, nc.jetstream(), since_position, say)
            await _catch_up(service, pool, nc.jetstream(), within, say)
    finally:
        await nc.close()
        await pool.close()
    say(f"{service.name} 恢复完成 (recovered)")


async def _restore(
    service: ServiceDescription,
    settings: ServiceSettings,
    pool: asyncpg.Pool[asyncpg.Record],
    js: JetStreamContext,
    since_position: int | None,
    say: Say,
) -> None:
    """Provision, queue the outbox for re-publishing, move the positions onto the new streams."""
    replicas = settings.nats_stream_replicas
    await provision(js, service.streams, service.consumers, replicas=replicas)
    say(f"已重建流与持久消费者 (streams and consumers provisioned): {_names(service)}")
    if service.publishes:
        async with pool.acquire() as conn:
            queued = await republish(conn, since_position=since_position or 0)
        say(f"发件箱待重新发布 {queued} 条 (outbox rows queued for re-publishing)")
    for spec in service.consumers:
        async with pool.acquire() as conn:
            position = await reset_position(conn, js, spec)
        say(f"{spec.durable}: 跟踪位置重置为 {position} (tracked position reset)")


@contextlib.contextmanager
def _reported_as_failure() -> Iterator[None]:
    """A server failing half-way ends recovery with a message, not a traceback."""
    try:
        yield
    except (NatsError, asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as error:
        raise RecoveryFailed(
            f"NATS 或 PostgreSQL 出错，可再次执行 recover (NATS or PostgreSQL failed; recover"
            f" may be run again): {error!r}"
        ) from error


async def _connect(
    service: ServiceDescription, settings: ServiceSettings
) -> tuple[asyncpg.Pool[asyncpg.Record], NatsClient]:
    try:
        pool = await asyncio.wait_for(
            create_pool(settings.database_url, service.schema, min_size=1, max_size=2),
            CONNECT_SECONDS,
        )
    except (OSError, TimeoutError, asyncpg.PostgresError) as error:
        raise RecoveryFailed(f"无法连接 PostgreSQL (cannot reach PostgreSQL): {error!r}") from error
    try:
        nc = await asyncio.wait_for(
            connect_nats(settings.nats_servers, name=f"{service.name}-recover"), CONNECT_SECONDS
        )
    except (OSError, TimeoutError) as error:
        await pool.close()
        raise RecoveryFailed(f"无法连接 NATS (cannot reach NATS): {error!r}") from error
    return pool, nc


async def _catch_up(
    service: ServiceDescription,
    pool: asyncpg.Pool[asyncpg.Record],
    js: JetStreamContext,
    within: float,
    say: Say,
) -> None:
    """Publish the outbox and wait for the consumers until nothing is left, or fail."""
    relay = OutboxRelay(pool, service.schema, js) if service.publishes else None
    deadline = asyncio.get_running_loop().time() + within
    last_line = ""
    while True:
        left = await _left(pool, js, service, relay)
        line = "; ".join(f"{name} {count}" for name, count in left.items())
        if line != last_line:
            say(f"待处理 (left): {line}")
            last_line = line
        if not any(left.values()):
            return
        if asyncio.get_running_loop().time() > deadline:
            raise RecoveryFailed(
                f"{within:g} 秒内未追上，消费者是否在运行？(not caught up within {within:g} s;"
                f" is `{service.name} serve` or `{service.name} consume` running?): {line}"
            )
        await asyncio.sleep(POLL_SECONDS)


async def _left(
    pool: asyncpg.Pool[asyncpg.Record],
    js: JetStreamContext,
    service: ServiceDescription,
    relay: OutboxRelay | None,
) -> dict[str, int]:
    """What is still to do: the outbox backlog and each consumer's unapplied messages."""
    left: dict[str, int] = {}
    if relay is not None:
        # Rows another relay holds are skipped here and counted in the backlog until it is done.
        with contextlib.suppress(OutboxPublishError):
            while await relay.publish_pending() > 0:
                pass
        async with pool.acquire() as conn:
            left["outbox"] = await outbox_backlog(conn)
    for spec in service.consumers:
        info = await js.consumer_info(spec.stream, spec.durable)
        left[spec.durable] = (info.num_pending or 0) + (info.num_ack_pending or 0)
    return left


def _names(service: ServiceDescription) -> str:
    streams = ", ".join(stream.name for stream in service.streams)
    consumers = ", ".join(spec.durable for spec in service.consumers) or "-"
    return f"{streams}; {consumers}"
