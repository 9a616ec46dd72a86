"""Response bodies of the training and employment statistics routes; every figure is a count."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from decimal import Decimal
from uuid import UUID

from pydantic import Field
from shared.http.fields import ApiModel

from reporting.domain.training_figures import (
    CourseFigures,
    EmploymentFigures,
    FollowUp,
    TrainingFigures,
)


class CoursesView(ApiModel):
    classes: int = Field(description="培训期数：期间开班且截至统计日未取消的培训班")
    classes_by_kind: dict[str, int] = Field(
        description="按类别：skills 技能, pre_job 岗前, reemployment 再就业, safety 安全, "
        "legal 法律, union_cadre 工会干部, women 女职工, other 其他"
    )
    classes_cancelled: int = Field(description="期间开班、截至统计日已取消的培训班（不计入期数）")
    trainees: int = Field(description="培训人次：期间入班人次减去截至统计日退班的")
    seats_taken: int = Field(description="期间入班人次（含其后退班的）")
    withdrawn: int = Field(description="其中截至统计日退班的")
    completed: int = Field(description="结业人次")
    certified: int = Field(description="取证人次：期间发证数减去截至统计日撤销的")
    issued: int = Field(description="期间发证数（含其后撤销的）")
    revoked: int = Field(description="其中截至统计日撤销的")
    competition_entries: int = Field(description="技能竞赛参赛人次")
    sessions: int = Field(description="期间考勤课次（每课次取最新考勤）")
    attended: int = Field(description="出勤人次（到课与迟到）")
    expected: int = Field(description="应到人次（到课、迟到、请假、缺勤）")
    attendance_rate: Decimal | None = Field(description="出勤率（%），应到为 0 时为空")

    @classmethod
    def of(cls, courses: CourseFigures) -> CoursesView:
        return cls(
            **asdict(courses),
            classes=courses.classes,
            trainees=courses.trainees,
            certified=courses.certified,
            attendance_rate=courses.attendance_rate,
        )


class FollowUpView(ApiModel):
    months: int = Field(description="回访时点：就业后 3 或 6 个月")
    followed: int = Field(description="期间回访人数")
    still_employed: int = Field(description="其中仍在岗")
    rate: Decimal | None = Field(description="仍在岗率（%），无人回访时为空")

    @classmethod
    def of(cls, follow_up: FollowUp) -> FollowUpView:
        return cls(**asdict(follow_up), rate=follow_up.rate)


class EmploymentView(ApiModel):
    fairs: int = Field(description="招聘会场次")
    fair_employers: int = Field(description="参会单位")
    fair_positions: int = Field(description="提供岗位")
    fair_seekers: int = Field(description="求职人数：登记求职者与现场求职者之和（不重复计）")
    fair_registered: int = Field(description="其中登记求职者")
    fair_walk_ins: int = Field(description="其中现场求职者")
    postings: int = Field(description="发布招聘信息条数")
    posting_positions: int = Field(description="招聘信息提供的岗位数")
    registrations: int = Field(description="求职登记人数")
    seekers_by_status: dict[str, int] = Field(
        description="按身份：laid_off 下岗失业, migrant 农民工, graduate 高校毕业生, "
        "hardship 困难职工, other 其他"
    )
    placements: int = Field(description="实现就业人数")
    reemployed: int = Field(description="其中实现再就业")
    follow_ups: list[FollowUpView] = Field(description="3 个月与 6 个月跟踪回访")

    @classmethod
    def of(cls, employment: EmploymentFigures) -> EmploymentView:
        found = asdict(employment)
        found.pop("follow_ups")
        return cls(
            **found,
            fair_seekers=employment.fair_seekers,
            registrations=employment.registrations,
            follow_ups=[FollowUpView.of(f) for f in employment.follow_ups],
        )


class TrainingView(ApiModel):
    org_id: UUID
    name: str | None = Field(description="组织在统计日的名称")
    date_from: date = Field(description="期间开始日")
    stock_date: date = Field(description="统计日（期间末或截至日）")
    courses: CoursesView
    employment: EmploymentView

    @classmethod
    def of(cls, figures: TrainingFigures) -> TrainingView:
        return cls(
            org_id=figures.org_id,
            name=figures.name,
            date_from=figures.date_from,
            stock_date=figures.stock_date,
            courses=CoursesView.of(figures.courses),
            employment=EmploymentView.of(figures.employment),
        )


class TrainingBreakdownView(ApiModel):
    children: list[TrainingView] = Field(description="每个下级组织一行（按统计日的隶属关系）")
    total: TrainingView = Field(description="本组织合计（含全部下级）")
