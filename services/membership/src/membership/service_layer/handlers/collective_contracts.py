"""Handlers for collective contracts (集体合同): sign, terminate."""

from __future__ import annotations

from shared.service_layer import CommandResult

from membership.domain import CollectiveContract
from membership.service_layer import lookups
from membership.service_layer.commands import SignContract, TerminateContract
from membership.service_layer.ports import AbstractUnitOfWork


async def sign_contract(cmd: SignContract, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        union = await lookups.organisation_in_scope(
            uow, cmd.union_id, cmd.scope_root, field="union_id"
        )
        for employer_id in cmd.employer_ids:
            await lookups.employer_in_scope(uow, employer_id, cmd.scope_root, field="employer_ids")
        contract = CollectiveContract.sign(
            contract_id=cmd.contract_id,
            kind=cmd.kind,
            union=union,
            employer_ids=cmd.employer_ids,
            workers_covered=cmd.workers_covered,
            signed_on=cmd.signed_on,
            starts_on=cmd.starts_on,
            ends_on=cmd.ends_on,
            today=uow.today(),
            signing_party=cmd.signing_party,
        )
        await uow.contracts.add(contract)
        await uow.commit()
    return CommandResult(contract.id, contract.version)


async def terminate_contract(cmd: TerminateContract, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        contract = await lookups.contract_in_scope(uow, cmd.contract_id, cmd.scope_root)
        contract.terminate(on=cmd.terminated_on, today=uow.today())
        await uow.commit()
    return CommandResult(contract.id, contract.version)
