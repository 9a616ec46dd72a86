"""The framework floor measured: :mod:`bench.floor_app` under the write API's load.

Same request count, connections, warm-up and body as the admissions, so the two rates of one
run compare directly: the write API's share of the floor is what the platform keeps of what
FastAPI, uvicorn and asyncpg alone allow on this machine today.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from uuid import UUID

import orjson

from bench.loadgen import build_request, run_load
from bench.server import ServiceProcess
from bench.write_api import WARM_UP_REQUESTS, WriteApiResult, person_id_number, timed_load

FLOOR_PATH = "/items"
_UNION = UUID("00000000-0000-4000-8000-000000000001")
_EMPLOYER = UUID("00000000-0000-4000-8000-000000000002")


def floor_request(index: int) -> bytes:
    """The raw request the floor app answers: an admission's body, without credentials."""
    body = {
        "name": f"王{index}",
        "id_number": person_id_number(index),
        "mobile": f"138{index:08d}",
        "household_type": "agricultural" if index % 3 == 0 else "non_agricultural",
        "employer_id": str(_EMPLOYER),
        "union_id": str(_UNION),
        "joined_on": "2024-03-01",
    }
    return build_request("POST", FLOOR_PATH, orjson.dumps(body), {})


async def measure_floor(
    env: dict[str, str], log_path: Path, port: int, requests: int, connections: int
) -> WriteApiResult:
    """Start the floor app, warm it up, time ``requests`` inserts, stop it."""
    command = [sys.executable, "-m", "bench.floor_app"]
    app = ServiceProcess(port, env, log_path, service="floor", command=command)
    await asyncio.to_thread(app.start)
    try:
        await run_load(port, lambda i: floor_request(requests + i), WARM_UP_REQUESTS, connections)
        return await timed_load(app, "floor", floor_request, requests, connections)
    finally:
        await asyncio.to_thread(app.stop)
