"""``make run``: the embedded stack and every service, in the foreground, stopped by Ctrl-C.

Starts PostgreSQL and nats-server under ``--data`` unless ``DATABASE_URL`` / ``NATS_URL`` name
external servers, then for each ``--service name=port``: ``<name> migrate``, ``<name> provision``
and ``<name> serve --port <port>`` as its own process. Ctrl-C (or SIGTERM) stops the services,
then NATS, then PostgreSQL, and leaves no process behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from shared.devstack.nats import NatsServer
from shared.devstack.ports import port_open, wait_for_port
from shared.devstack.postgres import PostgresServer

DEFAULT_PG_PORT = 55432
DEFAULT_NATS_PORT = 4222
STACK_ENV_FILE = "stack.env"
"""Written under ``--data`` while the platform runs: the URLs an operator's command needs
(``make rebuild`` reads it); removed when the platform stops."""

cli = typer.Typer(add_completion=False, help="UnionHub 本地运行 (embedded stack + services)")


@dataclass
class ServiceProcess:
    name: str
    port: int
    process: subprocess.Popen[bytes] | None = None


def _say(message: str) -> None:
    print(f"[unionhub] {message}", flush=True)


def _start_infrastructure(
    data: Path,
) -> tuple[PostgresServer | None, NatsServer | None, dict[str, str]]:
    env: dict[str, str] = {}
    pg: PostgresServer | None = None
    nats_server: NatsServer | None = None
    if not os.environ.get("DATABASE_URL"):
        port = int(os.environ.get("UNIONHUB_PG_PORT", DEFAULT_PG_PORT))
        pg = PostgresServer(data / "postgres", port)
        _say(f"PostgreSQL 启动中 (127.0.0.1:{port}, {data / 'postgres'}) …")
        pg.start()
        env["DATABASE_URL"] = pg.url()
    if not os.environ.get("NATS_URL"):
        port = int(os.environ.get("UNIONHUB_NATS_PORT", DEFAULT_NATS_PORT))
        if port_open(port):
            raise typer.BadParameter(f"port {port} is busy: set UNIONHUB_NATS_PORT or NATS_URL")
        nats_server = NatsServer(data / "nats", port)
        _say(f"NATS JetStream 启动中 ({nats_server.url}) …")
        nats_server.start()
        env["NATS_URL"] = nats_server.url
    return pg, nats_server, env


def _service_cli(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def _prepare(service: ServiceProcess, env: dict[str, str]) -> None:
    for step in ("migrate", "provision"):
        subprocess.run([_service_cli(service.name), step], env=env, check=True)  # noqa: S603


def _launch(service: ServiceProcess, env: dict[str, str]) -> None:
    service.process = subprocess.Popen(  # noqa: S603 - our own entry points
        [_service_cli(service.name), "serve", "--host", "127.0.0.1", "--port", str(service.port)],
        env=env,
        start_new_session=True,  # Ctrl-C reaches us once; we stop children in order
    )


def _stop_services(services: list[ServiceProcess]) -> None:
    for service in services:
        if service.process and service.process.poll() is None:
            os.killpg(service.process.pid, signal.SIGTERM)
    for service in services:
        if service.process is None:
            continue
        try:
            service.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(service.process.pid, signal.SIGKILL)
            service.process.wait()


def _parse_services(specs: list[str]) -> list[ServiceProcess]:
    services = []
    for spec in specs:
        name, _, port = spec.partition("=")
        services.append(ServiceProcess(name=name, port=int(port)))
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
    services = _parse_services(service or [])
    stopping = False

    def _on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    pg, nats_server, infra_env = _start_infrastructure(data)
    env = {**os.environ, **infra_env, "ENVIRONMENT": os.environ.get("ENVIRONMENT", "dev")}
    try:
        for svc in services:
            _prepare(svc, env)
            _launch(svc, env)
        for svc in services:
            wait_for_port(svc.port, timeout=60)
        _write_stack_env(data, env)
        _print_banner(services, env)
        while not stopping:
            if any(s.process and s.process.poll() is not None for s in services):
                _say("a service exited; stopping everything")
                break
            time.sleep(0.3)
    finally:
        _say("正在停止 … (stopping)")
        (data / STACK_ENV_FILE).unlink(missing_ok=True)
        _stop_services(services)
        if nats_server:
            nats_server.stop()
        if pg:
            pg.stop()
        _say("已全部停止 (all stopped)")


def _write_stack_env(data: Path, env: dict[str, str]) -> None:
    lines = [f"{name}={env[name]}" for name in ("DATABASE_URL", "NATS_URL", "ENVIRONMENT")]
    (data / STACK_ENV_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _print_banner(services: list[ServiceProcess], env: dict[str, str]) -> None:
    _say("UnionHub 工会服务平台 已启动:")
    for svc in services:
        base = f"http://127.0.0.1:{svc.port}"
        _say(f"  {svc.name:<12} {base}  (API 文档 {base}/docs, 就绪 {base}/readyz)")
    _say(f"  PostgreSQL   {env['DATABASE_URL']}")
    _say(f"  NATS         {env['NATS_URL']}")
    _say("  开发令牌: make token ROLE=union_cadre ORG=<组织ID>")
    _say("  重建统计读模型 (rebuild the read models): make rebuild")
    _say("按 Ctrl-C 停止 (press Ctrl-C to stop)")


if __name__ == "__main__":
    cli()
