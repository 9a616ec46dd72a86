"""The codes of donations and mutual insurance, as the integration contracts spell them
(``tests/unit/test_aid_codes.py`` checks the two agree)."""

from __future__ import annotations

from typing import Literal, get_args

DonorKind = Literal["individual", "employer", "union", "other"]
ClaimKind = Literal["inpatient", "outpatient_chronic", "critical_illness", "accident"]
"""住院, 门诊慢性病, 重大疾病, 意外伤害."""

DONOR_KINDS: tuple[str, ...] = get_args(DonorKind)
CLAIM_KINDS: tuple[str, ...] = get_args(ClaimKind)
