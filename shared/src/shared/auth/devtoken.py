"""Print a development JWT: ``python -m shared.auth.devtoken --role union_cadre --org <uuid>``.

Reads ``ServiceSettings`` from the environment (and ``.env``) and refuses to run unless
``ENVIRONMENT`` is ``dev`` or ``test``: production tokens come from the identity provider.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import typer

from shared.auth.principal import Role
from shared.auth.tokens import issue_token
from shared.settings import ServiceSettings

app = typer.Typer(add_completion=False, help="签发开发环境令牌 (issue a development token)")


@app.command()
def devtoken(
    role: Annotated[list[Role], typer.Option("--role", help="角色，可重复")],
    org: Annotated[
        str | None, typer.Option("--org", help="组织范围根节点 UUID（市总管理员可省略）")
    ] = None,
    sub: Annotated[str, typer.Option("--sub", help="用户标识 (sub)")] = "dev-user",
    ttl_hours: Annotated[float, typer.Option("--ttl-hours", min=0.01, help="有效期（小时）")] = 8,
) -> None:
    """Print a signed HS256 token for the given roles and organisation scope."""
    settings = ServiceSettings()
    if settings.environment not in ("dev", "test"):
        typer.echo(f"refused: environment is {settings.environment}, not dev/test", err=True)
        raise typer.Exit(code=2)
    try:
        token = issue_token(
            settings,
            subject=sub,
            roles=[r.value for r in role],
            org_id=org or None,  # ``make token`` passes an empty --org for the city admin
            ttl=timedelta(hours=ttl_hours),
        )
    except ValueError as exc:
        typer.echo(f"refused: {exc}", err=True)
        raise typer.Exit(code=2) from exc
    typer.echo(token)


if __name__ == "__main__":
    app()
