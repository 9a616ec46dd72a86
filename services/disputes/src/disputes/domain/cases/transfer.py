"""移交: an open case handed from one mediation organisation to another.

A community 调解室 hands a difficult case up to the street 调解分中心, or a case moves to the
organisation whose territory it belongs to. Whether the caller may reach the target is a
question of the organisation tree, which the service layer answers; the case decides whether
it can move at all. Only a case not yet at an outcome moves (registered, accepted, mediating):
an outcome belongs to the organisation that mediated. The 15-day period keeps running from
acceptance (劳动争议调解仲裁法 art. 14: a hand-over does not give the parties a new period), and
the mediator, who serves the old organisation, is released: the new one assigns its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from shared.seedwork import InvalidValue

from disputes.domain.cases import events as ev
from disputes.domain.cases.codes import CaseStatus, TransferReason
from disputes.domain.cases.state import CaseState

TRANSFERABLE = (CaseStatus.RECEIVED, CaseStatus.ACCEPTED, CaseStatus.MEDIATING)
"""Open cases: registered or accepted and without an outcome."""


@dataclass(frozen=True)
class TransferTarget:
    """The mediation organisation taking the case over, and the tree node it sits on."""

    mediation_org_id: UUID
    org_id: UUID


class CaseTransfer(CaseState):
    """The hand-over of a case (a mixin of the case aggregate)."""

    def transfer(
        self, target: TransferTarget, reason: TransferReason, on: date, today: date
    ) -> None:
        """移交: the case now belongs to ``target``; later facts count toward its node.

        Raises:
            InvalidTransition: the case already has an outcome (field ``status``).
            InvalidValue: the target already holds it, or a date out of range.
        """
        self._require("移交", *TRANSFERABLE)
        self._check_day(on, today, field="transferred_on", label="移交日期")
        if target.mediation_org_id == self.mediation_org_id:
            raise InvalidValue("案件已由该调解组织办理", field="mediation_org_id")
        from_org, from_mediation_org = self.org_id, self.mediation_org_id
        self.org_id, self.mediation_org_id = target.org_id, target.mediation_org_id
        if self.status == CaseStatus.MEDIATING:
            self.status, self.mediator_id = CaseStatus.ACCEPTED, None
        self._record(
            ev.CaseTransferred(
                self.id,
                self.org_id,
                on,
                from_org,
                from_mediation_org,
                target.mediation_org_id,
                reason,
            )
        )
