"""The codes of donations and mutual insurance, as the integration contracts spell them
(``tests/unit/test_aid_codes.py`` checks the two agree). Each code is a ``StrEnum``: its values
are the strings of the API, the database and the events."""

from __future__ import annotations

from enum import StrEnum


class DonorKind(StrEnum):
    INDIVIDUAL = "individual"  # 个人
    EMPLOYER = "employer"  # 单位
    UNION = "union"  # 工会
    OTHER = "other"  # 其他


class ClaimKind(StrEnum):
    INPATIENT = "inpatient"  # 住院
    OUTPATIENT_CHRONIC = "outpatient_chronic"  # 门诊慢性病
    CRITICAL_ILLNESS = "critical_illness"  # 重大疾病
    ACCIDENT = "accident"  # 意外伤害


DONOR_KINDS: tuple[DonorKind, ...] = tuple(DonorKind)
CLAIM_KINDS: tuple[ClaimKind, ...] = tuple(ClaimKind)
