"""Codes of the mediation network."""

from __future__ import annotations

from enum import StrEnum


class MediationOrgKind(StrEnum):
    STREET_CENTRE = "street_centre"  # 街道调解分中心
    COMMUNITY_ROOM = "community_room"  # 社区调解室
    ENTERPRISE_COMMITTEE = "enterprise_committee"  # 企业劳动争议调解委员会
    OTHER = "other"  # 其他（职工权益维护站等）


class RiskKind(StrEnum):
    """预警风险, as the contracts spell them."""

    WAGE_ARREARS = "wage_arrears"  # 欠薪
    LAYOFFS = "layoffs"  # 裁员
    RELOCATION = "relocation"  # 搬迁
    CLOSURE = "closure"  # 关停
    SOCIAL_INSURANCE = "social_insurance"  # 社保欠缴
    OTHER = "other"  # 其他
