"""``assistance flag-overdue``, as its CronJob runs it, reports its run to a Pushgateway."""

from __future__ import annotations

import asyncio

from assistance.entrypoints.cli import app
from shared.testing.pushgateway import StandInPushgateway
from typer.testing import CliRunner

from .bodies import household_body
from .conftest import Api, Tree
from .probes import fetch

BASE = "/api/v1/households"


async def filed_household(api: Api, tree: Tree, seq: int) -> str:
    body = household_body(seq, org_id=tree.union_a)
    officer = tree.officer(api)
    made = (await api.post(BASE, body, headers=officer, expect=201)).json()
    for action in ("submit", "file"):
        await api.post(f"{BASE}/{made['id']}/{action}", {}, headers=officer, expect=200)
    return str(made["id"])


async def test_the_command_pushes_the_files_it_flagged(
    api: Api, tree: Tree, database_url: str, pushgateway: StandInPushgateway
) -> None:
    overdue = await filed_household(api, tree, 1)
    await filed_household(api, tree, 2)
    await fetch(
        database_url,
        "UPDATE households SET last_verified_on = current_date - 400 WHERE id = $1::uuid",
        overdue,
    )
    env = {
        "ENVIRONMENT": "test",
        "DATABASE_URL": database_url,
        "PROMETHEUS_PUSHGATEWAY_URL": pushgateway.url,
    }

    result = await asyncio.to_thread(CliRunner().invoke, app, ["flag-overdue"], env=env)

    assert result.exit_code == 0, result.output
    assert "files flagged: 1" in result.output
    [push] = pushgateway.pushes
    assert push.path == "/metrics/job/assistance-flag-overdue"
    samples = push.samples()
    assert samples["unionhub_batch_last_run_items"] == ({}, 1)
    assert samples["unionhub_batch_last_run_succeeded"] == ({}, 1)
    assert "unionhub_batch_last_success_timestamp_seconds" in samples
