"""批量导入 through the workbench: a kind's template, an XLSX upload followed to its end with the
refused row's number, column and message, also downloaded as a CSV and an XLSX 错误清单, a
service's field error beside its field, another unit's job and its error list refused."""

from __future__ import annotations

import asyncio
import io
import re
from typing import Any

from openpyxl import Workbook, load_workbook

from .conftest import ADMIN_PASSWORD, Platform, account, person
from .web import User

HEADERS = ["户主姓名", "户主身份证号", "困难类别", "致困原因", "家庭月人均收入（元）"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_file(*rows: list[Any]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def finished(user: User, job_path: str) -> str:
    """The job page once the import has stopped running."""
    for _ in range(120):
        page = (await user.page(job_path)).text
        status = re.search(r'data-status="(\w+)"', page)
        assert status, page
        if status.group(1) not in ("queued", "running"):
            return page
        await asyncio.sleep(0.5)
    raise AssertionError("the import never finished")


async def test_households_are_imported_from_xlsx_and_the_bad_row_is_listed(
    platform: Platform,
) -> None:
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    page = (await user.page("/imports?kind=households")).text
    assert 'href="/imports/households/template?format=xlsx"' in page
    assert 'id="org_id"' in page
    template = await user.page("/imports/households/template?format=xlsx")
    assert template.status_code == 200
    assert template.headers["content-type"].startswith(XLSX)
    assert template.content[:2] == b"PK"
    empty = await user.submit("/imports/households", "/imports?kind=households",
                              {"org_id": platform.tree.union})  # fmt: skip
    assert empty.status_code == 422
    assert 'id="file-error"' in empty.text
    bad_id = person(52)[:17] + ("0" if person(52)[17] != "0" else "1")
    content = xlsx_file(HEADERS, ["蒋导入", person(51), "深度困难", "疾病", "800"],
                        ["沈导入", bad_id, "相对困难", "低收入", "900"])  # fmt: skip
    files = {"file": ("困难档案.xlsx", content, XLSX)}
    uploaded = await user.submit("/imports/households", "/imports?kind=households",
                                 {"org_id": platform.tree.union}, files=files)  # fmt: skip
    assert uploaded.status_code == 303, uploaded.text
    job_path = uploaded.headers["location"]
    done = await finished(user, job_path)
    assert 'data-status="completed_with_errors"' in done
    assert "已完成（部分行有错误）" in done
    assert "有 1 行未导入" in done
    assert re.search(r"第 3 行</td><td[^>]*>户主身份证号</td><td[^>]*>[^<]*校验", done)
    job_id = job_path.rsplit("/", 1)[1]
    job = await platform.dev.get(f"{platform.assistance}/api/v1/imports/households/{job_id}")
    assert (job.json()["imported_rows"], job.json()["failed_rows"]) == (1, 1)
    await the_error_list_downloads(user, job_path, done)
    await user.close()


async def the_error_list_downloads(user: User, job_path: str, page: str) -> None:
    """错误清单 as CSV (with the BOM Excel needs) and as XLSX: the refused row, its column and
    the service's Chinese message, as the page lists them."""
    assert f'href="{job_path}/errors.csv"' in page
    assert f'href="{job_path}/errors.xlsx"' in page
    as_csv = await user.page(f"{job_path}/errors.csv")
    assert as_csv.status_code == 200
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in as_csv.headers["content-disposition"]
    assert as_csv.content.startswith(b"\xef\xbb\xbf")
    lines = as_csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "行号,列,错误"
    assert len(lines) == 2
    assert lines[1].startswith("3,户主身份证号,")
    assert "校验" in lines[1]
    as_xlsx = await user.page(f"{job_path}/errors.xlsx")
    assert as_xlsx.headers["content-type"].startswith(XLSX)
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet is not None
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["行号", "列", "错误"]
    assert len(rows) == 2
    assert rows[1][:2] == [3, "户主身份证号"]
    assert "校验" in str(rows[1][2])
    assert (await user.page(f"{job_path}/errors.pdf")).status_code == 404


async def test_a_festival_list_shows_the_services_field_error_beside_its_field(
    platform: Platform,
) -> None:
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    form_page = "/imports?kind=festival-lists"
    assert 'id="budget_org_id"' in (await user.page(form_page)).text
    files = {"file": ("名单.xlsx", xlsx_file(["户主身份证号"], [person(53)]), XLSX)}
    form = {"year": "1900", "budget_org_id": platform.tree.street, "amount_yuan": "200",
            "method": "cash"}  # fmt: skip
    refused = await user.submit("/imports/festival-lists", form_page, form, files=files)
    assert refused.status_code == 422
    assert 'id="year-error"' in refused.text  # the service's own refusal of the year
    assert 'value="200"' in refused.text
    words = await user.submit("/imports/festival-lists", form_page,
                              {**form, "year": "2024", "amount_yuan": "两百"}, files=files)  # fmt: skip
    assert words.status_code == 422
    assert 'id="amount_yuan-error"' in words.text
    await user.close()


async def test_an_officer_of_another_unit_cannot_open_the_job(platform: Platform) -> None:
    admin = User(platform.portal)
    await admin.sign_in("admin", ADMIN_PASSWORD)
    files = {"file": ("走访.xlsx", xlsx_file(["户主身份证号", "走访事由", "走访日期"],
                                           [person(54), "节日", "2024-01-20"]), XLSX)}  # fmt: skip
    uploaded = await admin.submit("/imports/visits", "/imports?kind=visits", {}, files=files)
    assert uploaded.status_code == 303, uploaded.text
    job_path = uploaded.headers["location"]
    officer = await account(platform, "qinhuai", "assistance_officer", platform.tree.union_other)
    assert (await officer.page(job_path)).status_code == 404
    assert (await officer.page(f"{job_path}/errors.csv")).status_code == 404
    assert "批量导入" in (await officer.page("/imports")).text
    await admin.close()
    await officer.close()
