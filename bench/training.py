"""The training service under load, as its own process on one worker: enrolment commands
(requests/s over 32 connections, spread over 20 classes of one street, each enrolment locking
its class's row) and an attendance import (rows/s of a sign-in sheet, upload → completed).

The organisation replica is written straight into the tables (it comes from membership's
events in the real flow); classes are opened through the API; the 5,000 people seated in the
imported class are written straight into the tables, sealed and indexed with the service's
own keys, so the import finds them as it would after 5,000 enrolments.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import asyncpg
import httpx
import orjson
from shared.auth import issue_token
from shared.identifiers import make_id_number
from shared.pii import PiiCipher
from training.config import MIGRATIONS_DIR, SCHEMA, TrainingSettings

from bench.loadgen import build_request, run_load
from bench.server import ServiceProcess
from bench.write_api import WriteApiResult, timed_load

CLASSES = 20
IMPORT_TIMEOUT_SECONDS = 300.0
MARKS = ("出勤", "出勤", "出勤", "迟到", "请假", "缺勤")


@dataclass(frozen=True)
class AttendanceImportResult:
    rows: int
    imported: int
    failed: int
    elapsed_seconds: float
    rows_per_second: float


@dataclass(frozen=True)
class TrainingResult:
    enrolments: WriteApiResult
    attendance_import: AttendanceImportResult


def person_id(index: int) -> str:
    born = date(1965, 1, 1) + timedelta(days=index // 100)
    return make_id_number("320104", born, index % 100, "female" if index % 2 else "male")


async def seed_replica(dsn: str) -> str:
    """City → street, straight into the replica; the street's id."""
    city, street = uuid.uuid4(), uuid.uuid4()
    conn = await asyncpg.connect(dsn, server_settings={"search_path": SCHEMA})
    try:
        for org_id, parent, kind, path in (
            (city, None, "city_federation", f"/{city}/"),
            (street, city, "street_federation", f"/{city}/{street}/"),
        ):
            await conn.execute(
                "INSERT INTO org_replica (id, parent_id, kind, name, path, version)"
                " VALUES ($1, $2, $3, $4, $5, 1)",
                org_id, parent, kind, f"bench {kind}", path,
            )  # fmt: skip
    finally:
        await conn.close()
    return str(street)


def headers_for(settings: TrainingSettings, street: str) -> dict[str, str]:
    token = issue_token(settings, subject="bench-coordinator", roles=["training_coordinator"],
                        org_id=street)  # fmt: skip
    return {"Authorization": f"Bearer {token}"}


async def open_classes(client: httpx.AsyncClient, street: str, count: int) -> list[str]:
    made = []
    for n in range(count):
        body = {
            "org_id": street, "title": f"叉车司机培训第{n + 1}期", "kind": "skills",
            "provider": "职工技能培训中心", "venue": "培训基地", "starts_on": "2026-03-02",
            "ends_on": "2026-03-27", "sessions_planned": 8, "capacity": 10_000,
            "target_groups": ["migrant"],
        }  # fmt: skip
        response = await client.post("/api/v1/classes", json=body)
        response.raise_for_status()
        made.append(str(response.json()["id"]))
    return made


async def measure_enrolments(
    service: ServiceProcess, classes: list[str], headers: dict[str, str], requests: int,
    connections: int,
) -> WriteApiResult:  # fmt: skip
    """``requests`` enrolments of distinct people, round robin over the classes."""

    def enrol(i: int) -> bytes:
        person = {"name": f"王{i}", "id_number": person_id(i), "phone": f"136{i:08d}"}
        path = f"/api/v1/classes/{classes[i % len(classes)]}/enrolments"
        return build_request("POST", path, orjson.dumps({"person": person}), headers)

    await run_load(service.port, lambda i: enrol(requests + i), 200, connections)  # warm up
    return await timed_load(service, "training_enrol", enrol, requests, connections)


