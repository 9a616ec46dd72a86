"""``make run``: the embedded stack and every service, in the foreground, stopped by Ctrl-C.

Starts PostgreSQL and nats-server under ``--data`` unless ``DATABASE_URL`` / ``NATS_URL`` name
external servers, then for each ``--service name=port``, the services side by side:
``<name> prepare`` (its migrations, then its streams) and ``<name> serve --port <port>``, each
as its own process. Ctrl-C (or SIGTERM), even during the start, stops the services, then NATS,
then PostgreSQL, within seconds; a second Ctrl-C exits at once. The children live in one
process group of their own (Ctrl-C reaches the supervisor alone) and die with the supervisor if
it is killed. A stack an earlier run left on the same ``--data`` is stopped first.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from shared.devstack.leftovers import live_supervisor, pid_file, record_pid, stop_leftovers
from shared.devstack.ports import Interrupted
from shared.devstack.stack import WORKBENCH, Stack, say
from shared.lifecycle import install_stop_handlers

STACK_ENV_FILE = "stack.env"
"""Written under ``--data`` while the platform runs: the URLs an operator's command needs
(``make rebuild`` reads it); removed when the platform stops."""

cli = typer.Typer(add_completion=False, help="UnionHub 本地运行 (embedded stack + services)")


def _parse_services(specs: list[str]) -> dict[str, int]:
    services = {}
    for spec in specs:
        name, _, port = spec.partition("=")
        services[name] = int(port)
    return services


@cli.command()
def main(
    data: Annotated[Path, typer.Option(help="folder for the embedded servers' data")] = Path(
        ".data"
    ),
    service: Annotated[
        list[str] | None, typer.Option(help="name=port of a service to run (repeatable)")
    ] = None,
) -> None:
    """Run the platform until Ctrl-C."""
    data = data.resolve()
    data.mkdir(parents=True, exist_ok=True)
    data.chmod(0o755)
    other = live_supervisor(data)
    if other is not None:
        say(f"另一个 make run (pid {other}) 正在使用 {data} (another run uses this data folder)")
        raise typer.Exit(1)
    stack = Stack(data, _parse_services(service or []))
    install_stop_handlers(stack.request_stop)
    record_pid(data, "supervisor", os.getpid())
    try:
        _run(stack, data)
    finally:
        pid_file(data, "supervisor").unlink(missing_ok=True)


def _run(stack: Stack, data: Path) -> None:
    stop_leftovers(data, stack.services, stack.pg, stack.nats, say)
    problem = stack.busy_port()
    if problem:
        say(problem)
        raise typer.Exit(1)
    failed = False
    try:
        env = stack.start()
        _write_stack_env(data, env)
        _print_banner(stack.services, env)
        _print_sign_in(stack)
        say("按 Ctrl-C 停止 (press Ctrl-C to stop)")
        failed = stack.watch()
    except Interrupted:
        pass
    finally:
        say("正在停止 … (stopping)")
        (data / STACK_ENV_FILE).unlink(missing_ok=True)
        stack.stop()
        say("已全部停止 (all stopped)")
    if failed:
        raise typer.Exit(1)


def _write_stack_env(data: Path, env: dict[str, str]) -> None:
    lines = [f"{name}={env[name]}" for name in ("DATABASE_URL", "NATS_URL", "ENVIRONMENT")]
    (data / STACK_ENV_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _print_banner(services: dict[str, int], env: dict[str, str]) -> None:
    say("UnionHub 工会服务平台 已启动:")
    for name, port in services.items():
        base = f"http://127.0.0.1:{port}"
        say(f"  {name:<12} {base}  (API 文档 {base}/docs, 就绪 {base}/readyz)")
    say(f"  PostgreSQL   {env['DATABASE_URL']}")
    say(f"  NATS         {env['NATS_URL']}")
    say("  开发令牌: make token ROLE=union_cadre ORG=<组织ID>")
    say("  重建统计读模型 (rebuild the read models): make rebuild")


def _print_sign_in(stack: Stack) -> None:
    port = stack.services.get(WORKBENCH)
    if port is None:
        return
    say(f"  工作台 (cadre workbench) http://127.0.0.1:{port}/  用户名 admin")
    if stack.admin_password_file.exists():
        password = stack.admin_password_file.read_text(encoding="utf-8").strip()
        say(f"  首个管理员密码 (first admin's password): {password}  登录后请修改")
    else:
        say("  管理员账号已存在 (the admin exists); 见 .venv/bin/portal create-admin --help")


if __name__ == "__main__":
    cli()
