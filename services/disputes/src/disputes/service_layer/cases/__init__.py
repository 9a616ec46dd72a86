"""Cases (案件) in the service layer: intake, mediation, outcomes, legal aid.

The area's one registration point: the handlers, translators and repositories the
service-wide tables take from it (see ``service_layer.areas``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from disputes.service_layer.cases import commands as c
from disputes.service_layer.cases import intake, legal_aid, mediation, outcomes, transfer
from disputes.service_layer.cases.ports import REPOSITORIES
from disputes.service_layer.cases.ports import CaseRepositories as Repositories
from disputes.service_layer.cases.translation import TRANSLATORS

if TYPE_CHECKING:
    from disputes.service_layer.commands import Command, Handler

HANDLERS: dict[type[Command], Handler] = {
    c.ReceiveCase: intake.receive_case,
    c.AcceptCase: intake.accept_case,
    c.DeclineCase: intake.decline_case,
    c.AttachEvidence: intake.attach_evidence,
    c.AssignMediator: mediation.assign_mediator,
    c.ScheduleSession: mediation.schedule_session,
    c.HoldSession: mediation.hold_session,
    c.ExtendDeadline: mediation.extend_deadline,
    c.SettleCase: mediation.settle_case,
    c.FailCase: mediation.fail_case,
    c.TransferCase: transfer.transfer_case,
    c.ReferCase: outcomes.refer_case,
    c.RecordAward: outcomes.record_award,
    c.RecordRecovery: outcomes.record_recovery,
    c.WithdrawCase: outcomes.withdraw_case,
    c.CloseCase: outcomes.close_case,
    c.GrantLegalAid: legal_aid.grant_legal_aid,
    c.ConcludeLegalAid: legal_aid.conclude_legal_aid,
}

__all__ = ["HANDLERS", "REPOSITORIES", "TRANSLATORS", "Repositories"]
