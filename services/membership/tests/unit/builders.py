"""A small organisation tree with employers, built through the handlers, for the unit tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID, uuid4

from membership.domain import (
    CommitteeMember,
    CommitteeRole,
    GrassrootsMode,
    HouseholdType,
    OrganisationKind,
)
from membership.service_layer import handle
from membership.service_layer.commands import (
    AdmitMember,
    CensusFigures,
    FoundUnion,
    RegisterEmployer,
    SetCoverage,
)
from membership.service_layer.ports import AbstractUnitOfWork
from shared.identifiers import make_id_number, make_uscc

FOUNDED = date(2010, 1, 1)
JOINED = date(2020, 3, 1)


@dataclass(frozen=True)
class World:
    """city → district → street → community → union_a (single), union_b (joint);
    city → district → other_street → union_c. Employers lie in the community."""

    city: UUID
    district: UUID
    street: UUID
    community: UUID
    union_a: UUID
    union_b: UUID
    other_street: UUID
    union_c: UUID
    employer_a: UUID
    employer_b: UUID


def id_number(seq: int, *, sex: str = "male", born: date = date(1990, 5, 17)) -> str:
    """A valid ID number per ``seq`` (one person each)."""
    return make_id_number("440303", born, seq, "male" if sex == "male" else "female")


def uscc(seq: int) -> str:
    return make_uscc(f"91440300MA5{seq:06d}")


async def found(
    uow: AbstractUnitOfWork,
    kind: OrganisationKind,
    parent: UUID | None,
    *,
    scope: UUID,
    mode: GrassrootsMode | None = None,
    name: str | None = None,
) -> UUID:
    cmd = FoundUnion(
        scope_root=scope,
        kind=kind,
        name=name or f"{kind.label}{uuid4().hex[:6]}",
        parent_id=parent,
        founded_on=FOUNDED,
        grassroots_mode=mode,
    )
    return (await handle(cmd, uow)).aggregate_id


async def build_world(uow: AbstractUnitOfWork) -> World:
    city_id = uuid4()
    await handle(
        FoundUnion(
            scope_root=city_id,
            org_id=city_id,
            kind=OrganisationKind.CITY_FEDERATION,
            name="深圳市总工会",
            parent_id=None,
            founded_on=date(1950, 5, 1),
        ),
        uow,
    )
    kind = OrganisationKind
    district = await found(uow, kind.DISTRICT_FEDERATION, city_id, scope=city_id)
    street = await found(uow, kind.STREET_FEDERATION, district, scope=city_id)
    community = await found(uow, kind.COMMUNITY_FEDERATION, street, scope=city_id)
    union_a = await found(
        uow, kind.GRASSROOTS_UNION, community, scope=city_id, mode=GrassrootsMode.SINGLE
    )
    union_b = await found(
        uow, kind.GRASSROOTS_UNION, community, scope=city_id, mode=GrassrootsMode.JOINT
    )
    other_street = await found(uow, kind.STREET_FEDERATION, district, scope=city_id)
    union_c = await found(
        uow, kind.GRASSROOTS_UNION, other_street, scope=city_id, mode=GrassrootsMode.SINGLE
    )
    employer_a = await register(uow, community, seq=1, scope=city_id)
    employer_b = await register(uow, community, seq=2, scope=city_id)
    await handle(
        SetCoverage(
            scope_root=city_id, employer_id=employer_a, union_id=union_a, effective_on=FOUNDED
        ),
        uow,
    )
    return World(
        city_id, district, street, community, union_a, union_b, other_street, union_c,
        employer_a, employer_b,
    )  # fmt: skip


async def register(uow: AbstractUnitOfWork, territory: UUID, *, seq: int, scope: UUID) -> UUID:
    cmd = RegisterEmployer(
        scope_root=scope,
        uscc=uscc(seq),
        name=f"鹏城科技有限公司{seq}",
        registration_type="173",
        entered_by="cadre-1",
        industry="信息传输、软件和信息技术服务业",
        territory_org_id=territory,
        census=CensusFigures(workers=120, women=50, migrant_workers=30, effective_on=JOINED),
    )
    return (await handle(cmd, uow)).aggregate_id


def admission(world: World, seq: int, **overrides: Any) -> AdmitMember:
    """An admission to union_a of person ``seq``; keyword arguments override fields."""
    fields: dict[str, Any] = {
        "scope_root": world.city,
        "name": "张三",
        "id_number": id_number(seq),
        "mobile": "13812345678",
        "household_type": HouseholdType.AGRICULTURAL,
        "employer_id": world.employer_a,
        "union_id": world.union_a,
        "joined_on": JOINED,
        "card_number": f"GH-{seq:08d}",
    }
    fields.update(overrides)
    return AdmitMember(**fields)


def three_members(*, chair: str = "王主席") -> tuple[CommitteeMember, ...]:
    """The smallest valid committee: a chair, a vice-chair and a member."""
    return (
        CommitteeMember(chair, CommitteeRole.CHAIR, sex="male", full_time=True),
        CommitteeMember("李副主席", CommitteeRole.VICE_CHAIR, sex="female"),
        CommitteeMember("张委员", CommitteeRole.MEMBER),
    )
