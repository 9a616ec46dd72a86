"""登记注册类型 of an employer: the code table of ``shared.registration_types``, checked.

The table lives in the kit so that reporting groups by the same classes without importing
membership; this module is where membership refuses a code that is not in it, and maps the
coarse ``ownership`` code the service accepted before onto it.
"""

from __future__ import annotations

from enum import StrEnum

from shared.registration_types import (
    FROM_OWNERSHIP,
    JOINT_VENTURE_UNSPECIFIED,
    REGISTRATION_TYPES,
    UnknownRegistrationType,
    ownership_class,
)
from shared.seedwork import InvalidValue

__all__ = [
    "JOINT_VENTURE_UNSPECIFIED",
    "REGISTRATION_TYPES",
    "Ownership",
    "class_of",
    "from_ownership",
    "parse_registration_type",
]


class Ownership(StrEnum):
    """The coarse code employers were registered with before; still accepted on input."""

    STATE = "state"  # 国有
    COLLECTIVE = "collective"  # 集体
    PRIVATE = "private"  # 私营
    FOREIGN = "foreign"  # 外资
    HK_MACAO_TAIWAN = "hk_macao_taiwan"  # 港澳台
    JOINT_VENTURE = "joint_venture"  # 合资
    PUBLIC_INSTITUTION = "public_institution"  # 机关事业
    SOCIAL_ORGANISATION = "social_organisation"  # 社会组织
    INDIVIDUAL_BUSINESS = "individual_business"  # 个体工商户


def parse_registration_type(code: str) -> str:
    """``code`` when it is a registration type, else InvalidValue naming the field."""
    if code not in REGISTRATION_TYPES:
        raise InvalidValue("登记注册类型代码无效", field="registration_type")
    return code


def from_ownership(ownership: Ownership) -> str:
    """The registration type standing for a former ``ownership`` code (合资 stays unresolved)."""
    return FROM_OWNERSHIP[ownership.value]


def class_of(code: str) -> str:
    """The ownership class of a registration type already checked."""
    try:
        return ownership_class(code)
    except UnknownRegistrationType:
        raise InvalidValue("登记注册类型代码无效", field="registration_type") from None
