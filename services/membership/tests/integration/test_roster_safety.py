"""Hostile and repeated roster uploads: a zip bomb, an entity expansion, the Idempotency-Key,
and the body limit only the upload route is allowed beyond."""

from __future__ import annotations

import asyncio
import gc
import io
import resource
import tracemalloc
from typing import Any, Literal

import httpx
from openpyxl import load_workbook
from shared.http.idempotency import REPLAYED_HEADER
from shared.http.problems import DEFAULT_MAX_BODY_BYTES
from shared.testing.hostile_files import entity_expansion_xlsx, zip_bomb_xlsx

from .conftest import Api, Tree, admit_body
from .test_roster_import import URL, Roster, as_csv, roster, staff_rows

__all__ = ["roster"]  # the fixture, shared with the import tests

MB = 1024 * 1024
MEMORY_BOUND = 100 * MB
"""Growth the process may show while refusing a bomb (it unpacks nothing, so far less)."""


def assert_problem(response: httpx.Response, status: int, title: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["title"] == title
    assert body["errors"][0]["field"] == "file"
    return body


async def nothing_written(roster: Roster) -> None:
    for table in ("roster_imports", "members", "outbox", "idempotency_keys"):
        assert await roster.fetch(f"SELECT 1 FROM {table}") == [], table
    assert not roster.container.tasks


async def test_a_zip_bomb_is_refused_413_unread_and_the_process_stays_small(
    roster: Roster,
) -> None:
    bomb = zip_bomb_xlsx(300 * MB)
    assert len(bomb) < 400 * 1024  # about 300 KB that unpacks to 300 MB
    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    tracemalloc.start()
    try:
        response = await roster.upload("花名册.xlsx", bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - rss_before

    body = assert_problem(response, 413, "文件解压后过大")
    assert "300 MB" in body["detail"]
    assert "200 MB" in body["detail"]
    assert peak < MEMORY_BOUND, f"traced peak {peak / MB:.1f} MB"
    assert rss_growth < MEMORY_BOUND, f"resident set grew {rss_growth / MB:.1f} MB"
    await nothing_written(roster)


async def test_a_bomb_under_the_size_limit_is_refused_for_its_ratio(roster: Roster) -> None:
    targets: tuple[Literal["shared_strings", "sheet"], ...] = ("shared_strings", "sheet")
    for target in targets:
        response = await roster.upload("花名册.xlsx", zip_bomb_xlsx(30 * MB, target))

        body = assert_problem(response, 413, "文件解压后过大")
        assert "压缩比" in body["detail"]
    await nothing_written(roster)


async def test_an_entity_expansion_is_refused_422_before_any_job(roster: Roster) -> None:
    for part in ("xl/worksheets/sheet1.xml", "xl/workbook.xml"):
        response = await roster.upload("花名册.xlsx", entity_expansion_xlsx(part))

        body = assert_problem(response, 422, "文件无法读取")
        assert "实体" in body["detail"]
        assert body["errors"] == [{"field": "file", "message": body["detail"]}]
    await nothing_written(roster)


async def test_limits_come_from_the_settings(roster: Roster) -> None:
    roster.container.settings = roster.container.settings.model_copy(
        update={"roster_max_unpacked_bytes": 2 * MB}
    )

    response = await roster.upload("花名册.xlsx", zip_bomb_xlsx(3 * MB))

    assert_problem(response, 413, "文件解压后过大")
    await nothing_written(roster)


async def keyed_upload(roster: Roster, key: str, content: bytes) -> httpx.Response:
    data = {"union_id": str(roster.union), "employer_id": str(roster.employer)}
    return await roster.client.post(
        URL,
        data=data,
        files={"file": ("花名册.csv", content)},
        headers={**roster.auth(), "Idempotency-Key": key},
    )


async def test_the_same_upload_three_times_with_one_key_makes_one_job(roster: Roster) -> None:
    content = as_csv(staff_rows(30)[0])

    answers = [await keyed_upload(roster, "roster-once", content) for _ in range(3)]
    await asyncio.gather(*list(roster.container.tasks))

    first = answers[0]
    assert first.status_code == 202, first.text
    assert REPLAYED_HEADER not in first.headers
    for replay in answers[1:]:
        assert replay.status_code == 202
        assert replay.content == first.content
        assert replay.headers["Location"] == first.headers["Location"]
        assert replay.headers[REPLAYED_HEADER] == "true"
    jobs = await roster.fetch("SELECT id, imported_rows FROM roster_imports")
    assert [str(job["id"]) for job in jobs] == [first.json()["id"]]
    assert jobs[0]["imported_rows"] == len(await roster.fetch("SELECT 1 FROM members"))

    other_file = await keyed_upload(roster, "roster-once", as_csv(staff_rows(31)[0]))

    assert other_file.status_code == 422
    assert other_file.json()["title"] == "幂等键已用于不同的请求"
    assert len(await roster.fetch("SELECT 1 FROM roster_imports")) == 1


async def test_concurrent_uploads_with_one_key_make_one_job(roster: Roster) -> None:
    content = as_csv(staff_rows(20)[0])

    answers = await asyncio.gather(
        *(keyed_upload(roster, "roster-race", content) for _ in range(3))
    )
    await asyncio.gather(*list(roster.container.tasks))

    assert {answer.status_code for answer in answers} == {202}
    assert len({answer.content for answer in answers}) == 1
    assert sorted(REPLAYED_HEADER in answer.headers for answer in answers) == [False, True, True]
    assert len(await roster.fetch("SELECT 1 FROM roster_imports")) == 1
    assert len(await roster.fetch("SELECT 1 FROM idempotency_keys")) == 1


async def test_a_refused_upload_keeps_no_key_so_the_corrected_file_runs(roster: Roster) -> None:
    refused = await keyed_upload(roster, "roster-fix", b"\xd0\xcf\x11\xe0" + bytes(600))
    accepted = await keyed_upload(roster, "roster-fix", as_csv(staff_rows(2)[0]))
    await asyncio.gather(*list(roster.container.tasks))

    assert refused.status_code == 415
    assert accepted.status_code == 202, accepted.text
    assert REPLAYED_HEADER not in accepted.headers


async def test_only_the_roster_upload_takes_a_body_beyond_the_kit_limit(
    api: Api, tree: Tree
) -> None:
    oversized = b" " * (DEFAULT_MAX_BODY_BYTES + MB)  # under the roster limit, over the kit's
    headers = {**api.token(), "Content-Type": "application/json"}
    for path in ("/api/v1/members", "/api/v1/organisations", "/api/v1/employers"):
        refused = await api.client.post(path, content=oversized, headers=headers)
        assert refused.status_code == 413, path
        assert refused.json()["title"] == "请求体过大"

    # A roster of the same size: one person and many blank rows with a long remark.
    lines = ["姓名,身份证号,户口性质,备注", f"王七,{admit_body(tree, 7)['id_number']},农业,"]
    filler = ",,," + "备" * 500
    blank_rows = (DEFAULT_MAX_BODY_BYTES + MB) // len(filler.encode() + b"\r\n") + 1
    content = "\r\n".join([*lines, *[filler] * blank_rows]).encode()
    assert DEFAULT_MAX_BODY_BYTES + MB <= len(content) < api.settings.roster_max_bytes
    upload = await api.client.post(
        "/api/v1/roster-imports",
        data={"union_id": tree.union_a, "employer_id": tree.employer_a},
        files={"file": ("花名册.csv", content)},
        headers=api.token(),
    )

    assert upload.status_code == 202, upload.text
    job = await finished(api, upload.headers["Location"])
    assert (job["status"], job["imported_rows"]) == ("completed", 1)


async def finished(api: Api, location: str) -> dict[str, Any]:
    """The job once it has finished (the app's container also runs the relay: no gather)."""
    for _ in range(400):
        job: dict[str, Any] = (await api.client.get(location, headers=api.token())).json()
        if job["status"] in ("completed", "completed_with_errors", "failed"):
            return job
        await asyncio.sleep(0.05)
    raise AssertionError(f"the import did not finish: {job}")


async def test_the_template_has_no_formula_cells(roster: Roster) -> None:
    response = await roster.client.get(f"{URL}/template?format=xlsx", headers=roster.auth())

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert cells
    assert all(cell.data_type != "f" for cell in cells)
