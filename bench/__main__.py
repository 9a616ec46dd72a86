"""``make bench``: start a private stack, measure every figure, print the table, save JSON.

Exits 1 when a step failed (the table still shows what was measured); budgets missed are
reported, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time

from rich.console import Console

from bench.figures import build_report
from bench.report import RESULTS_FILE, print_report, write_json
from bench.run import STEPS, Plan, measure_everything
from bench.stack import running_stack

TABLE_WIDTH = 130


def _console() -> Console:
    console = Console()
    if not console.is_terminal:  # piped or in CI: rich would wrap the table at 80 columns
        console = Console(width=TABLE_WIDTH)
    return console


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--only",
        default="",
        help=f"comma-separated steps to run besides the raw baselines: {', '.join(STEPS)}",
    )
    arguments = parser.parse_args()
    unknown = set(filter(None, arguments.only.split(","))) - set(STEPS)
    if unknown:
        parser.error(f"unknown steps: {', '.join(sorted(unknown))}")
    return arguments


def main() -> int:
    only = tuple(filter(None, _arguments().only.split(",")))
    console = _console()
    started = time.perf_counter()

    def say(message: str) -> None:
        console.print(f"[dim]{time.perf_counter() - started:6.1f}s[/] {message}", highlight=False)

    plan = Plan(only=only)
    load_at_start = os.getloadavg()[0]
    say("starting PostgreSQL (fsync on) and nats-server under a temporary folder")
    with running_stack() as stack:
        measurements = asyncio.run(measure_everything(stack, plan, say))
    say("servers stopped, temporary folder removed")
    report = build_report(measurements, plan)
    # Other work on the machine competes for the same cores and lowers every figure.
    report.details["load_average_1min"] = {"start": load_at_start, "end": os.getloadavg()[0]}
    print_report(report, console)
    # A partial run must not pass for the full run's results.
    path = write_json(report, RESULTS_FILE.with_name("partial.json") if only else RESULTS_FILE)
    relative = path.relative_to(RESULTS_FILE.parent.parent)
    console.print(f"written to {relative} ({time.perf_counter() - started:.0f} s in all)")
    return 1 if measurements.errors else 0


if __name__ == "__main__":
    sys.exit(main())
