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
from shared.http.tab_icon import TAB_ICON
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
<html lang="zh-CN"><head><meta charset="utf-8"><title>培训证书查询 · 工会职工培训</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="{icon}">
<style>
body{{margin:0;font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;
 background:#f4f5f7;color:#1f2933;font-size:15px;line-height:1.6}}
header{{background:#b3261e;color:#fff;padding:14px 20px}}
header h1{{margin:0;font-size:18px}}
main{{max-width:36em;margin:20px auto;padding:0 14px}}
.panel{{background:#fff;border-radius:8px;box-shadow:0 1px 2px rgba(0,0,0,.08);
 padding:16px 18px;margin-bottom:14px}}
.panel p{{margin:0 0 10px}}
form{{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end}}
label{{flex:1 1 16em;display:flex;flex-direction:column;font-weight:600;font-size:14px}}
input{{font:inherit;font-family:ui-monospace,monospace;letter-spacing:.04em;padding:8px 10px;
 border:1px solid #9aa5b1;border-radius:6px;margin-top:4px;min-width:0}}
button{{font:inherit;padding:8px 20px;border:0;border-radius:6px;background:#b3261e;color:#fff}}
.verdict{{font-size:18px;font-weight:700;margin:0 0 12px}}
.ok{{color:#137333}} .bad{{color:#b3261e}}
dl{{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;margin:0}}
dt{{color:#52606d}} dd{{margin:0}}
.note{{color:#52606d;font-size:13px}}
</style></head>
<body><header><h1>工会职工培训证书查询</h1></header><main>
<section class="panel"><p>输入证书上的编号，核验证书是否由工会培训颁发、是否仍然有效。</p>
<form method="get" action="/verify"><label>证书编号
<input name="number" value="{number}" maxlength="64" required autocomplete="off"
 spellcheck="false" placeholder="GH-XXXX-XXXX-XXXX-XXXX"></label>
<button type="submit">查询</button></form></section>{result}
<p class="note">持证人姓名已部分隐去，以保护个人信息。</p></main></body></html>"""
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
"""A public page: nothing loads from elsewhere, no frame may hold it, no number leaks onwards."""


def _result(answer: VerificationOut) -> str:
    valid = answer.genuine and answer.status == "valid"
    mark = "✓" if valid else "✗"
    rows = [
        ("持证人", answer.holder), ("培训班", answer.class_title), ("主办单位", answer.organiser),
        ("培训时间", f"{answer.starts_on} 至 {answer.ends_on}" if answer.starts_on else None),
        ("发证日期", answer.issued_on), ("撤销日期", answer.revoked_on),
    ]  # fmt: skip
    items = "".join(
        f"<dt>{label}</dt><dd>{html.escape(str(value))}</dd>" for label, value in rows if value
    )
    listing = f"<dl>{items}</dl>" if items else ""
    css = "ok" if valid else "bad"
    return (
        f'<section class="panel" aria-live="polite"><p class="verdict {css}">{mark} '
        f"{html.escape(answer.message)}</p>{listing}</section>"
    )


@router.get("/verify", response_class=HTMLResponse, responses=TOO_MANY)
async def verification_page(
    container: ContainerDep,
    _: CheckAllowed,
    number: Annotated[str | None, Query(max_length=64, description="证书编号")] = None,
) -> HTMLResponse:
    """证书查询页 (public, no sign-in): the same answer as a page anyone can open."""
    result = _result(await check(container, number)) if number else ""
    page = _PAGE.format(icon=TAB_ICON, number=html.escape(number or ""), result=result)
    return HTMLResponse(page, headers=_HEADERS)
