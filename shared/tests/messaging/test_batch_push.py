"""The outbox purge, as its CronJob runs it, pushing its run to a Pushgateway stand-in.

The command is the kit's ``<service> purge`` against the real PostgreSQL of the fixtures; the
Pushgateway is a real HTTP server on a free port (``shared.testing.pushgateway``).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import asyncpg
from shared.devstack import free_port
from shared.service import ServiceDescription
from shared.settings import ServiceSettings
from shared.testing.pushgateway import StandInPushgateway
from typer.testing import CliRunner

from shared import cli


def kit_service(schema: str) -> ServiceDescription:
    return ServiceDescription(
        name="kittest",
        title="kit test",
        schema=schema,
        migrations=Path("."),
        settings=ServiceSettings,
        port=8199,
        app="kittest:create_app",
        container="kittest:build_container",
        streams=[],
    )


async def purge(schema: str, env: dict[str, str]) -> Any:
    """``kittest purge --older-than-days 30`` in a thread (the command runs its own loop)."""
    app = cli.service_cli(kit_service(schema))
    return await asyncio.to_thread(
        CliRunner().invoke, app, ["purge", "--older-than-days", "30"], env=env
    )


async def five_rows_three_purgeable(pool: asyncpg.Pool[asyncpg.Record], append: Any) -> None:
    """Three rows published 40 days ago, one published now, one not published."""
    await append(5)
    await pool.execute(
        "UPDATE outbox SET published_at = now() - interval '40 days'"
        " WHERE position IN (SELECT position FROM outbox ORDER BY position LIMIT 3)"
    )
    await pool.execute(
        "UPDATE outbox SET published_at = now()"
        " WHERE position = (SELECT max(position) FROM outbox WHERE published_at IS NULL)"
    )


async def rows_left(pool: asyncpg.Pool[asyncpg.Record]) -> int:
    return int(await pool.fetchval("SELECT count(*) FROM outbox"))


async def test_the_purge_pushes_the_rows_it_purged(
    pool: asyncpg.Pool[asyncpg.Record],
    database_url: str,
    append: Any,
    helpers: Any,
    pushgateway: StandInPushgateway,
) -> None:
    await five_rows_three_purgeable(pool, append)

    result = await purge(
        helpers.SCHEMA,
        {"DATABASE_URL": database_url, "PROMETHEUS_PUSHGATEWAY_URL": pushgateway.url},
    )

    assert result.exit_code == 0, result.output
    assert "outbox rows purged: 3" in result.output
    assert await rows_left(pool) == 2
    [push] = pushgateway.pushes
    assert (push.method, push.path) == ("POST", "/metrics/job/kittest-purge")
    samples = push.samples()
    assert samples["unionhub_batch_last_run_items"] == ({}, 3)
    assert samples["unionhub_batch_last_run_succeeded"] == ({}, 1)
    assert "unionhub_batch_last_success_timestamp_seconds" in samples
    assert samples["unionhub_batch_last_run_duration_seconds"][1] > 0


async def test_without_the_setting_the_purge_pushes_nothing(
    pool: asyncpg.Pool[asyncpg.Record],
    database_url: str,
    append: Any,
    helpers: Any,
    pushgateway: StandInPushgateway,
) -> None:
    await five_rows_three_purgeable(pool, append)

    result = await purge(helpers.SCHEMA, {"DATABASE_URL": database_url})

    assert result.exit_code == 0, result.output
    assert await rows_left(pool) == 2
    assert pushgateway.pushes == []


async def test_a_refused_or_unreachable_pushgateway_does_not_fail_the_purge(
    pool: asyncpg.Pool[asyncpg.Record],
    database_url: str,
    append: Any,
    helpers: Any,
    pushgateway: StandInPushgateway,
) -> None:
    await five_rows_three_purgeable(pool, append)
    pushgateway.status = 503

    refused = await purge(
        helpers.SCHEMA,
        {"DATABASE_URL": database_url, "PROMETHEUS_PUSHGATEWAY_URL": pushgateway.url},
    )
    unreachable = await purge(
        helpers.SCHEMA,
        {
            "DATABASE_URL": database_url,
            "PROMETHEUS_PUSHGATEWAY_URL": f"http://127.0.0.1:{free_port()}",
        },
    )

    assert refused.exit_code == 0, refused.output
    assert "outbox rows purged: 3" in refused.output
    assert unreachable.exit_code == 0, unreachable.output
    assert "outbox rows purged: 0" in unreachable.output
    assert await rows_left(pool) == 2
    assert len(pushgateway.pushes) == 1, "the refused push did reach the server"


async def test_a_purge_that_fails_pushes_its_failure_and_still_fails(
    helpers: Any, pushgateway: StandInPushgateway
) -> None:
    nowhere = f"postgresql://unionhub@127.0.0.1:{free_port()}/unionhub"

    result = await purge(
        helpers.SCHEMA, {"DATABASE_URL": nowhere, "PROMETHEUS_PUSHGATEWAY_URL": pushgateway.url}
    )

    assert result.exit_code != 0
    assert isinstance(result.exception, OSError)
    [push] = pushgateway.pushes
    samples = push.samples()
    assert samples["unionhub_batch_last_run_succeeded"] == ({}, 0)
    assert samples["unionhub_batch_last_run_items"] == ({}, 0)
    assert "unionhub_batch_last_failure_timestamp_seconds" in samples
    assert "unionhub_batch_last_success_timestamp_seconds" not in samples
