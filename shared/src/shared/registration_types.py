"""登记注册类型: the national statistical classification of an employer's registration.

The enterprise codes are those of the 国家统计局 classification (内资 1xx, 港澳台商投资 2xx,
外商投资 3xx); the non-enterprise kinds unions also count (机关, 事业单位 …) have no number
there and carry a textual code. Reports group the codes into ownership classes
(:func:`ownership_class`), which is what the annual statistical report breaks figures down by.

Pure standard library: membership validates against the table and reporting groups by it,
and neither may import the other.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final, Literal

JOINT_VENTURE_UNSPECIFIED: Final = "joint_venture_unspecified"
"""An employer once recorded only as 合资, which may be 国内联营 or 中外合资: to be corrected."""

REGISTRATION_TYPES: Final = MappingProxyType(
    {
        "110": "国有企业",
        "120": "集体企业",
        "130": "股份合作企业",
        "140": "联营企业",
        "141": "国有联营企业",
        "142": "集体联营企业",
        "143": "国有与集体联营企业",
        "149": "其他联营企业",
        "151": "国有独资公司",
        "159": "其他有限责任公司",
        "160": "股份有限公司",
        "170": "私营企业",
        "171": "私营独资企业",
        "172": "私营合伙企业",
        "173": "私营有限责任公司",
        "174": "私营股份有限公司",
        "190": "其他内资企业",
        "210": "合资经营企业（港或澳、台资）",
        "220": "合作经营企业（港或澳、台资）",
        "230": "港、澳、台商独资经营企业",
        "240": "港、澳、台商投资股份有限公司",
        "290": "其他港、澳、台商投资企业",
        "310": "中外合资经营企业",
        "320": "中外合作经营企业",
        "330": "外资企业",
        "340": "外商投资股份有限公司",
        "390": "其他外商投资企业",
        "government_agency": "机关",
        "public_institution": "事业单位",
        "social_group": "社会团体",
        "private_non_enterprise": "民办非企业单位",
        "individual_business": "个体工商户",
        "other": "其他",
        JOINT_VENTURE_UNSPECIFIED: "合资（未区分国内/中外）",
    }
)
"""Every registration type code with its Chinese label."""

OWNERSHIP_CLASSES: Final = MappingProxyType(
    {
        "state": "国有",
        "collective": "集体",
        "cooperative": "股份合作",
        "joint_operation": "联营",
        "limited_liability": "有限责任",
        "joint_stock": "股份有限",
        "private": "私营",
        "other_domestic": "其他内资",
        "hk_macao_taiwan": "港澳台商投资",
        "foreign": "外商投资",
        "joint_venture_unspecified": "合资（待核实）",
        "public_sector": "机关事业",
        "social_organisation": "社会组织",
        "individual_business": "个体",
        "other": "其他",
    }
)
"""The classes a report groups registration types by, in the report's order, with labels."""

ENTERPRISE_CLASSES: Final = frozenset(
    {
        "state",
        "collective",
        "cooperative",
        "joint_operation",
        "limited_liability",
        "joint_stock",
        "private",
        "other_domestic",
        "hk_macao_taiwan",
        "foreign",
        "joint_venture_unspecified",
    }
)
"""The classes of enterprises (企业), the usual subset of a 建会率 among enterprises."""

_CLASS_BY_PREFIX: Final = {
    "11": "state",
    "12": "collective",
    "13": "cooperative",
    "14": "joint_operation",
    "15": "limited_liability",
    "16": "joint_stock",
    "17": "private",
    "19": "other_domestic",
    "2": "hk_macao_taiwan",
    "3": "foreign",
}
_CLASS_BY_KIND: Final = {
    "government_agency": "public_sector",
    "public_institution": "public_sector",
    "social_group": "social_organisation",
    "private_non_enterprise": "social_organisation",
    "individual_business": "individual_business",
    "other": "other",
    JOINT_VENTURE_UNSPECIFIED: "joint_venture_unspecified",
}

FROM_OWNERSHIP: Final = MappingProxyType(
    {
        "state": "110",
        "collective": "120",
        "private": "170",
        "foreign": "330",
        "hk_macao_taiwan": "290",
        "public_institution": "public_institution",
        "social_organisation": "social_group",
        "individual_business": "individual_business",
        # 国内联营 (14x) or 中外合资 (310): the old code cannot tell, so it is left to correct.
        "joint_venture": JOINT_VENTURE_UNSPECIFIED,
    }
)
"""The registration type standing for each value of the former coarse ``ownership`` code."""


RegistrationType = Literal[
    "110", "120", "130", "140", "141", "142", "143", "149", "151", "159", "160", "170", "171",
    "172", "173", "174", "190", "210", "220", "230", "240", "290", "310", "320", "330", "340",
    "390", "government_agency", "public_institution", "social_group", "private_non_enterprise",
    "individual_business", "other", "joint_venture_unspecified",
]  # fmt: skip
"""The codes of :data:`REGISTRATION_TYPES` as a type, for request schemas (an API lists them)."""

OwnershipClass = Literal[
    "state", "collective", "cooperative", "joint_operation", "limited_liability", "joint_stock",
    "private", "other_domestic", "hk_macao_taiwan", "foreign", "joint_venture_unspecified",
    "public_sector", "social_organisation", "individual_business", "other",
]  # fmt: skip
"""The keys of :data:`OWNERSHIP_CLASSES` as a type."""


class UnknownRegistrationType(ValueError):
    """A code that is not in :data:`REGISTRATION_TYPES`."""


def ownership_class(code: str) -> str:
    """The ownership class a report groups ``code`` under.

    Args:
        code: a registration type code, e.g. ``"159"`` or ``"social_group"``.

    Returns:
        A key of :data:`OWNERSHIP_CLASSES`, e.g. ``"limited_liability"``.

    Raises:
        UnknownRegistrationType: ``code`` is not a registration type.
    """
    if code not in REGISTRATION_TYPES:
        raise UnknownRegistrationType(code)
    if code in _CLASS_BY_KIND:
        return _CLASS_BY_KIND[code]
    return _CLASS_BY_PREFIX.get(code[:2]) or _CLASS_BY_PREFIX[code[:1]]


def is_enterprise(code: str) -> bool:
    """Whether ``code`` is an enterprise's registration type (its class is an enterprise class).

    Raises:
        UnknownRegistrationType: ``code`` is not a registration type.
    """
    return ownership_class(code) in ENTERPRISE_CLASSES
