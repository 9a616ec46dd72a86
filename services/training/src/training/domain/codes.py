"""The codes of training and employment, as the integration contracts spell them
(``tests/unit/test_codes.py`` checks the two agree); the values are the strings of the API, the
database and the events."""

from __future__ import annotations

from enum import StrEnum


class ClassKind(StrEnum):
    SKILLS = "skills"  # 技能培训
    PRE_JOB = "pre_job"  # 岗前培训
    REEMPLOYMENT = "reemployment"  # 再就业培训
    SAFETY = "safety"  # 安全培训
    LEGAL = "legal"  # 法律知识
    UNION_CADRE = "union_cadre"  # 工会干部培训
    WOMEN = "women"  # 女职工培训
    OTHER = "other"  # 其他


class TargetGroup(StrEnum):
    LAID_OFF = "laid_off"  # 下岗失业
    MIGRANT = "migrant"  # 农民工
    WOMEN = "women"  # 女职工
    HARDSHIP = "hardship"  # 困难职工
    GRADUATE = "graduate"  # 高校毕业生
    ALL = "all"  # 不限


class Mark(StrEnum):
    """One person's attendance at one session."""

    PRESENT = "present"  # 出勤
    ABSENT = "absent"  # 缺勤
    LATE = "late"  # 迟到
    EXCUSED = "excused"  # 请假


MARK_LABELS: dict[str, Mark] = {
    "出勤": Mark.PRESENT,
    "到": Mark.PRESENT,
    "缺勤": Mark.ABSENT,
    "缺": Mark.ABSENT,
    "迟到": Mark.LATE,
    "请假": Mark.EXCUSED,
    **{mark.value: mark for mark in Mark},
}
"""How a sign-in sheet may write a mark (Chinese or the code)."""


class WithdrawalReason(StrEnum):
    PERSONAL = "personal"  # 个人原因
    EMPLOYMENT = "employment"  # 已就业
    REMOVED = "removed"  # 被取消资格
    CLASS_CANCELLED = "class_cancelled"  # 培训班取消


class SeekerStatus(StrEnum):
    LAID_OFF = "laid_off"  # 下岗失业
    MIGRANT = "migrant"  # 农民工
    GRADUATE = "graduate"  # 高校毕业生
    HARDSHIP = "hardship"  # 困难职工
    OTHER = "other"  # 其他


class PlacementChannel(StrEnum):
    FAIR = "fair"  # 招聘会
    POSTING = "posting"  # 招聘信息
    OTHER = "other"  # 其他途径


class RevocationReason(StrEnum):
    ISSUED_IN_ERROR = "issued_in_error"  # 误发
    FRAUD = "fraud"  # 舞弊
    OTHER = "other"  # 其他
