"""Operators' CLI: ``portal migrate | provision | serve | create-admin``."""

from __future__ import annotations

import asyncio
import secrets
from pathlib import Path
from typing import Annotated

import typer
from shared.cli import service_cli
from shared.db import create_pool

from portal.adapters.accounts import AccountStore
from portal.adapters.passwords import hash_password
from portal.config import SCHEMA, PortalSettings
from portal.entrypoints.service import SERVICE

app = service_cli(SERVICE)


async def _create_admin(username: str, password: str, if_missing: bool) -> bool:
    settings = PortalSettings()
    pool = await create_pool(settings.database_url, SCHEMA, min_size=1, max_size=1)
    try:
        store = AccountStore(pool)
        if if_missing and await store.count() > 0:
            return False
        await store.create(
            username=username, display_name="系统管理员", role="city_admin", org_id=None,
            org_name="全市", password_hash=hash_password(password), created_by=None,
        )  # fmt: skip
        return True
    finally:
        await pool.close()


@app.command("create-admin")
def create_admin(
    username: Annotated[str, typer.Option(help="用户名")] = "admin",
    password: Annotated[str | None, typer.Option(help="密码（省略则随机生成并打印）")] = None,
    if_missing: Annotated[bool, typer.Option(help="已有任何账号时什么也不做")] = False,
    password_file: Annotated[
        Path | None, typer.Option(help="把生成的密码写入此文件 (仅所有者可读)，而不打印")
    ] = None,
) -> None:
    """Create a city-wide administrator account (make run calls it with --if-missing)."""
    chosen = password or secrets.token_urlsafe(12)
    if not asyncio.run(_create_admin(username, chosen, if_missing)):
        typer.echo("管理员账号已存在 (an account exists already; nothing created)")
        return
    if password_file is not None:
        password_file.touch(mode=0o600)
        password_file.write_text(chosen + "\n", encoding="utf-8")
        typer.echo(f"已创建管理员账号 {username} (admin created; password in {password_file})")
        return
    typer.echo(f"已创建管理员账号 (admin created): 用户名 {username}  密码 {chosen}")


if __name__ == "__main__":
    app()
