"""The training and employment entries of a member timeline: their Chinese labels.

A placement says whether it was 再就业, and a follow-up (回访) says after how many months and
what it found, so a member's job story reads from the labels alone: 实现再就业, then
就业回访（3个月）：在岗. Only a follow-up naming its member (v2) is on a timeline at all: one first
published as v1 carries no person and counts in the figures only.
"""

from __future__ import annotations

from reporting.adapters.queries.timeline import TimelineEntry

__all__ = ["TRAINING_LABELS", "training_label"]

TRAINING_LABELS = {
    "training.enrolment.enrolled": "报名入班",
    "training.enrolment.waitlisted": "培训候补",
    "training.enrolment.withdrawn": "退班",
    "training.enrolment.completed": "培训结业",
    "training.certificate.issued": "取得证书",
    "training.certificate.revoked": "证书撤销",
    "training.competition.entered": "技能竞赛报名",
    "training.competition.placed": "技能竞赛名次",
    "training.seeker.registered": "求职登记",
    "training.placement.recorded": "实现就业",
    "training.placement.followed_up": "就业回访",
}
_FOLLOW_UP_OUTCOMES = {True: "在岗", False: "离职"}


def training_label(entry: TimelineEntry) -> str | None:
    """The Chinese name of a training entry; None for other events."""
    if entry.event_type == "training.placement.recorded" and entry.summary.get("reemployment"):
        return "实现再就业"
    if entry.event_type == "training.placement.followed_up":
        return _follow_up_label(entry)
    return TRAINING_LABELS.get(entry.event_type)


def _follow_up_label(entry: TimelineEntry) -> str:
    """就业回访（3个月）：在岗 or …：离职; the bare name if the data lacks either field."""
    months, still = entry.summary.get("months"), entry.summary.get("still_employed")
    if months is None or not isinstance(still, bool):
        return TRAINING_LABELS[entry.event_type]
    return f"就业回访（{months}个月）：{_FOLLOW_UP_OUTCOMES[still]}"
