"""``make chaos``: a bounded chaos run on a private stack; exits 1 on any loss or duplicate.

Starts PostgreSQL, nats-server and two instances of each service on free loopback ports under
a temporary folder, admits ``--commands`` members and transfers every fourth, from concurrent
clients (idempotency keys, retries), while SIGKILLing nats-server, the PostgreSQL postmaster
and each service instance once, then counts every command in each place it should reach.
"""

from __future__ import annotations

import argparse
import sys
import time

from rich.console import Console

from chaos.faults import FAULT_ORDER, SHORT
from chaos.report import print_result
from chaos.run import Plan, run_chaos
from chaos.stack import SERVICES

TABLE_WIDTH = 130


def _arguments() -> Plan:
    parser = argparse.ArgumentParser(prog="python -m chaos", description=__doc__)
    parser.add_argument("--commands", type=int, default=Plan.commands, help="admissions to send")
    parser.add_argument(
        "--seconds",
        type=float,
        default=Plan.seconds,
        help="cap from the start on the stack's start, the load and the faults"
        " (the wait for quiet, at most 180 s, and the count come after)",
    )
    parser.add_argument("--clients", type=int, default=Plan.clients, help="concurrent clients")
    parser.add_argument(
        "--transfer-every",
        type=int,
        default=Plan.transfer_every,
        help="transfer every n-th admitted member (0: admissions only)",
    )
    kill = parser.add_mutually_exclusive_group()
    kill.add_argument("--short", action="store_true", help=f"kill only {', '.join(SHORT)}")
    kill.add_argument(
        "--faults",
        default=",".join(FAULT_ORDER),
        help="comma-separated processes to kill, in order (empty: none)",
    )
    parser.add_argument(
        "--instances",
        default="",
        help="instances of a service when not two, e.g. reporting=1,assistance=1",
    )
    parser.add_argument("--keep", action="store_true", help="keep the data and logs folder")
    arguments = parser.parse_args()
    faults = SHORT if arguments.short else tuple(filter(None, arguments.faults.split(",")))
    if unknown := set(faults) - set(FAULT_ORDER):
        parser.error(f"unknown processes: {', '.join(sorted(unknown))}")
    if min(arguments.commands, arguments.clients, arguments.seconds) <= 0:
        parser.error("--commands, --clients and --seconds must be positive")
    if arguments.transfer_every < 0:
        parser.error("--transfer-every must be 0 or more")
    instances = _instances(parser, arguments.instances)
    return Plan(
        arguments.commands,
        arguments.seconds,
        arguments.clients,
        faults,
        arguments.transfer_every,
        instances,
        arguments.keep,
    )


def _instances(parser: argparse.ArgumentParser, given: str) -> dict[str, int]:
    instances: dict[str, int] = {}
    for pair in filter(None, given.split(",")):
        service, _, count = pair.partition("=")
        if service not in SERVICES or not count.isdigit() or int(count) < 1:
            parser.error(f"--instances: {pair!r} is not <service>=<count of 1 or more>")
        instances[service] = int(count)
    return instances


def main() -> int:
    plan = _arguments()
    console = Console()
    if not console.is_terminal:  # piped or in CI: rich would wrap the tables at 80 columns
        console = Console(width=TABLE_WIDTH)
    started = time.monotonic()

    def say(message: str) -> None:
        console.print(f"[dim]{time.monotonic() - started:6.1f}s[/] {message}", highlight=False)

    result = run_chaos(plan, say)
    print_result(result, console)
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
