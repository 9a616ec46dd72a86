"""Kinds of union organisation and the shape of the tree: who may sit under whom."""

from __future__ import annotations

from enum import StrEnum


class OrganisationKind(StrEnum):
    CITY_FEDERATION = "city_federation"
    DISTRICT_FEDERATION = "district_federation"
    STREET_FEDERATION = "street_federation"
    COMMUNITY_FEDERATION = "community_federation"
    BUILDING_FEDERATION = "building_federation"
    INDUSTRY_FEDERATION = "industry_federation"
    VILLAGE_FEDERATION = "village_federation"
    MARKET_UNION = "market_union"
    GRASSROOTS_UNION = "grassroots_union"
    UNION_GROUP = "union_group"

    @property
    def label(self) -> str:
        """The Chinese name of the kind."""
        return _KIND_LABELS[self]


class GrassrootsMode(StrEnum):
    SINGLE = "single"  # 独立建会
    JOINT = "joint"  # 联合基层工会


class OrganisationStatus(StrEnum):
    ACTIVE = "active"
    DISSOLVED = "dissolved"


Kind = OrganisationKind
_KIND_LABELS = {
    Kind.CITY_FEDERATION: "市总工会",
    Kind.DISTRICT_FEDERATION: "区/县总工会",
    Kind.STREET_FEDERATION: "街道/乡镇总工会",
    Kind.COMMUNITY_FEDERATION: "社区工联会",
    Kind.BUILDING_FEDERATION: "楼宇工联会",
    Kind.INDUSTRY_FEDERATION: "行业工会联合会",
    Kind.VILLAGE_FEDERATION: "村级工会联合会",
    Kind.MARKET_UNION: "市场工会",
    Kind.GRASSROOTS_UNION: "基层工会",
    Kind.UNION_GROUP: "工会小组",
}
FEDERATION_KINDS = frozenset(Kind) - {Kind.GRASSROOTS_UNION, Kind.UNION_GROUP}
"""Every level above the grassroots; employers lie in the territory of one of these."""

ALLOWED_PARENTS: dict[OrganisationKind, frozenset[OrganisationKind]] = {
    Kind.CITY_FEDERATION: frozenset(),
    Kind.DISTRICT_FEDERATION: frozenset({Kind.CITY_FEDERATION}),
    Kind.STREET_FEDERATION: frozenset({Kind.DISTRICT_FEDERATION}),
    Kind.COMMUNITY_FEDERATION: frozenset({Kind.STREET_FEDERATION}),
    Kind.BUILDING_FEDERATION: frozenset({Kind.STREET_FEDERATION, Kind.COMMUNITY_FEDERATION}),
    # 区域性、行业性工会联合会 are founded at every level from the city's industry unions down
    # to a community's (a community's property-management union is ordinary).
    Kind.INDUSTRY_FEDERATION: frozenset(
        {
            Kind.CITY_FEDERATION,
            Kind.DISTRICT_FEDERATION,
            Kind.STREET_FEDERATION,
            Kind.COMMUNITY_FEDERATION,
        }
    ),
    Kind.VILLAGE_FEDERATION: frozenset({Kind.STREET_FEDERATION}),
    Kind.MARKET_UNION: frozenset({Kind.DISTRICT_FEDERATION, Kind.STREET_FEDERATION}),
    Kind.GRASSROOTS_UNION: FEDERATION_KINDS,
    Kind.UNION_GROUP: frozenset({Kind.GRASSROOTS_UNION}),
}
"""Which kinds may be the parent of each kind; the city federation is the only root."""
