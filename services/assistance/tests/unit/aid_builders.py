"""A replica world with a street and a district above the communities, households on file,
and shortcuts through the approval chain, for the aid unit tests."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID, uuid4

from assistance.domain.replica import ReplicaOrganisation
from assistance.service_layer.aid import commands as c
from assistance.service_layer.commands import CommandResult
from assistance.service_layer.handlers import handle
from assistance.service_layer.households import commands as hc

from .fakes import FakeStore, FakeUnitOfWork
from .household_builders import World, build_world, open_command


@dataclass
class AidWorld:
    """The household world re-parented: city → district → street → communities A and B."""

    base: World
    district: UUID
    street: UUID


def build_aid_world(store: FakeStore) -> AidWorld:
    base = build_world(store)
    district, street = uuid4(), uuid4()
    store.organisations[district] = ReplicaOrganisation(
        district, base.city, "district_federation", "区总工会", False
    )
    store.organisations[street] = ReplicaOrganisation(
        street, district, "street_federation", "街道总工会", False
    )
    for community in (base.community_a, base.community_b):
        old = store.organisations[community]
        store.organisations[community] = ReplicaOrganisation(
            community, street, old.kind, old.name, False
        )
    return AidWorld(base, district, street)


async def file_household(uow: FakeUnitOfWork, seq: int, *, org_id: UUID) -> UUID:
    """A household on file (head not a member) in ``org_id``."""
    command = open_command(seq, org_id=org_id)
    await handle(command, uow)
    await handle(hc.SubmitFile(scope_root=None, household_id=command.household_id), uow)
    await handle(hc.ApproveFile(scope_root=None, household_id=command.household_id), uow)
    return command.household_id


async def allocate(
    uow: FakeUnitOfWork, org_id: UUID, amount_fen: int, programme: str = "medical_aid"
) -> UUID:
    result = await handle(
        c.AllocateBudget(
            scope_root=None, org_id=org_id, programme=programme, year=2025, amount_fen=amount_fen
        ),
        uow,
    )
    return result.aggregate_id


async def reviewed_application(
    uow: FakeUnitOfWork, world: AidWorld, household_id: UUID, requested_fen: int = 50_000
) -> UUID:
    """Submitted, supported by community A's officer, passed by the street's officer."""
    submitted = await handle(
        c.SubmitApplication(
            scope_root=None, programme="medical_aid", household_id=household_id,
            requested_fen=requested_fen, submitted_by="clerk",
        ),
        uow,
    )  # fmt: skip
    application_id = submitted.aggregate_id
    await handle(
        c.GiveOpinion(
            scope_root=world.base.community_a, application_id=application_id,
            actor_subject="community-officer", actor_role="assistance_officer", support=True,
        ),
        uow,
    )  # fmt: skip
    await handle(
        c.ReviewApplication(
            scope_root=world.street, application_id=application_id,
            actor_subject="street-officer", actor_role="assistance_officer", passed=True,
        ),
        uow,
    )  # fmt: skip
    return application_id


async def approve(
    uow: FakeUnitOfWork, world: AidWorld, application_id: UUID, amount_fen: int,
    *, subject: str = "district-officer",
) -> CommandResult:  # fmt: skip
    return await handle(
        c.ApproveApplication(
            scope_root=world.district, application_id=application_id, actor_subject=subject,
            actor_role="assistance_officer", approved_fen=amount_fen, budget_org_id=world.street,
        ),
        uow,
    )  # fmt: skip
