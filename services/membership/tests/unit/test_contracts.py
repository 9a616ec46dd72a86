"""Collective contracts: who signs, what they cover, their term, termination."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest
from membership.domain import ContractKind, ContractStatus, SigningParty
from membership.domain.errors import InvalidContract, OrganisationNotActive, ParentNotAllowed
from membership.service_layer import handle
from membership.service_layer.commands import DissolveUnion, SignContract, TerminateContract
from pydantic import ValidationError
from shared.contracts import membership as contracts
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import registry
from shared.seedwork import InvalidTransition, InvalidValue, NotFound

from .builders import World
from .fakes import TODAY, FakeUnitOfWork


def _sign(world: World, **overrides: object) -> SignContract:
    fields: dict[str, object] = {
        "scope_root": world.city,
        "kind": ContractKind.WAGE,
        "union_id": world.union_a,
        "employer_ids": (world.employer_a,),
        "workers_covered": 120,
        "signed_on": date(2025, 1, 10),
        "starts_on": date(2025, 2, 1),
        "ends_on": date(2028, 1, 31),
    }
    fields.update(overrides)
    return SignContract(**fields)  # type: ignore[arg-type]


async def test_a_signed_contract_is_stored_and_published(uow: FakeUnitOfWork, world: World) -> None:
    cmd = _sign(world)
    result = await handle(cmd, uow)
    contract = uow.store.contracts[result.aggregate_id]
    assert (contract.kind, contract.status, contract.version) == (
        ContractKind.WAGE,
        ContractStatus.IN_FORCE,
        1,
    )
    assert uow.store.outbox[-1].event.model_dump(mode="json") == {
        "org_id": str(world.union_a),
        "occurred_on": "2025-01-10",
        "contract_id": str(cmd.contract_id),
        "kind": "wage",
        "signing_party": "own_union",
        "employer_ids": [str(world.employer_a)],
        "employers_covered": 1,
        "workers_covered": 120,
        "starts_on": "2025-02-01",
        "ends_on": "2028-01-31",
    }


async def test_a_regional_federation_signs_for_many_employers(
    uow: FakeUnitOfWork, world: World
) -> None:
    cmd = _sign(
        world,
        kind=ContractKind.WOMEN,
        union_id=world.community,
        employer_ids=(world.employer_a, world.employer_b),
        workers_covered=240,
    )
    await handle(cmd, uow)
    assert uow.store.outbox[-1].event.model_dump()["employers_covered"] == 2


async def test_a_regional_federation_signs_as_regional_union(
    uow: FakeUnitOfWork, world: World
) -> None:
    cmd = _sign(world, union_id=world.community, signing_party=SigningParty.REGIONAL_UNION)
    result = await handle(cmd, uow)
    assert uow.store.contracts[result.aggregate_id].signing_party is SigningParty.REGIONAL_UNION
    assert uow.store.outbox[-1].event.model_dump()["signing_party"] == "regional_union"


@pytest.mark.parametrize(
    ("union", "party"),
    [("union_a", SigningParty.REGIONAL_UNION), ("community", SigningParty.INDUSTRY_UNION)],
)
async def test_the_party_must_fit_the_signing_organisation(
    uow: FakeUnitOfWork, world: World, union: str, party: SigningParty
) -> None:
    with pytest.raises(ParentNotAllowed) as refused:
        await handle(_sign(world, union_id=getattr(world, union), signing_party=party), uow)
    assert refused.value.field == "signing_party"
    assert uow.store.contracts == {}


def _envelope(version: int, data: dict[str, object]) -> CloudEvent:
    return CloudEvent(
        id="e-1", source="membership", type="membership.contract.signed", subject="s",
        time=datetime(2025, 1, 10, tzinfo=UTC), data=data, dataversion=version,
    )  # fmt: skip


def test_a_v1_signing_is_decoded_as_v2_signed_by_the_own_union() -> None:
    v1 = {
        "org_id": str(uuid4()), "occurred_on": "2024-03-01", "contract_id": str(uuid4()),
        "kind": "comprehensive", "employer_ids": [str(uuid4())], "employers_covered": 1,
        "workers_covered": 30, "starts_on": "2024-03-01", "ends_on": "2027-02-28",
    }  # fmt: skip
    decoded = registry.decode(_envelope(1, v1))
    assert isinstance(decoded, contracts.ContractSigned)
    assert decoded.version == 2
    assert decoded.signing_party == "own_union"
    assert decoded.workers_covered == 30


def test_a_v2_signing_keeps_its_party_and_refuses_an_unknown_one() -> None:
    v2 = {
        "org_id": str(uuid4()), "occurred_on": "2024-03-01", "contract_id": str(uuid4()),
        "kind": "wage", "signing_party": "industry_union", "employer_ids": [str(uuid4())],
        "employers_covered": 1, "workers_covered": 30, "starts_on": "2024-03-01",
        "ends_on": "2027-02-28",
    }  # fmt: skip
    assert registry.decode(_envelope(2, v2)).model_dump()["signing_party"] == "industry_union"
    with pytest.raises(ValidationError):
        registry.decode(_envelope(2, {**v2, "signing_party": "employer"}))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"employer_ids": ()}, "employer_ids"),
        ({"workers_covered": 0}, "workers_covered"),
        ({"ends_on": date(2025, 2, 1)}, "ends_on"),
        ({"ends_on": date(2028, 2, 2)}, "ends_on"),
        ({"signed_on": date(2025, 7, 1)}, "signed_on"),
        ({"signed_on": date(2028, 1, 31), "starts_on": date(2025, 6, 1)}, "signed_on"),
        (
            {
                "signed_on": date(2009, 12, 31),
                "starts_on": date(2010, 1, 1),
                "ends_on": date(2012, 12, 31),
            },
            "signed_on",
        ),  # before the union was founded
    ],
)
async def test_invalid_contracts_are_refused(
    uow: FakeUnitOfWork, world: World, overrides: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidContract) as caught:
        await handle(_sign(world, **overrides), uow)
    assert caught.value.field == field
    assert not uow.store.contracts


async def test_a_three_year_term_is_the_maximum(uow: FakeUnitOfWork, world: World) -> None:
    await handle(_sign(world, starts_on=date(2025, 2, 1), ends_on=date(2028, 2, 1)), uow)
    assert len(uow.store.contracts) == 1


async def test_duplicate_and_unknown_employers_are_refused(
    uow: FakeUnitOfWork, world: World
) -> None:
    with pytest.raises(InvalidContract, match="重复"):
        await handle(_sign(world, employer_ids=(world.employer_a, world.employer_a)), uow)
    with pytest.raises(NotFound) as caught:
        await handle(_sign(world, employer_ids=(world.employer_a, world.union_a)), uow)
    assert caught.value.field == "employer_ids"


async def test_signers_are_grassroots_unions_or_regional_federations(
    uow: FakeUnitOfWork, world: World
) -> None:
    with pytest.raises(ParentNotAllowed):
        await handle(_sign(world, union_id=world.city), uow)
    await handle(
        DissolveUnion(scope_root=world.city, org_id=world.union_b, dissolved_on=TODAY), uow
    )
    with pytest.raises(OrganisationNotActive):
        await handle(_sign(world, union_id=world.union_b), uow)


async def test_termination_within_the_term(uow: FakeUnitOfWork, world: World) -> None:
    contract_id = (await handle(_sign(world), uow)).aggregate_id

    def terminate(on: date) -> TerminateContract:
        return TerminateContract(scope_root=world.city, contract_id=contract_id, terminated_on=on)

    with pytest.raises(InvalidValue, match="签订日期"):
        await handle(terminate(date(2025, 1, 9)), uow)
    result = await handle(terminate(date(2025, 6, 1)), uow)
    contract = uow.store.contracts[contract_id]
    assert (contract.status, contract.terminated_on, result.version) == (
        ContractStatus.TERMINATED,
        date(2025, 6, 1),
        2,
    )
    assert uow.store.outbox[-1].event.event_type == "membership.contract.terminated"
    with pytest.raises(InvalidTransition):
        await handle(terminate(date(2025, 6, 2)), uow)
