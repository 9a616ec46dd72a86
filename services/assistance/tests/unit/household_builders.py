"""A small replica world and valid household commands for the unit tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID, uuid4

from assistance.domain.replica import ReplicaMember, ReplicaOrganisation
from assistance.service_layer.households.commands import HeadIn, OpenFile, RelativeIn
from shared.identifiers import make_id_number

from .fakes import FakeStore


def person(seq: int) -> str:
    """A valid ID number for test person ``seq``."""
    born = date(1980 + seq % 30, 1 + seq % 12, 1 + seq % 28)
    return make_id_number("320102", born, seq % 99 + 1, "female" if seq % 2 else "male")  # type: ignore[arg-type]


@dataclass
class World:
    """City → community A and B → union A and B; one active member in each union."""

    city: UUID
    community_a: UUID
    community_b: UUID
    union_a: UUID
    union_b: UUID
    member_a: UUID
    member_b: UUID
    employer_a: UUID


def build_world(store: FakeStore) -> World:
    ids = [uuid4() for _ in range(5)]
    city, comm_a, comm_b, union_a, union_b = ids
    shape = [
        (city, None, "city_federation"),
        (comm_a, city, "community_federation"),
        (comm_b, city, "community_federation"),
        (union_a, comm_a, "grassroots_union"),
        (union_b, comm_b, "grassroots_union"),
    ]
    for org_id, parent, kind in shape:
        store.organisations[org_id] = ReplicaOrganisation(org_id, parent, kind, "工会", False)
    employer = uuid4()
    member_a, member_b = uuid4(), uuid4()
    store.members[member_a] = ReplicaMember(member_a, union_a, employer, "active")
    store.members[member_b] = ReplicaMember(member_b, union_b, None, "active")
    return World(city, comm_a, comm_b, union_a, union_b, member_a, member_b, employer)


def open_command(seq: int, *, scope_root: UUID | None = None, **extra: Any) -> OpenFile:
    """A valid draft for head ``seq`` with a spouse (ID number ``seq + 5000``) and a child."""
    fields: dict[str, Any] = {
        "scope_root": scope_root,
        "head": HeadIn(name=f"李{seq}明", id_number=person(seq), phone="13912345678"),
        "family": (
            RelativeIn(relation="spouse", name=f"王{seq}芳", id_number=person(seq + 5000)),
            RelativeIn(relation="child", name=f"李{seq}娃"),
        ),
        "level": "deep",
        "causes": ("illness",),
        "monthly_income_per_capita_fen": 98000,
    }
    fields.update(extra)
    return OpenFile(**fields)
