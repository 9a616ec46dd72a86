"""证书查询: anyone, without signing in, may check whether a certificate number is genuine.

The answer names the class, its organiser and dates, and the holder with the name masked
(``张*``); a number that is malformed or fails its check character is refused before the
registry is asked, and an unknown one is simply not genuine. Each client address may check a
limited number of times a minute (``CERTIFICATE_CHECKS_PER_MINUTE``, 429 beyond it).
"""

from __future__ import annotations

import html
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse
from shared.pii import mask_name

from training.adapters.classes import views
from training.domain.classes.certificate_number import canonical, display
from training.entrypoints.api.classes.check_limit import TOO_MANY, CheckAllowed
from training.entrypoints.api.classes.schemas import VerificationOut
from training.entrypoints.api.deps import ContainerDep

router = APIRouter(tags=["证书查询 certificate verification (public)"])
NumberQuery = Annotated[str, Query(min_length=1, max_length=64, description="证书编号")]


async def check(container: ContainerDep, number: str) -> VerificationOut:
    """What the registry says about ``number``."""
    found = canonical(number)
    if found is None:
        return VerificationOut(
            number=number,
            genuine=False,
            status=None,
            message="证书编号格式或校验位错误，不是有效的证书编号",
        )
    async with container.pool.acquire() as conn:
        row = await views.certificate_by_number(conn, found)
    if row is None:
        return VerificationOut(
            number=display(found), genuine=False, status=None, message="查无此证书"
        )
    revoked = row["status"] == "revoked"
    return VerificationOut(
        number=display(found), genuine=True, status=row["status"],
        message="该证书已被撤销" if revoked else "证书真实有效",
        holder=mask_name(container.cipher.decrypt(row["name_cipher"])),
        class_title=row["class_title"], class_kind=row["class_kind"], organiser=row["org_name"],
        starts_on=row["starts_on"], ends_on=row["ends_on"], issued_on=row["issued_on"],
        revoked_on=row["revoked_on"],
    )  # fmt: skip


@router.get("/api/v1/certificate-verification", response_model=VerificationOut, responses=TOO_MANY)
async def verify_certificate(
    container: ContainerDep, number: NumberQuery, _: CheckAllowed
) -> VerificationOut:
    """证书核验 (public, no sign-in): whether a number is genuine, for which class and date."""
    return await check(container, number)


_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>培训证书查询</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em}}
dt{{font-weight:bold}} .ok{{color:#060}} .bad{{color:#a00}}</style></head>
<body><h1>培训证书查询</h1>
<form method="get" action="/verify"><label>证书编号
<input name="number" value="{number}" maxlength="64" required></label>
<button type="submit">查询</button></form>{result}</body></html>"""


def _result(answer: VerificationOut) -> str:
    css = "ok" if answer.genuine and answer.status == "valid" else "bad"
    rows = [
        ("持证人", answer.holder), ("培训班", answer.class_title), ("主办单位", answer.organiser),
        ("培训时间", f"{answer.starts_on} 至 {answer.ends_on}" if answer.starts_on else None),
        ("发证日期", answer.issued_on), ("撤销日期", answer.revoked_on),
    ]  # fmt: skip
    items = "".join(
        f"<dt>{label}</dt><dd>{html.escape(str(value))}</dd>" for label, value in rows if value
    )
    return f'<p class="{css}">{html.escape(answer.message)}</p><dl>{items}</dl>'


@router.get("/verify", response_class=HTMLResponse, responses=TOO_MANY)
async def verification_page(
    container: ContainerDep,
    _: CheckAllowed,
    number: Annotated[str | None, Query(max_length=64, description="证书编号")] = None,
) -> HTMLResponse:
    """证书查询页 (public, no sign-in): the same answer as a page anyone can open."""
    result = _result(await check(container, number)) if number else ""
    return HTMLResponse(_PAGE.format(number=html.escape(number or ""), result=result))
