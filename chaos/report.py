"""The run's figures as tables: the commands, each place's count, each fault's recovery."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from chaos.load import CONNECTION_FAILED, Load
from chaos.run import Result


def print_result(result: Result, console: Console) -> None:
    console.print(_commands(result.load))
    console.print(_places(result))
    console.print(_faults(result))
    quiet = "never" if result.quiet_after is None else f"{result.quiet_after:.1f} s"
    verdict = "[green]通过 PASS[/]" if result.passed else "[red]失败 FAIL[/]"
    console.print(
        f"{verdict}: 确认 acknowledged {_acknowledged(result.load)}"
        f" (+ {_acknowledged(result.load, transfers=True)} transfers), 丢失 lost {result.lost},"
        f" 重复 duplicated {result.duplicated}; 静默 quiet after {quiet};"
        f" {result.elapsed:.0f} s in all",
        highlight=False,
    )
    if result.kept is not None:
        console.print(f"data and logs kept in {result.kept}")


def _acknowledged(load: Load, transfers: bool = False) -> int:
    outcomes = load.transfers if transfers else load.outcomes
    return sum(1 for outcome in outcomes.values() if outcome.acknowledged)


def _commands(load: Load) -> Table:
    outcomes = [*load.outcomes.values(), *load.transfers.values()]
    table = Table(title="命令 commands (入会 admissions, 接转 transfers)", title_justify="left")
    table.add_column("指标 figure")
    table.add_column("值 value", justify="right")
    given_up = [o for o in outcomes if not o.acknowledged]
    answers = ", ".join(
        f"{'no answer' if status == CONNECTION_FAILED else status}: {count}"
        for status, count in sorted(load.attempts.items())
    )
    rows = [
        ("计划 planned", str(load.total)),
        ("发送 sent", f"{len(load.outcomes)} + {len(load.transfers)} transfers"),
        ("确认 acknowledged (2xx)", f"{_acknowledged(load)} + {_acknowledged(load, True)}"),
        ("重放 answered from the stored response", str(sum(o.replayed for o in outcomes))),
        ("放弃或拒绝 given up or refused", str(len(given_up))),
        ("请求 requests (retries included)", str(sum(load.attempts.values()))),
        ("应答 answers by status", answers),
    ]
    for label, value in rows:
        table.add_row(label, value)
    for outcome in given_up[:5]:
        table.add_row(f"  #{outcome.number} → {outcome.status}", outcome.detail[:120])
    return table


def _places(result: Result) -> Table:
    table = Table(title="核对 where every command is, once quiet", title_justify="left")
    for column in ("位置 place", "计数 counted", "丢失 lost", "重复 duplicated", "多余 extra"):
        table.add_column(column, justify="left" if "place" in column else "right")
    table.add_column("说明 note")
    for place in result.places:
        table.add_row(
            place.name,
            str(place.counted),
            _flag(place.lost),
            _flag(place.duplicated),
            _flag(place.extra),
            place.note,
        )
    return table


def _flag(value: int) -> str:
    return f"[red]{value}[/]" if value else "0"


def _faults(result: Result) -> Table:
    table = Table(title="故障 faults (SIGKILL, seconds after the kill)", title_justify="left")
    table.add_column("进程 process")
    for column in (
        "击杀 killed at (s into the load)",
        "重启 restarted",
        "恢复 back",
        "客户端恢复 clients served",
    ):
        table.add_column(column, justify="right")
    for record in result.faults:
        table.add_row(
            record.name,
            f"{record.killed_at:.1f}",
            _seconds(record.restarted),
            _seconds(record.back),
            _seconds(record.served),
        )
    return table


def _seconds(value: float | None) -> str:
    return "[red]never[/]" if value is None else f"{value:.1f}"
