"""The street's paper records of 2025 uploaded as files, each with good and refused rows.

A visits file adds one visit to H2 on 20 December; a hardship-files file adds H5, the file of a
head who is no member, filed at 白鹭洲社区 on 15 November 2025 (意外致困). Every other row is
refused and leaves nothing behind.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from shared.identifiers import make_id_number

from .conftest import Services
from .past_year_street import Street
from .test_backdated_assistance import until

STRANGER = make_id_number("320104", date(1966, 6, 6), 41, "male")
"""A valid ID number that heads no file."""
H5_HEAD = make_id_number("320104", date(1972, 9, 9), 42, "female")

VISIT_IMPORT = (
    "户主身份证号,会员编号,走访事由,走访日期,走访记录\n"
    "{h2},,节日,2025-12-20,元旦慰问\n"  # the one good row: H2 at the end of December
    "{stranger},,节日,2025-12-20,\n"  # heads no file: 困难档案不存在
    "{h2},,节日,2099-01-01,\n"  # in the future
    "{h2},,节日,2014-12-31,\n"  # before the history limit (2015-01-01)
)
HOUSEHOLD_IMPORT = (
    "户主姓名,户主身份证号,困难类别,致困原因,家庭月人均收入（元）,建档组织编号,建档日期\n"
    "白鹭洲困难户,{h5},意外致困,意外事故,500,{b},2025-11-15\n"  # the one good row: H5
    "错号户,{bad},相对困难,疾病,600,{b},2025-11-15\n"  # the ID number's check character is wrong
    "未知类别户,{other},特别困难,疾病,600,{b},2025-11-15\n"  # no such level
    "将来户,{later},相对困难,疾病,600,{b},2099-01-01\n"  # filed in the future
)


async def uploaded(s: Services, kind: str, content: str) -> dict[str, Any]:
    """Upload a CSV of ``kind``; the job once the background import is done."""
    response = await s.assistance.post(
        f"/api/v1/imports/{kind}", files={"file": (f"{kind}.csv", content.encode())}
    )
    assert response.status_code == 202, response.text
    location = response.headers["Location"]

    async def finished() -> dict[str, Any] | None:
        job: dict[str, Any] = (await s.assistance.get(location)).json()
        return job if job["status"] not in ("queued", "running") else None

    job: dict[str, Any] = await until(finished, f"the {kind} import")
    return job


async def import_visits(s: Services, street: Street) -> dict[str, Any]:
    """One good visit row and three refused ones."""
    return await uploaded(
        s, "visits", VISIT_IMPORT.format(h2=street.id_numbers["M4"], stranger=STRANGER)
    )


async def import_households(s: Services, street: Street) -> dict[str, Any]:
    """One good hardship-file row (H5) and three refused ones."""
    good = make_id_number("320104", date(1975, 3, 3), 43, "male")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    content = HOUSEHOLD_IMPORT.format(
        h5=H5_HEAD, b=street.community_b, bad=bad, other=STRANGER,
        later=make_id_number("320104", date(1976, 4, 4), 44, "female"),
    )  # fmt: skip
    return await uploaded(s, "households", content)
