"""花名册导入 end to end on real PostgreSQL: upload, background import, progress, outbox, refusals."""

from __future__ import annotations

import asyncio
import csv
import io
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid4

import asyncpg
import httpx
import orjson
import pytest_asyncio
from membership.adapters import organisations
from membership.adapters.roster_reader import RawRow
from membership.adapters.roster_store import SqlRosterStore
from membership.bootstrap import Container
from membership.config import MIGRATIONS_DIR, SCHEMA, SERVICE_NAME, MembershipSettings
from membership.entrypoints.api import roster_imports
from membership.service_layer.roster_import import RosterJob, import_roster
from membership.service_layer.roster_rows import ALREADY_A_MEMBER
from openpyxl import Workbook
from shared.auth import issue_token
from shared.db import create_pool
from shared.http.app import create_app
from shared.identifiers import make_id_number, make_uscc, today_in_china
from shared.migrations import migrate
from shared.pii import PiiCipher

URL = "/api/v1/roster-imports"
HEADERS = ["姓名", "身份证号", "手机号", "户口性质", "入会日期", "会员证号"]
ADMITTED = "membership.member.admitted.v1"
ROWS, EVERY_BAD = 5000, 50  # every 50th row is bad: 100 of 5,000 (2%)


@dataclass
class Roster:
    """An app on a fresh database: street A (union, dissolved union, employer) and street B."""

    client: httpx.AsyncClient
    container: Container
    street_a: UUID
    union: UUID
    dissolved_union: UUID
    foreign_union: UUID
    employer: UUID

    def auth(self, org_id: UUID | None = None) -> dict[str, str]:
        org = str(org_id or self.street_a)
        token = issue_token(
            self.container.settings, subject="cadre-1", roles=["union_cadre"], org_id=org
        )
        return {"Authorization": f"Bearer {token}"}

    async def upload(self, filename: str, content: bytes, **form: Any) -> httpx.Response:
        data = {"union_id": str(self.union), "employer_id": str(self.employer), **form}
        files = {"file": (filename, content)}
        return await self.client.post(URL, data=data, files=files, headers=self.auth())

    async def imported(self, filename: str, content: bytes) -> dict[str, Any]:
        """Upload, let the background import finish, and return the job as GET shows it."""
        response = await self.upload(filename, content)
        assert response.status_code == 202, response.text
        assert response.headers["Location"] == f"{URL}/{response.json()['id']}"
        await asyncio.gather(*list(self.container.tasks))
        job = await self.client.get(response.headers["Location"], headers=self.auth())
        assert job.status_code == 200, job.text
        body: dict[str, Any] = job.json()
        return body

    async def fetch(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        return list(await self.container.pool.fetch(sql, *args))


async def _organisation(
    pool: Any, kind: str, parent: tuple[UUID, str] | None, **extra: Any
) -> tuple[UUID, str]:
    org_id = uuid4()
    path = (parent[1] if parent else "/") + f"{org_id}/"
    await pool.execute(
        "INSERT INTO organisations (id, kind, name, parent_id, path, grassroots_mode, founded_on, "
        "status, version) VALUES ($1, $2, $3, $4, $5, $6, '2010-01-01', $7, 1)",
        org_id,
        kind,
        f"{kind}-{org_id.hex[:6]}",
        parent[0] if parent else None,
        path,
        extra.get("mode"),
        extra.get("status", "active"),
    )
    return org_id, path


@pytest_asyncio.fixture
async def roster(database_url: str) -> AsyncIterator[Roster]:
    await migrate(database_url, SCHEMA, MIGRATIONS_DIR)
    settings = MembershipSettings(environment="test", database_url=database_url)
    pool = await create_pool(database_url, SCHEMA)
    city = await _organisation(pool, "city_federation", None)
    district = await _organisation(pool, "district_federation", city)
    street_a = await _organisation(pool, "street_federation", district)
    street_b = await _organisation(pool, "street_federation", district)
    union = await _organisation(pool, "grassroots_union", street_a, mode="single")
    dissolved = await _organisation(
        pool, "grassroots_union", street_a, mode="joint", status="dissolved"
    )
    foreign = await _organisation(pool, "grassroots_union", street_b, mode="single")
    employer = uuid4()
    await pool.execute(
        "INSERT INTO employers (id, uscc, name, registration_type, industry, territory_org_id, "
        "registered_on, version) VALUES ($1, $2, '花名册测试单位', '173', '制造业', $3, '2015-01-01', 1)",
        employer,
        make_uscc("91320100MA0000077"),
        street_a[0],
    )
    container = Container(settings=settings, pool=pool, cipher=PiiCipher.from_settings(settings))
    app = create_app(
        title="roster",
        version="test",
        settings=settings,
        service_name=SERVICE_NAME,
        readiness={},
        max_body_bytes=settings.roster_max_bytes + 64 * 1024,
    )
    app.state.container = container
    app.include_router(roster_imports.router)
    client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://membership.test"
    )
    yield Roster(client, container, street_a[0], union[0], dissolved[0], foreign[0], employer)
    await client.aclose()
    await pool.close()


