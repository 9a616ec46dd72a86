"""Response bodies of the mediation statistics routes; every amount is integer fen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from pydantic import Field
from shared.http.fields import ApiModel

from reporting.domain.dispute_figures import DisputeFigures


class ContactsView(ApiModel):
    contacts: int = Field(description="接待来访（件）")
    workers: int = Field(description="来访涉及职工（人）")
    by_channel: dict[str, int] = Field(
        description="按渠道：visit 来访, phone 电话, online 网上, letter 信件, "
        "referred_by_superior 上级转办"
    )


class CasesView(ApiModel):
    received: int = Field(description="登记案件（件）")
    accepted: int = Field(description="受理案件（件）")
    by_category: dict[str, int] = Field(
        description="受理案件按类别：labour_contract 劳动合同, wages 劳动报酬/欠薪, work_injury 工伤, "
        "social_insurance 社会保险, dismissal 解除终止, other 其他"
    )
    workers: int = Field(description="涉及职工（受理案件，人）")
    migrant_workers: int = Field(description="其中农民工")
    collective: int = Field(description="集体争议（受理案件中涉及 10 人以上，件）")
    claimed_fen: int = Field(description="涉案金额（受理案件，分）")
    declined: int = Field(description="不予受理（件）")
    withdrawn: int = Field(description="撤回（件）")


class OutcomesView(ApiModel):
    closed: int = Field(description="办结数：期间办结的已受理案件（件）")
    closure_rate: Decimal | None = Field(
        description="办结率 % = 办结数 ÷ 受理案件；分母为 0 时为空"
    )
    settled: int = Field(description="调解成功数（件）")
    settlement_rate: Decimal | None = Field(
        description="调解成功率 % = 调解成功数 ÷ 办结数；分母为 0 时为空"
    )
    failed: int = Field(description="调解不成（件）")
    agreed_fen: int = Field(description="调解协议金额（分）")
    referred: dict[str, int] = Field(description="转出：arbitration 转仲裁, court 转诉讼（件）")
    legal_aid: int = Field(description="法律援助（件）")
    legal_aid_by_stage: dict[str, int] = Field(
        description="法律援助按阶段：arbitration 仲裁, first_instance 一审, second_instance 二审"
    )
    recovered_fen: int = Field(description="追回金额（分）")


class OverdueView(ApiModel):
    open_overdue: int = Field(description="统计日逾期未结案件：已受理、未结、调解期限已过（件）")
    notices: int = Field(description="期间逾期提示次数")


class ExtensionsView(ApiModel):
    extensions: int = Field(
        description="延期次数：期间内延长调解期限的次数（同一案件延期两次计 2 次）"
    )
    by_reason: dict[str, int] = Field(
        description="延期次数按理由，每个代码均列出（无则为 0）：further_investigation "
        "案情复杂需进一步调查, party_request 当事人申请, awaiting_evidence 等待鉴定或证据, "
        "settlement_near 协商中即将达成协议, other 其他, unknown 未记录（理由登记前的延期）"
    )


class DisputeView(ApiModel):
    org_id: UUID
    name: str | None = Field(description="组织在统计日的名称")
    date_from: date = Field(description="期间开始日")
    stock_date: date = Field(description="统计日（期间末或截至日）：逾期案件按此日统计")
    contacts: ContactsView
    cases: CasesView
    outcomes: OutcomesView
    overdue: OverdueView
    extensions: ExtensionsView

    @classmethod
    def of(cls, figures: DisputeFigures) -> DisputeView:
        c, k, o = figures.contacts, figures.cases, figures.outcomes
        return cls(
            org_id=figures.org_id, name=figures.name, date_from=figures.date_from,
            stock_date=figures.stock_date,
            contacts=ContactsView(contacts=c.contacts, workers=c.workers, by_channel=c.by_channel),
            cases=CasesView(
                received=k.received, accepted=k.accepted, by_category=k.by_category,
                workers=k.workers, migrant_workers=k.migrant_workers, collective=k.collective,
                claimed_fen=k.claimed_fen, declined=k.declined, withdrawn=k.withdrawn,
            ),
            outcomes=OutcomesView(
                closed=o.closed, closure_rate=figures.closure_rate, settled=o.settled,
                settlement_rate=figures.settlement_rate, failed=o.failed,
                agreed_fen=o.agreed_fen, referred=o.referred, legal_aid=o.legal_aid_granted,
                legal_aid_by_stage=o.legal_aid, recovered_fen=o.recovered_fen,
            ),
            overdue=OverdueView(
                open_overdue=figures.overdue.open_overdue, notices=figures.overdue.notices
            ),
            extensions=ExtensionsView(
                extensions=figures.extensions.extensions,
                by_reason=dict(figures.extensions.by_reason),
            ),
        )  # fmt: skip


class DisputeBreakdownView(ApiModel):
    children: list[DisputeView] = Field(description="每个下级组织一行（按统计日的隶属关系）")
    total: DisputeView = Field(description="本组织合计（含全部下级）")


class DisputePeriodView(ApiModel):
    label: str = Field(description="分期名称，如 2024年第一季度")
    figures: DisputeView


class DisputePeriodsView(ApiModel):
    periods: list[DisputePeriodView] = Field(
        description="年度、半年按季度分列，季度按月分列；晚于截至日的分期不列"
    )
    total: DisputeView = Field(description="整个期间")
