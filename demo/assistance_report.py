"""What ``make demo`` prints about assistance: the headline figures and what to try next."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from demo.assistance_run import STATISTICS_PATH, AssistanceOutcome

PROGRAMME_LABELS = {
    "festival_consolation": "送温暖 festival consolation",
    "student_aid": "金秋助学 student aid",
    "medical_aid": "医疗救助 medical aid",
    "emergency_relief": "临时救助 emergency relief",
    "summer_relief": "夏送清凉 summer relief",
}


def yuan(fen: int) -> str:
    """An amount in fen as yuan with two decimals, without floats: 4546000 → 45,460.00."""
    return f"{fen // 100:,}.{fen % 100:02d}"


def print_assistance(outcome: AssistanceOutcome, console: Console, urls: dict[str, str]) -> None:
    """The outcome, the street's headline figures and example requests."""
    if not outcome.created:
        console.print(
            f"帮扶演示数据已存在 (the assistance demo exists already): {outcome.period} 年预算已设置"
        )
    elif not outcome.consistent:
        console.print("[red]统计服务的帮扶数字与加载的数据不一致 (assistance figures differ)")
        console.print({"expected": outcome.expected, "reported": outcome.reported})
    if outcome.statistics:
        console.print(headline(outcome.statistics))
    console.print(hints(outcome, urls), highlight=False, soft_wrap=True)


def headline(view: dict[str, Any]) -> Table:
    """困难职工帮扶 headline figures of the street, Chinese first."""
    households, aid, visits = view["households"], view["aid"], view["visits"]
    donations, insurance = view["donations"], view["insurance"]
    table = Table(
        title=f"{view['name']} · 困难职工帮扶（{view['date_from']} 至 {view['stock_date']}）"
    )
    table.add_column("指标 indicator")
    table.add_column("数值 value", justify="right")
    rows: list[tuple[str, object]] = [
        ("在档困难职工户数 households on file", households["on_file"]),
        ("其中深度困难 deep", households["deep"]),
        ("其中相对困难 relative", households["relative"]),
        ("其中意外致困 accident", households["accident"]),
        ("其中临时救助档案 temporary", households["temporary"]),
        ("新建档 filed (period)", households["filed"]),
        ("解困脱困 exited (period)", households["exited"]),
        ("注销 cancelled (period)", households["cancelled"]),
        ("帮扶人次 aid payments", aid["payments"]),
        ("帮扶金额（元） aid amount", yuan(aid["amount_fen"])),
    ]
    for programme, label in PROGRAMME_LABELS.items():
        figures = aid["by_programme"].get(programme, {"payments": 0, "amount_fen": 0})
        rows.append(
            (f"  {label}", f"{figures['payments']} 人次 · {yuan(figures['amount_fen'])} 元")
        )
    rows += [
        ("走访慰问人次 visits", visits["visits"]),
        ("走访困难户 households visited", visits["households"]),
        ("涉及单位 employers", visits["employers"]),
        ("募捐笔数 donations", donations["receipts"]),
        ("募捐金额（元） donated", yuan(donations["amount_fen"])),
        ("互助保障参保人数 insured members", insurance["enrolled_members"]),
        ("保费（元） premiums", yuan(insurance["premium_fen"])),
        ("报销人次 claims paid", insurance["claims"]),
        ("报销金额（元） claims amount", yuan(insurance["claims_fen"])),
    ]
    for label, value in rows:
        table.add_row(label, str(value))
    return table


def hints(outcome: AssistanceOutcome, urls: dict[str, str]) -> str:
    """Example requests: the households an officer sees, the statistics, the export, the page."""
    street, period, as_of = outcome.street_id, outcome.period, outcome.as_of
    window = f"org_id={street}&period={period}&as_of={as_of}"
    assistance, reporting = urls["assistance"], urls["reporting"]
    return (
        "\n帮扶数据试试 (try):\n"
        f"  OFFICER=$(make -s token ROLE=assistance_officer ORG={street})\n"
        f'  curl -s -H "Authorization: Bearer $OFFICER" '
        f"'{assistance}/api/v1/households?org_id={street}&status=filed&limit=5'\n"
        "  TOKEN=$(make -s token ROLE=city_admin)\n"
        f"  curl -s -H \"Authorization: Bearer $TOKEN\" '{reporting}{STATISTICS_PATH}?{window}'\n"
        f'  curl -s -H "Authorization: Bearer $TOKEN" -o 困难职工帮扶统计.xlsx '
        f"'{reporting}{STATISTICS_PATH}/export?{window}&format=xlsx'\n"
        f"  看板 dashboard: {reporting}/dashboard/assistance?org_id={street}&period={period}"
        f"  （先在 {reporting}/login 用 $TOKEN 登录 — sign in with the token first）"
    )
