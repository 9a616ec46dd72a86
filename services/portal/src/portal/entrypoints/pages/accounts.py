"""账号管理: a city admin (or a district admin, for their subtree) creates the users."""

from __future__ import annotations

import re
from typing import Annotated, Any

import asyncpg
from fastapi import APIRouter, Request
from fastapi.responses import Response

from portal.adapters.accounts import Account
from portal.adapters.passwords import hash_password, weakness
from portal.adapters.services import ApiError
from portal.entrypoints.session import Form, container_of, require
from portal.entrypoints.web import ROLE_NAMES, redirect, render

router = APIRouter(include_in_schema=False)
Admin = Annotated[Account, require("city_admin")]
USERNAME = re.compile(r"^[a-z0-9._-]{3,40}$")
FIELDS = ("username", "display_name", "role", "org_id", "password")


async def _page(request: Request, user: Account, status: int = 200, **context: Any) -> Response:
    container = container_of(request)
    organisations = await container.api(user, "membership").get("/api/v1/organisations", limit=500)
    return render(request, "accounts.html", status, accounts=await container.accounts.created_by(user),
                  organisations=organisations["items"], roles=ROLE_NAMES, **context)  # fmt: skip


@router.get("/accounts")
async def accounts_page(request: Request, user: Admin) -> Response:
    """账号列表与新建账号表单."""
    return await _page(request, user)


def _check(values: dict[str, str], admin: Account) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not USERNAME.match(values["username"]):
        errors["username"] = "用户名为 3–40 位小写字母、数字或 . _ -"
    if not 1 <= len(values["display_name"]) <= 50:
        errors["display_name"] = "请填写姓名（最多 50 字）"
    if values["role"] not in ROLE_NAMES:
        errors["role"] = "请选择角色"
    if not values["org_id"] and (values["role"] != "city_admin" or admin.org_id is not None):
        errors["org_id"] = "请选择所属组织（只有市总管理员可以不限组织）"
    if problem := weakness(values["password"], values["username"]):
        errors["password"] = problem
    return errors


async def _org_name(request: Request, admin: Account, org_id: str) -> str | None:
    """The organisation's name if it lies in the admin's subtree, else ``None``."""
    try:
        org = (
            await container_of(request)
            .api(admin, "membership")
            .get(f"/api/v1/organisations/{org_id}")
        )
    except ApiError:
        return None
    return str(org["name"])


@router.post("/accounts")
async def create_account(request: Request, form: Form, user: Admin) -> Response:
    """新建账号: role and organisation scope within the admin's own subtree."""
    values = {name: str(form.get(name, "")).strip() for name in FIELDS}
    values["username"] = values["username"].lower()
    errors = _check(values, user)
    org_name = "全市" if not values["org_id"] else None
    if values["org_id"] and "org_id" not in errors:
        org_name = await _org_name(request, user, values["org_id"])
        if org_name is None:
            errors["org_id"] = "该组织不在您的管理范围内"
    if errors or org_name is None:
        shown = {**values, "password": ""}
        return await _page(request, user, 422, errors=errors, values=shown)
    try:
        await container_of(request).accounts.create(
            username=values["username"], display_name=values["display_name"], role=values["role"],
            org_id=values["org_id"] or None, org_name=org_name,
            password_hash=hash_password(values["password"]), created_by=user.id,
        )  # fmt: skip
    except asyncpg.UniqueViolationError:
        errors = {"username": "该用户名已被使用"}
        return await _page(request, user, 422, errors=errors, values={**values, "password": ""})
    return redirect("/accounts", f"已创建账号 {values['username']}")
