"""The tamper-evident history: edited, reordered and deleted entries are each caught, by the
auditors' endpoint and by ``disputes verify``."""

from __future__ import annotations

import asyncio
import itertools
import os
import sys
from typing import Any

import asyncpg

from .conftest import Api, World
from .flow import mediating, settle


async def _settled_case(api: Api, world: World) -> str:
    case = await mediating(api, world)
    await settle(api, case["id"])
    return str(case["id"])


async def _verification(api: Api, world: World) -> dict[str, Any]:
    response = await api.get(
        "/api/v1/audit/history-verification", headers=api.token("auditor", world.city), expect=200
    )
    return dict(response.json())


async def _sql(database_url: str, statement: str, *args: object) -> None:
    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute("SET search_path TO disputes")
        await conn.execute(statement, *args)
    finally:
        await conn.close()


async def _verify_cli(database_url: str, nats_url: str) -> tuple[int, str]:
    env = {**os.environ, "ENVIRONMENT": "test", "DATABASE_URL": database_url, "NATS_URL": nats_url}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "disputes.entrypoints.cli",
        "verify",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    assert process.returncode is not None
    return process.returncode, output.decode()


async def test_intact_history_verifies(
    api: Api, world: World, database_url: str, nats_url: str
) -> None:
    case_id = await _settled_case(api, world)
    history = (await api.get(f"/api/v1/cases/{case_id}/history", expect=200)).json()
    assert [e["action"] for e in history] == [
        "CaseReceived",
        "CaseAccepted",
        "MediatorAssigned",
        "SessionScheduled",
        "SessionHeld",
        "CaseSettled",
    ]
    assert history[0]["prev_hash"] == "0" * 64
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(history))
    assert history[0]["actor"] == "city_admin-city"
    assert (await _verification(api, world)) == {"cases_checked": 1, "intact": True, "broken": []}
    status, output = await _verify_cli(database_url, nats_url)
    assert status == 0, output
    assert "cases checked: 1, broken chains: 0" in output


async def test_an_edited_entry_is_caught(
    api: Api, world: World, database_url: str, nats_url: str
) -> None:
    case_id = await _settled_case(api, world)
    await _settled_case(api, world)
    await _sql(
        database_url,
        "UPDATE case_history SET payload = jsonb_set(payload,"
        " '{agreed_fen}', '1') WHERE case_id = $1 AND action = 'CaseSettled'",
        _uuid(case_id),
    )
    result = await _verification(api, world)
    assert result["intact"] is False
    assert result["cases_checked"] == 2
    assert [(b["case_id"], b["seq"]) for b in result["broken"]] == [(case_id, 6)]
    assert "篡改" in result["broken"][0]["reason"]
    status, output = await _verify_cli(database_url, nats_url)
    assert status == 1
    assert f"案件 {case_id}: 第6条" in output


async def test_a_reordered_entry_is_caught(api: Api, world: World, database_url: str) -> None:
    case_id = await _settled_case(api, world)
    await _sql(
        database_url,
        "UPDATE case_history SET seq = -seq WHERE case_id = $1 AND seq IN (2, 3)",
        _uuid(case_id),
    )
    await _sql(
        database_url,
        "UPDATE case_history SET seq = CASE seq WHEN -2 THEN 3 ELSE 2 END"
        " WHERE case_id = $1 AND seq < 0",
        _uuid(case_id),
    )
    result = await _verification(api, world)
    assert [(b["case_id"], b["seq"]) for b in result["broken"]] == [(case_id, 2)]


async def test_a_deleted_entry_is_caught(api: Api, world: World, database_url: str) -> None:
    case_id = await _settled_case(api, world)
    await _sql(
        database_url, "DELETE FROM case_history WHERE case_id = $1 AND seq = 4", _uuid(case_id)
    )
    result = await _verification(api, world)
    assert [(b["case_id"], b["seq"]) for b in result["broken"]] == [(case_id, 4)]
    assert "缺失" in result["broken"][0]["reason"]


async def test_the_newest_entry_deleted_is_caught(
    api: Api, world: World, database_url: str
) -> None:
    case_id = await _settled_case(api, world)
    await _sql(
        database_url, "DELETE FROM case_history WHERE case_id = $1 AND seq = 6", _uuid(case_id)
    )
    result = await _verification(api, world)
    assert [(b["case_id"], b["seq"]) for b in result["broken"]] == [(case_id, 6)]


def _uuid(value: str) -> Any:
    import uuid

    return uuid.UUID(value)