def person(seq: int) -> str:
    return make_id_number(
        "320102", date(1970, 1, 1) + timedelta(days=seq), seq % 100, "female" if seq % 2 else "male"
    )


def staff_rows(count: int) -> tuple[list[list[str]], dict[int, tuple[str, str]]]:
    """``count`` staff rows; every 50th is bad in one of five ways. Returns the rows and, by sheet
    row number, the (column, message fragment) each bad row must be reported with."""
    rows: list[list[str]] = []
    faults: dict[int, tuple[str, str]] = {}
    for seq in range(count):
        joined = ("2024-03-01", "2024/3/1", "20230115", "")[seq % 4]
        cells = [
            f"职工{seq}",
            person(seq),
            f"139{seq:08d}" if seq % 3 else "",
            ("农业", "非农业户口")[seq % 2],
            joined,
            f"HY-{seq}",
        ]
        if seq % EVERY_BAD == EVERY_BAD - 1:
            kind = (seq // EVERY_BAD) % 5
            fault: tuple[int, str, tuple[str, str]] = [
                (1, cells[1][:-1] + ("0" if cells[1][-1] != "0" else "1"), ("身份证号", "校验位")),
                (3, "农村", ("户口性质", "户口性质应填")),
                (4, "2099-01-01", ("入会日期", "不能晚于今天")),
                (2, "12345", ("手机号", "手机号码格式错误")),
                (1, person(seq - 1), ("身份证号", f"与第{seq + 1}行身份证号重复")),
            ][kind]
            cells[fault[0]] = fault[1]
            faults[seq + 2] = fault[2]
        rows.append(cells)
    return rows, faults


def as_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADERS, *rows])
    return buffer.getvalue().encode("utf-8-sig")