async def seat_people(dsn: str, class_id: str, rows: int, cipher: PiiCipher) -> None:
    """``rows`` people seated in the class, as enrolments would have left them."""
    people = [(uuid.uuid4(), 1_000_000 + n) for n in range(rows)]
    conn = await asyncpg.connect(dsn, server_settings={"search_path": SCHEMA})
    try:
        org_id = await conn.fetchval(
            "SELECT org_id FROM classes WHERE id = $1", uuid.UUID(class_id)
        )
        await conn.executemany(
            "INSERT INTO people (id, id_index, id_cipher, name_cipher) VALUES ($1, $2, $3, $4)",
            [(p, cipher.blind_index(person_id(n)), cipher.encrypt(person_id(n)),
              cipher.encrypt(f"李{n}")) for p, n in people],
        )  # fmt: skip
        await conn.executemany(
            "INSERT INTO enrolments (id, class_id, org_id, person_id, status, enrolled_on, version)"
            " VALUES ($1, $2, $3, $4, 'enrolled', current_date, 1)",
            [(uuid.uuid4(), uuid.UUID(class_id), org_id, p) for p, _ in people],
        )
        await conn.execute("UPDATE classes SET seats_taken = $2 WHERE id = $1",
                           uuid.UUID(class_id), rows)  # fmt: skip
    finally:
        await conn.close()


def sign_in_sheet(rows: int) -> bytes:
    lines = ["姓名,身份证号,考勤"]
    lines += [f"李{n},{person_id(1_000_000 + n)},{MARKS[n % len(MARKS)]}" for n in range(rows)]
    return "\n".join(lines).encode("utf-8")


async def measure_import(
    client: httpx.AsyncClient, class_id: str, rows: int
) -> AttendanceImportResult:
    """Upload a sheet of ``rows`` seated people and wait for the job to complete."""
    content = sign_in_sheet(rows)
    started = time.perf_counter()
    response = await client.post(
        f"/api/v1/classes/{class_id}/attendance-imports",
        files={"file": ("签到表.csv", content, "text/csv")}, data={"session_no": "1"},
    )  # fmt: skip
    if response.status_code != 202:
        raise RuntimeError(f"upload answered {response.status_code}: {response.text[:500]}")
    job = await _finished(client, f"/api/v1/attendance-imports/{response.json()['id']}")
    elapsed = time.perf_counter() - started
    if job["status"] != "completed":
        raise RuntimeError(f"the import ended {job['status']}: {str(job)[:500]}")
    imported = int(job["imported_rows"])
    return AttendanceImportResult(
        rows, imported, int(job["failed_rows"]), elapsed, imported / elapsed
    )


async def _finished(client: httpx.AsyncClient, location: str) -> dict[str, Any]:
    deadline = time.monotonic() + IMPORT_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        job: dict[str, Any] = (await client.get(location)).json()
        if job.get("status") in ("completed", "failed"):
            return job
        await asyncio.sleep(0.1)
    raise RuntimeError("the attendance import did not finish in time")


def training_note(r: TrainingResult | None, error: str) -> tuple[str, str]:
    """The notes of the two figures."""
    if r is None:
        return error, error
    e, i = r.enrolments, r.attendance_import
    enrol = (f"{e.requests:,} × POST …/enrolments over {CLASSES} classes, one uvicorn worker; "
             f"p50 {e.p50_ms:.1f} ms, p99 {e.p99_ms:.1f} ms; statuses {e.statuses}")  # fmt: skip
    sheet = f"{i.rows:,}-row CSV sign-in sheet, upload → completed in {i.elapsed_seconds:.1f} s"
    return enrol, sheet


async def measure_training(
    root: Any, dsn: str, env: dict[str, str], enrolments: int, rows: int, connections: int
) -> TrainingResult:
    """Migrate, seed, start ``training serve``, measure both figures, stop it."""
    from shared.devstack import free_port
    from shared.migrations import migrate

    await migrate(dsn, SCHEMA, MIGRATIONS_DIR)
    street = await seed_replica(dsn)
    settings = TrainingSettings(environment="dev", database_url=dsn)
    headers = headers_for(settings, street)
    service = ServiceProcess(free_port(), env, root / "training.log", service="training")
    await asyncio.to_thread(service.start)
    try:
        async with httpx.AsyncClient(
            base_url=service.base_url, headers=headers, timeout=60
        ) as client:
            classes = await open_classes(client, street, CLASSES + 1)
            enrolled = await measure_enrolments(service, classes[:CLASSES], headers, enrolments,
                                                connections)  # fmt: skip
            await seat_people(dsn, classes[-1], rows, PiiCipher.from_settings(settings))
            imported = await measure_import(client, classes[-1], rows)
    finally:
        await asyncio.to_thread(service.stop)
    return TrainingResult(enrolled, imported)
