"""Sign-in, lock-out, expiry, CSRF, tampered cookies, accounts and scope, over real HTTP."""

from __future__ import annotations

import asyncpg
import httpx
import jwt

from .conftest import ADMIN_PASSWORD, Platform
from .web import User


async def test_wrong_password_is_refused_and_the_fifth_locks_the_account(
    platform: Platform,
) -> None:
    user = User(platform.portal)
    for _ in range(4):
        refused = await user.sign_in("admin", "not-the-password")
        assert refused.status_code == 401
        assert "用户名或密码错误" in refused.text
    await user.sign_in("admin", "still-wrong")
    locked = await user.sign_in("admin", ADMIN_PASSWORD)  # the right one, too late
    assert locked.status_code == 401
    assert "已锁定" in locked.text
    assert "uh_session" not in locked.cookies
    await user.close()


async def test_sign_in_opens_a_session_cookie_and_sign_out_ends_it(platform: Platform) -> None:
    user = User(platform.portal)
    signed = await user.sign_in("admin", ADMIN_PASSWORD)
    assert signed.status_code == 303
    cookie = signed.headers["set-cookie"]
    assert "uh_session=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    home = await user.page("/")
    assert home.status_code == 200
    assert "待办" in home.text
    assert "市总管理员" in home.text
    # A tab icon of its own, so no browser asks for a /favicon.ico that is not there.
    assert '<link rel="icon" href="data:image/svg+xml,' in home.text
    out = await user.submit("/logout", "/", {})
    assert out.status_code == 303
    again = await user.client.get("/")
    assert again.status_code == 303
    assert again.headers["location"].startswith("/login")
    await user.close()


async def test_forms_without_the_csrf_token_are_refused(platform: Platform) -> None:
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    body = {"username": "x-cadre", "display_name": "某", "role": "union_cadre",
            "org_id": platform.tree.union, "password": "Cadre-pass-2024"}  # fmt: skip
    refused = await user.client.post("/accounts", data=body)
    assert refused.status_code == 403
    assert "校验码" in refused.text
    forged = await user.client.post("/accounts", data={**body, "csrf_token": "forged"})
    assert forged.status_code == 403
    login = await User(platform.portal).client.post(
        "/login", data={"username": "admin", "password": ADMIN_PASSWORD}
    )
    assert login.status_code == 403  # the sign-in form has its own token
    await user.close()


async def test_a_tampered_or_expired_session_cookie_means_signing_in_again(
    platform: Platform,
) -> None:
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    cookie = user.client.cookies["uh_session"]
    tampered = httpx.AsyncClient(
        base_url=platform.portal, cookies={"uh_session": cookie[:-2] + "xy"}
    )
    refused = await tampered.get("/")
    assert refused.status_code == 303
    assert "/login" in refused.headers["location"]
    await tampered.aclose()
    conn = await asyncpg.connect(platform.database_url)
    await conn.execute("UPDATE portal.sessions SET expires_at = now() - interval '1 minute'")
    await conn.close()
    expired = await user.client.get("/members")
    assert expired.status_code == 303
    assert "expired=1" in expired.headers["location"]
    assert "登录已超时" in (await user.page(expired.headers["location"])).text
    await user.close()


async def test_an_admin_creates_a_cadre_who_sees_only_their_unit(platform: Platform) -> None:
    admin = User(platform.portal)
    await admin.sign_in("admin", ADMIN_PASSWORD)
    weak = await admin.submit("/accounts", "/accounts", {
        "username": "cadre.li", "display_name": "李干部", "role": "union_cadre",
        "org_id": platform.tree.community, "password": "short"})  # fmt: skip
    assert weak.status_code == 422
    assert "密码至少 10 位" in weak.text
    assert 'value="cadre.li"' in weak.text
    created = await admin.submit("/accounts", "/accounts", {
        "username": "cadre.li", "display_name": "李干部", "role": "union_cadre",
        "org_id": platform.tree.community, "password": "Cadre-pass-2024"})  # fmt: skip
    assert created.status_code == 303
    cadre = User(platform.portal)
    assert (await cadre.sign_in("cadre.li", "Cadre-pass-2024")).status_code == 303
    home = await cadre.page("/")
    assert "李干部" in home.text
    assert "工会干部" in home.text
    assert "汉中门社区工联会" in home.text
    assert "账号管理" not in home.text
    assert "帮扶申请" not in home.text
    assert (await cadre.page("/accounts")).status_code == 403
    organisations = await cadre.page("/organisations")
    assert "甲公司工会" in organisations.text
    assert "秦淮乙公司工会" not in organisations.text
    admit = await cadre.page("/members/new")
    assert "甲公司工会" in admit.text
    assert "秦淮乙公司工会" not in admit.text
    await admin.close()
    await cadre.close()


async def test_the_services_trust_the_workbench_keys_and_no_other(platform: Platform) -> None:
    keys = (await platform.dev.get(f"{platform.portal}/.well-known/jwks.json")).json()["keys"]
    assert keys[0]["kty"] == "EC"
    assert keys[0]["alg"] == "ES256"
    assert "d" not in keys[0]
    forged = jwt.encode({"sub": "x", "roles": ["city_admin"], "iss": "unionhub", "aud": "unionhub",
                         "exp": 4102444800}, "a-guessed-secret-of-sixty-four-bytes-or-more-0123456789abcdef0123", algorithm="HS512")  # fmt: skip
    response = await httpx.AsyncClient().get(
        f"{platform.membership}/api/v1/organisations", headers={"Authorization": f"Bearer {forged}"}
    )
    assert response.status_code == 401


async def test_the_reports_page_opens_the_breakdowns_and_annual_report_pages(
    platform: Platform,
) -> None:
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    opened = await user.page(
        f"/reports?page=/dashboard/breakdowns&period=2024&org_id={platform.tree.union}"
    )
    assert opened.status_code == 200
    assert (
        f'value="/dashboard/breakdowns?org_id={platform.tree.union}&amp;period=2024"' in opened.text
    )
    assert "/reports?page=/dashboard/breakdowns" in opened.text
    assert (
        '<a href="/reports?page=/dashboard/annual-report">年报（工会统计年报）</a>' in opened.text
    )
    annual = await user.page(f"/reports?page=/dashboard/annual-report&org_id={platform.tree.union}")
    assert annual.status_code == 200
    assert f'value="/dashboard/annual-report?org_id={platform.tree.union}"' in annual.text
    other = await user.page("/reports?page=/elsewhere")
    assert 'name="next" value="/dashboard"' in other.text
    await user.close()