async def test_bulk_import_reports_bad_rows_and_a_second_run_admits_nobody_twice(
    roster: Roster,
) -> None:
    rows, faults = staff_rows(ROWS)
    content = as_csv(rows)

    job = await roster.imported("花名册.csv", content)

    assert job["status"] == "completed_with_errors"  # rows were refused
    assert job["percent"] == 100.0
    expected_counts = (ROWS, ROWS, ROWS - len(faults), len(faults), len(faults))
    assert (
        job["total_rows"],
        job["processed_rows"],
        job["imported_rows"],
        job["failed_rows"],
        job["error_count"],
    ) == expected_counts
    assert len(faults) == ROWS // EVERY_BAD
    reported = {error["row"]: (error["column"], error["message"]) for error in job["errors"]}
    assert reported.keys() == faults.keys()
    for line, (column, fragment) in faults.items():
        assert reported[line][0] == column, (line, reported[line])
        assert fragment in reported[line][1], (line, reported[line])

    members = await roster.fetch(
        "SELECT id, name, id_number_cipher, household_type, is_migrant_worker, union_id, "
        "employer_id, status, version, joined_on, status_since FROM members"
    )
    assert len(members) == ROWS - len(faults)
    assert {(m["union_id"], m["employer_id"], m["status"], m["version"]) for m in members} == {
        (roster.union, roster.employer, "active", 1)
    }
    assert all(m["is_migrant_worker"] == (m["household_type"] == "agricultural") for m in members)
    assert all(m["status_since"] == m["joined_on"] for m in members)
    sample = next(m for m in members if m["name"] == "职工0")
    assert roster.container.cipher.decrypt(sample["id_number_cipher"]) == person(0)
    assert sample["joined_on"] == date(2024, 3, 1)
    assert next(m for m in members if m["name"] == "职工3")["joined_on"] == today_in_china()

    outbox = await roster.fetch(
        "SELECT aggregate_id, aggregate_version, payload::text AS payload FROM outbox "
        "WHERE subject = $1",
        ADMITTED,
    )
    assert sorted(r["aggregate_id"] for r in outbox) == sorted(str(m["id"]) for m in members)
    assert {r["aggregate_version"] for r in outbox} == {1}
    secrets = {person(seq) for seq in range(ROWS)} | {f"139{seq:08d}" for seq in range(ROWS)}
    for record in outbox:
        payload = record["payload"]
        assert not re.search(r"[\u4e00-\u9fff]", payload)  # no names
        assert not secrets.intersection(re.findall(r"\d{11,}X?", payload))
        data = orjson.loads(payload)["data"]
        assert data["org_id"] == str(roster.union)
        assert data["member_id"] == record["aggregate_id"]

    again = await roster.imported("花名册.csv", content)

    assert (again["imported_rows"], again["failed_rows"], again["error_count"]) == (0, ROWS, ROWS)
    assert len(again["errors"]) == 1000
    assert again["errors_truncated"] is True
    assert all(e["message"] == ALREADY_A_MEMBER for e in again["errors"] if e["row"] not in faults)
    assert len(await roster.fetch("SELECT 1 FROM members")) == ROWS - len(faults)
    assert len(await roster.fetch("SELECT 1 FROM outbox")) == ROWS - len(faults)


