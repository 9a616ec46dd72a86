"""Roster import throughput: a 花名册 CSV uploaded, timed until the job reports completion.

The upload answers 202 with a job; the import runs in the service's background and the job's
``GET`` tells its progress. The clock runs from the upload until the job is ``completed``.
"""

from __future__ import annotations

import asyncio
import csv
import io
import time
from dataclasses import dataclass
from typing import Any

import httpx

from bench.write_api import Seeded, person_id_number

ROSTER_PATH = "/api/v1/roster-imports"
ROSTER_REGION = "320104"  # not the admissions' region, so nobody is a member already
HEADERS = ("姓名", "身份证号", "手机号", "户口性质", "入会日期")
FINISHED = ("completed", "completed_with_errors", "failed")
POLL_SECONDS = 0.02  # the figure is late by at most one poll
TIMEOUT_SECONDS = 120.0


class RosterImportFailed(RuntimeError):
    """The upload was refused, the job failed, or it did not finish in time."""


@dataclass(frozen=True)
class RosterResult:
    rows: int
    imported: int
    failed: int
    elapsed_seconds: float
    members_per_second: float
    server_cpu_us_per_row: float | None = None  # user+system CPU of the service, per row read


def roster_csv(rows: int) -> bytes:
    """A UTF-8 staff list of ``rows`` valid people with the template's Chinese headers."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for index in range(rows):
        writer.writerow(
            (
                f"李{index}",
                person_id_number(index, ROSTER_REGION),
                f"139{index:08d}",
                "农业" if index % 3 == 0 else "非农业",
                "2024-03-01",
            )
        )
    return out.getvalue().encode("utf-8")


async def roster_import_available(client: httpx.AsyncClient) -> bool:
    """Whether the service publishes the roster import in its OpenAPI document."""
    response = await client.get("/openapi.json")
    response.raise_for_status()
    return ROSTER_PATH in response.json().get("paths", {})


async def measure_roster_import(
    client: httpx.AsyncClient, seeded: Seeded, rows: int
) -> RosterResult:
    """Upload a roster of ``rows`` people and wait for the job to complete.

    Raises:
        RosterImportFailed: refused upload, failed job, or no completion within two minutes.
    """
    content = roster_csv(rows)
    started = time.perf_counter()
    response = await client.post(
        ROSTER_PATH,
        files={"file": ("花名册.csv", content, "text/csv")},
        data={"union_id": seeded.union_id, "employer_id": seeded.employer_id},
    )
    if response.status_code != 202:
        raise RosterImportFailed(f"upload answered {response.status_code}: {response.text[:500]}")
    job = await _wait_until_finished(client, _job_location(response))
    elapsed = time.perf_counter() - started
    if job["status"] != "completed":
        raise RosterImportFailed(f"the import job ended {job['status']}: {str(job)[:500]}")
    imported = int(job["imported_rows"])
    return RosterResult(rows, imported, int(job["failed_rows"]), elapsed, imported / elapsed)


def _job_location(response: httpx.Response) -> str:
    location = response.headers.get("location")
    if location:
        return str(location)
    return f"{ROSTER_PATH}/{response.json()['id']}"


async def _wait_until_finished(client: httpx.AsyncClient, location: str) -> dict[str, Any]:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        response = await client.get(location)
        response.raise_for_status()
        job: dict[str, Any] = response.json()
        if job.get("status") in FINISHED:
            return job
        await asyncio.sleep(POLL_SECONDS)
    raise RosterImportFailed(f"the import job did not finish within {TIMEOUT_SECONDS:.0f}s")
