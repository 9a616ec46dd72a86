"""``disputes mark-overdue``, as its CronJob runs it, reports its run to a Pushgateway."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from disputes.entrypoints.cli import app
from shared.testing.pushgateway import StandInPushgateway
from typer.testing import CliRunner

from .conftest import Api, World
from .flow import TODAY, receive, step


async def test_the_command_pushes_the_cases_it_marked(
    api: Api, world: World, pushgateway: StandInPushgateway
) -> None:
    long_ago = (TODAY - timedelta(days=20)).isoformat()
    case = await receive(api, world, received_on=long_ago)
    await step(api, case["id"], "accept", {"accepted_on": long_ago})
    env = {
        "ENVIRONMENT": "test",
        "DATABASE_URL": api.settings.database_url,
        "PROMETHEUS_PUSHGATEWAY_URL": pushgateway.url,
    }

    result = await asyncio.to_thread(CliRunner().invoke, app, ["mark-overdue"], env=env)

    assert result.exit_code == 0, result.output
    assert "cases marked overdue: 1" in result.output
    [push] = pushgateway.pushes
    assert push.path == "/metrics/job/disputes-mark-overdue"
    samples = push.samples()
    assert samples["unionhub_batch_last_run_items"] == ({}, 1)
    assert samples["unionhub_batch_last_run_succeeded"] == ({}, 1)
    assert "unionhub_batch_last_success_timestamp_seconds" in samples