async def test_xlsx_roster_imports_and_templates_download(roster: Roster) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADERS)
    for seq in range(6000, 6040):
        sheet.append(
            [f"职工{seq}", person(seq), int(f"139{seq:08d}"), "农业", date(2024, 5, 1), None]
        )
    sheet.append(["坏行", "123", None, "农业", None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)

    job = await roster.imported("花名册.xlsx", buffer.getvalue())

    assert (job["status"], job["imported_rows"], job["failed_rows"]) == (
        "completed_with_errors",
        40,
        1,
    )
    assert job["errors"] == [{"row": 42, "column": "身份证号", "message": "身份证号应为18位"}]
    joined = await roster.fetch("SELECT DISTINCT joined_on FROM members")
    assert [r["joined_on"] for r in joined] == [date(2024, 5, 1)]

    csv_template = await roster.client.get(f"{URL}/template", headers=roster.auth())
    assert csv_template.status_code == 200
    assert csv_template.headers["content-type"].startswith("text/csv")
    assert csv_template.content.decode("utf-8-sig").splitlines()[0] == ",".join(HEADERS)
    xlsx_template = await roster.client.get(
        f"{URL}/template", params={"format": "xlsx"}, headers=roster.auth()
    )
    assert xlsx_template.content.startswith(b"PK\x03\x04")
    template_job = await roster.imported("模板.xlsx", xlsx_template.content)
    assert template_job["imported_rows"] == 1  # the template's example row is a valid person


def _problem(response: httpx.Response, status: int, title: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["title"] == title
    return body


async def test_uploads_are_refused_before_any_job_starts(roster: Roster) -> None:
    good = as_csv(staff_rows(3)[0])
    _problem(
        await roster.upload("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
        415,
        "不支持的文件类型",
    )
    missing = _problem(
        await roster.upload("r.csv", "姓名,手机号\n张三,13812345678\n".encode()),
        422,
        "花名册缺少必填列",
    )
    assert "身份证号" in missing["detail"]
    assert "户口性质" in missing["detail"]
    assert {"field": "file", "message": "缺少“身份证号”列"} in missing["errors"]
    _problem(
        await roster.upload("r.csv", good, union_id=str(roster.foreign_union)), 404, "资源不存在"
    )
    _problem(
        await roster.upload("r.csv", good, union_id=str(roster.dissolved_union)),
        422,
        "不符合业务规则",
    )
    _problem(await roster.upload("r.csv", good, employer_id=str(uuid4())), 404, "资源不存在")
    roster.container.settings = roster.container.settings.model_copy(
        update={"roster_max_bytes": 1024, "roster_max_rows": 2}
    )
    _problem(await roster.upload("r.csv", good), 413, "文件行数过多")
    _problem(await roster.upload("r.csv", good + b"\n" * 1024), 413, "文件过大")
    assert await roster.fetch("SELECT 1 FROM roster_imports") == []

    accepted = await roster.upload("r.csv", as_csv(staff_rows(1)[0]))
    assert accepted.status_code == 202
    await asyncio.gather(*list(roster.container.tasks))
    street_b = (
        await roster.fetch(
            "SELECT parent_id FROM organisations WHERE id = $1", roster.foreign_union
        )
    )[0]["parent_id"]
    _problem(
        await roster.client.get(accepted.headers["Location"], headers=roster.auth(street_b)),
        404,
        "资源不存在",
    )


async def test_losing_a_race_to_a_concurrent_admission_is_a_row_error_not_a_second_membership(
    roster: Roster,
) -> None:
    pool, cipher = roster.container.pool, roster.container.cipher
    store = SqlRosterStore(pool)  # no look-up before the write: the unique index decides
    job_id = uuid4()
    await store.create_job(
        job_id=job_id,
        filename="r.csv",
        union_id=roster.union,
        employer_id=roster.employer,
        total_rows=3,
        requested_by="t",
    )
    row = (
        await pool.fetch(
            f"SELECT {organisations.COLUMNS} FROM organisations WHERE id = $1", roster.union
        )
    )[0]
    job = RosterJob(job_id, organisations.to_organisation(row), roster.employer, 10)
    await _admit_directly(roster, person(1))
    rows = [
        RawRow(2, "甲", person(1), "", "农业", "2024-03-01", ""),
        RawRow(3, "乙", person(2), "", "农业", "2024-03-01", ""),
    ]

    tally = await import_roster(job, rows, store, cipher, today=today_in_china())

    assert (tally.imported, tally.failed) == (1, 1)
    [stored] = await roster.fetch(
        "SELECT status, imported_rows, failed_rows, errors FROM roster_imports WHERE id = $1",
        job_id,
    )
    assert (stored["status"], stored["imported_rows"], stored["failed_rows"]) == (
        "completed_with_errors",
        1,
        1,
    )
    assert stored["errors"] == [{"row": 2, "column": "身份证号", "message": ALREADY_A_MEMBER}]
    current = await roster.fetch(
        "SELECT count(*) AS n FROM members WHERE id_number_index = $1 AND status = 'active'",
        cipher.blind_index(person(1)),
    )
    assert current[0]["n"] == 1
    assert len(await roster.fetch("SELECT 1 FROM outbox")) == 1


async def _admit_directly(roster: Roster, number: str) -> None:
    cipher = roster.container.cipher
    await roster.container.pool.execute(
        "INSERT INTO members (id, name, id_number_cipher, id_number_index, sex, birth_date, "
        "household_type, is_migrant_worker, employer_id, union_id, joined_on, status, "
        "status_since, union_since, version) VALUES ($1, '先入会', $2, $3, 'female', "
        "'1970-01-02', 'agricultural', true, $4, $5, '2024-01-01', 'active', '2024-01-01', "
        "'2024-01-01', 1)",
        uuid4(),
        cipher.encrypt(number),
        cipher.blind_index(number),
        roster.employer,
        roster.union,
    )
