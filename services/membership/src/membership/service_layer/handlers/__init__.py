"""Command handlers and the simple dispatch: ``await handle(command, uow)``.

Each handler is a small async function that opens the unit of work, loads what the command
targets (refusing targets outside the caller's scope), asks the domain to change, and
commits; the unit of work turns the domain events into outbox entries in the same
transaction.
"""

from __future__ import annotations

from shared.service_layer import Command, Handler, dispatcher

from membership.service_layer import commands
from membership.service_layer.handlers.collective_contracts import (
    sign_contract,
    terminate_contract,
)
from membership.service_layer.handlers.employers import (
    reclassify_employer,
    register_employer,
    set_coverage,
    update_census,
)
from membership.service_layer.handlers.members import (
    admit_member,
    member_leaves,
    reinstate_member,
    retain_member,
    transfer_member,
)
from membership.service_layer.handlers.organisations import (
    dissolve_union,
    elect_committee,
    found_union,
    move_union,
    reelect_union,
    rename_union,
)

HANDLERS: dict[type[Command], Handler] = {
    commands.FoundUnion: found_union,
    commands.RenameUnion: rename_union,
    commands.ReelectUnion: reelect_union,
    commands.ElectCommittee: elect_committee,
    commands.MoveUnion: move_union,
    commands.DissolveUnion: dissolve_union,
    commands.RegisterEmployer: register_employer,
    commands.ReclassifyEmployer: reclassify_employer,
    commands.UpdateCensus: update_census,
    commands.SetCoverage: set_coverage,
    commands.AdmitMember: admit_member,
    commands.TransferMember: transfer_member,
    commands.RetainMember: retain_member,
    commands.ReinstateMember: reinstate_member,
    commands.MemberLeaves: member_leaves,
    commands.SignContract: sign_contract,
    commands.TerminateContract: terminate_contract,
}


handle = dispatcher(HANDLERS)
"""Run the handler of a command in a unit of work: ``await handle(cmd, uow)``.

Raises the service's domain errors (a rule broken, a target missing or outside the caller's
scope) and ``TypeError`` for a command without a handler."""


__all__ = [
    "HANDLERS",
    "Handler",
    "admit_member",
    "dissolve_union",
    "elect_committee",
    "found_union",
    "handle",
    "member_leaves",
    "move_union",
    "reclassify_employer",
    "reelect_union",
    "register_employer",
    "reinstate_member",
    "rename_union",
    "retain_member",
    "set_coverage",
    "sign_contract",
    "terminate_contract",
    "transfer_member",
    "update_census",
]
