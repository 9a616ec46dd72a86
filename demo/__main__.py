"""``make demo``: load a realistic street federation, a year of its hardship assistance and a
year of its training and employment services into the running platform (``make run``)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table
from shared.auth import issue_token
from shared.settings import ServiceSettings

from demo.assistance_report import print_assistance
from demo.assistance_run import AssistanceSide
from demo.disputes_run import DisputesSide, print_disputes
from demo.loader import DemoFailed
from demo.plan import DEFAULT_SEED, PERIOD, Size
from demo.run import Outcome, run_demo
from demo.training_run import TrainingSide, print_training

NOT_RUNNING = (
    "服务未就绪：请先在另一个终端运行 make run（未就绪：{missing}）。\n"
    "Services not ready: start `make run` in another terminal first."
)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m demo", description=__doc__)
    parser.add_argument("--membership-url", default="http://127.0.0.1:8101")
    parser.add_argument("--reporting-url", default="http://127.0.0.1:8100")
    parser.add_argument("--assistance-url", default="http://127.0.0.1:8102")
    parser.add_argument(
        "--no-assistance", action="store_true", help="不加载困难职工帮扶数据 (skip assistance)"
    )
    parser.add_argument("--disputes-url", default="http://127.0.0.1:8103")
    parser.add_argument(
        "--no-disputes", action="store_true", help="不加载劳动争议调解数据 (skip disputes)"
    )
    parser.add_argument("--training-url", default="http://127.0.0.1:8104")
    parser.add_argument(
        "--no-training", action="store_true", help="不加载职工培训与就业数据 (skip training)"
    )
    parser.add_argument("--employers", type=int, default=Size.employers)
    parser.add_argument("--members", type=int, default=Size.members)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    return parser.parse_args()


async def _ready(url: str) -> bool:
    try:
        async with httpx.AsyncClient(base_url=url, timeout=5.0) as client:
            return (await client.get("/readyz")).status_code == 200
    except httpx.TransportError:
        return False


def _services(args: argparse.Namespace) -> dict[str, str]:
    services = {
        "会籍服务 membership": args.membership_url,
        "统计服务 reporting": args.reporting_url,
    }
    if not args.no_assistance:
        services["帮扶服务 assistance"] = args.assistance_url
    if not args.no_disputes:
        services["调解服务 disputes"] = args.disputes_url
    if not args.no_training:
        services["培训服务 training"] = args.training_url
    return services


async def _main(args: argparse.Namespace, console: Console) -> int:
    missing = [f"{name} {url}" for name, url in _services(args).items() if not await _ready(url)]
    if missing:
        console.print(NOT_RUNNING.format(missing="，".join(missing)))
        return 2
    settings = ServiceSettings()
    token = issue_token(settings, subject="demo-loader", roles=["city_admin"], org_id=None)
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        httpx.AsyncClient(base_url=args.membership_url, headers=headers, timeout=60) as membership,
        httpx.AsyncClient(base_url=args.reporting_url, headers=headers, timeout=60) as reporting,
        httpx.AsyncClient(base_url=args.assistance_url, timeout=60) as assistance,
        httpx.AsyncClient(base_url=args.disputes_url, timeout=60) as disputes,
        httpx.AsyncClient(base_url=args.training_url, timeout=60) as training,
    ):
        size = Size(employers=args.employers, members=args.members, seed=args.seed)
        side = None if args.no_assistance else AssistanceSide(assistance, settings)
        mediation = None if args.no_disputes else DisputesSide(disputes, settings)
        learning = None if args.no_training else TrainingSide(training, settings)
        outcome = await run_demo(
            size,
            membership,
            reporting,
            console,
            assistance=side,
            disputes=mediation,
            training=learning,
        )
    _print_outcome(outcome, console, args)
    if outcome.assistance is not None:
        urls = {"assistance": args.assistance_url, "reporting": args.reporting_url}
        print_assistance(outcome.assistance, console, urls)
    if outcome.disputes is not None:
        print_disputes(outcome.disputes, console, args.disputes_url)
    if outcome.training is not None:
        print_training(outcome.training, console, args.training_url)
    return 0 if outcome.succeeded else 1


def _print_outcome(outcome: Outcome, console: Console, args: argparse.Namespace) -> None:
    if not outcome.created:
        console.print(f"演示数据已存在 (the demo exists already): 街道总工会 {outcome.street_id}")
    elif not outcome.consistent:
        console.print(
            "[red]统计服务的数字与加载的数据不一致 (reporting differs from what was loaded)"
        )
        console.print({"expected": outcome.expected, "reported": outcome.reported})
    if outcome.statistics:
        console.print(_headline(outcome.statistics))
    console.print(
        "\n试试 (try):\n"
        "  TOKEN=$(make -s token ROLE=city_admin)\n"
        f'  curl -s -H "Authorization: Bearer $TOKEN" '
        f"'{args.reporting_url}/api/v1/statistics?org_id={outcome.street_id}&period={PERIOD}'\n"
        f'  curl -s -H "Authorization: Bearer $TOKEN" '
        f"'{args.reporting_url}/api/v1/statistics/children?org_id={outcome.street_id}&period={PERIOD}'\n"
        f'  curl -s -H "Authorization: Bearer $TOKEN" '
        f"'{args.membership_url}/api/v1/organisations?parent_id={outcome.street_id}'",
        highlight=False,
        soft_wrap=True,
    )


def _headline(statistics: dict[str, Any]) -> Table:
    stock, flows = statistics["stock"], statistics["flows"]
    table = Table(title=f"{statistics['name']} · {PERIOD}（截至 {statistics['stock_date']}）")
    table.add_column("指标 indicator")
    table.add_column("数值 value", justify="right")
    rows = (
        ("单位数 employers", stock["employers"]),
        ("职工数 workers", stock["workers"]),
        ("已建会单位 covered employers", stock["covered_employers"]),
        ("建会率 % coverage rate", stock["coverage_rate"]),
        ("会员数 active members", stock["active_members"]),
        ("保留会籍 retained", stock["retained_members"]),
        ("入会率 % membership rate", stock["membership_rate"]),
        ("新发展会员 admitted (period)", flows["members_admitted"]),
        ("其中农民工 of whom migrant", flows["admitted_migrant"]),
        ("退会 left (period)", flows["members_left"]),
    )
    for label, value in rows:
        table.add_row(label, str(value))
    for kind, figures in statistics["contracts"].items():
        table.add_row(f"有效集体合同 in force: {kind}", str(figures["in_force"]))
    return table


def main() -> int:
    console = Console()
    try:
        return asyncio.run(_main(_arguments(), console))
    except DemoFailed as failure:
        console.print("[red]演示数据加载失败 (the demo failed):")
        console.print(str(failure), markup=False, highlight=False)
        return 1


if __name__ == "__main__":
    sys.exit(main())
