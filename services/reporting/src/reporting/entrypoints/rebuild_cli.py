"""``reporting rebuild``: replay the read models with a progress bar and print the comparison."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from nats.errors import Error as NatsError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from shared.bus import connect_nats
from shared.identifiers import today_in_china

from reporting.adapters.projections.projected_streams import PROJECTED_STREAMS
from reporting.adapters.rebuild.figure_checks import Difference, Figures, recent_half_years
from reporting.adapters.rebuild.rebuild import RebuildRefused, RebuildReport, rebuild
from reporting.config import SERVICE_NAME, ReportingSettings
from reporting.domain.periods import InvalidPeriod, Period, parse_period

_SHOWN_DIFFERENCES = 20
_STREAMS = "、".join(stream.consumer.stream for stream in PROJECTED_STREAMS)


async def run_rebuild(
    settings: ReportingSettings,
    period_names: list[str],
    *,
    swap: bool,
    wait_seconds: float,
    console: Console,
) -> int:
    """Rebuild with a progress bar on ``console`` and print the comparison.

    Returns:
        The exit status: 0 when the figures agree, 1 when they differ, 2 when refused.
    """
    today = today_in_china()
    try:
        periods = _periods(period_names, today)
        report = await _rebuild_with_progress(settings, periods, today, swap, wait_seconds, console)
    except (InvalidPeriod, RebuildRefused) as error:
        console.print(f"[red]重建未完成: {error}[/red]")
        return 2
    except (OSError, NatsError) as error:  # nothing listens where the settings point
        console.print(
            f"[red]重建未开始: 无法连接 PostgreSQL 或 NATS ({error})。"
            "平台在运行吗? 用 make rebuild 针对 make run 启动的平台, "
            "或设置 DATABASE_URL 与 NATS_URL。[/red]"
        )
        return 2
    _print_report(console, report, periods)
    return 1 if report.differences else 0


async def _rebuild_with_progress(
    settings: ReportingSettings,
    periods: list[Period],
    today: date,
    swap: bool,
    wait_seconds: float,
    console: Console,
) -> RebuildReport:
    nc = await connect_nats(settings.nats_servers, name=f"{SERVICE_NAME}-rebuild")
    try:
        with _progress_bar(console) as bar:
            task = bar.add_task(f"重放 {_STREAMS} 事件", total=None)

            def advance(position: int, target: int) -> None:
                bar.update(task, completed=position, total=target)

            return await rebuild(
                settings.database_url, nc.jetstream(), periods, today=today,
                batch_size=settings.rebuild_batch_size, swap=swap, wait_seconds=wait_seconds,
                progress=advance,
            )  # fmt: skip
    finally:
        await nc.close()


def _periods(period_names: list[str], today: date) -> list[Period]:
    if not period_names:
        return recent_half_years(today)
    return [parse_period(name) for name in period_names]


def _progress_bar(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


def _print_report(console: Console, report: RebuildReport, periods: list[Period]) -> None:
    counts = report.counts
    console.print(
        f"重放 {counts.messages} 条消息 (应用 {counts.applied}, 重复 {counts.duplicates}, "
        f"跳过 {counts.skipped})，用时 {report.replay_seconds:.2f} 秒，"
        f"{report.events_per_second:,.0f} events/s"
    )
    span = f"{periods[0].date_from} – {periods[-1].date_to}" if periods else "-"
    console.print(f"比对 {report.checks} 项指标 (组织 × 期间, {span})")
    if report.differences:
        console.print(f"[red]不一致 {len(report.differences)} 项，未切换；重建结果保留供检查[/red]")
        console.print(_difference_table(report.differences[:_SHOWN_DIFFERENCES]))
    elif report.swapped:
        console.print("[green]全部一致，已切换到重建的读模型[/green]")
    else:
        console.print("[green]全部一致 (未切换)[/green]")


def _difference_table(found: list[Difference]) -> Table:
    table = Table("组织 org_id", "期间", "统计日", "差异 (实时 → 重建)")
    for difference in found:
        check = difference.check
        table.add_row(
            str(check.org_id),
            f"{check.period.date_from} – {check.period.date_to}",
            str(check.stock_date),
            _changed_fields(difference.live, difference.rebuilt),
        )
    return table


def _changed_fields(live: Figures, rebuilt: Figures) -> str:
    before, after = _flat(asdict(live)), _flat(asdict(rebuilt))
    return "; ".join(
        f"{name}: {before.get(name)} → {after.get(name)}"
        for name in sorted(before.keys() | after.keys())
        if before.get(name) != after.get(name)
    )


def _flat(values: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{name}."))
        else:
            flat[f"{prefix}{name}"] = value
    return flat
