"""Response bodies of the assistance statistics routes; every amount is integer fen."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from uuid import UUID

from pydantic import Field
from shared.http.fields import ApiModel

from reporting.domain.assistance_figures import AssistanceFigures


class HouseholdsView(ApiModel):
    on_file: int = Field(description="在档困难职工户数（统计日）")
    deep: int = Field(description="其中深度困难")
    relative: int = Field(description="其中相对困难")
    accident: int = Field(description="其中意外致困")
    temporary: int = Field(description="其中临时救助档案")
    filed: int = Field(description="期间新建档户数")
    exited: int = Field(description="期间解困脱困户数")
    cancelled: int = Field(description="期间注销档案数（不计入解困脱困）")


class ProgrammeView(ApiModel):
    payments: int = Field(description="帮扶人次")
    amount_fen: int = Field(description="帮扶金额（分）")


class AidView(ApiModel):
    payments: int = Field(description="帮扶人次（全部项目，一笔发放为一人次）")
    people: int = Field(
        description="帮扶人数（去重：有档案的按户计，无档案的会员按人计；同一户多次发放只计一）"
    )
    employers: int = Field(description="涉及企业数（受助户或会员所在单位，去重；单位不详的不计）")
    amount_fen: int = Field(description="帮扶金额（分，全部项目）")
    by_programme: dict[str, ProgrammeView] = Field(
        description="按项目：festival_consolation 送温暖, student_aid 金秋助学, "
        "medical_aid 医疗救助, emergency_relief 临时救助, summer_relief 夏送清凉"
    )


class VisitsView(ApiModel):
    visits: int = Field(description="走访人次")
    people: int = Field(description="走访人数（去重：有档案的按户计，无档案的会员按人计）")
    households: int = Field(description="走访的困难职工户数（去重）")
    employers: int = Field(description="涉及企业数（走访户或会员所在单位，去重）")
    by_occasion: dict[str, int] = Field(
        description="按走访事由：hospital, university_entry, festival, wedding, funeral, other"
    )


class DonationsView(ApiModel):
    receipts: int = Field(description="募捐笔数")
    amount_fen: int = Field(description="募捐金额（分）")


class InsuranceView(ApiModel):
    enrolled_members: int = Field(description="互助保障参保人数（期间参保，去重）")
    enrolments: int = Field(description="参保笔数")
    premium_fen: int = Field(description="参保费（分）")
    claims: int = Field(description="报销人次")
    claims_fen: int = Field(description="报销金额（分）")


class AssistanceView(ApiModel):
    org_id: UUID
    name: str | None = Field(description="组织在统计日的名称")
    date_from: date = Field(description="期间开始日")
    stock_date: date = Field(description="在档户数的统计日（期间末或截至日）")
    households: HouseholdsView
    aid: AidView
    visits: VisitsView
    donations: DonationsView
    insurance: InsuranceView

    @classmethod
    def of(cls, figures: AssistanceFigures) -> AssistanceView:
        aid = figures.aid
        return cls(
            org_id=figures.org_id,
            name=figures.name,
            date_from=figures.date_from,
            stock_date=figures.stock_date,
            households=HouseholdsView(**asdict(figures.households), **asdict(figures.files)),
            aid=AidView(
                payments=aid.payments,
                people=aid.people,
                employers=aid.employers,
                amount_fen=aid.amount_fen,
                by_programme={k: ProgrammeView(**asdict(v)) for k, v in aid.by_programme.items()},
            ),
            visits=VisitsView(**asdict(figures.visits)),
            donations=DonationsView(**asdict(figures.donations)),
            insurance=InsuranceView(**asdict(figures.insurance)),
        )


class AssistanceBreakdownView(ApiModel):
    children: list[AssistanceView] = Field(description="每个下级组织一行（按统计日的隶属关系）")
    self_only: AssistanceView = Field(
        description="本级：直接记在本组织的数据（如本级直接发放的帮扶），不含任何下级"
    )
    total: AssistanceView = Field(description="本组织合计（含全部下级）")
