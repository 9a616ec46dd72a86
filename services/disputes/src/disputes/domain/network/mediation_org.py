"""调解组织 and the people of the network: mediators (调解员) and early-warning reporters (预警员)."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from shared.seedwork import Aggregate, InvalidTransition, RecordedEvent

from disputes.domain.network.codes import MediationOrgKind


@dataclass(eq=False)
class MediationOrg(Aggregate):
    """A mediation organisation attached to a node of the organisation tree."""

    id: UUID
    org_id: UUID
    kind: MediationOrgKind
    name: str
    employer_id: UUID | None = None
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def establish(cls, **state: object) -> MediationOrg:
        """设立调解组织 (the name is an organisation's public name, not personal data)."""
        made = cls(**state)  # type: ignore[arg-type]
        made._touch()
        return made


@dataclass(eq=False)
class NetworkPerson(Aggregate):
    """A mediator of a mediation organisation, or an enterprise's early-warning reporter."""

    id: UUID
    role: str
    org_id: UUID
    mediation_org_id: UUID | None
    employer_id: UUID | None
    name_cipher: bytes = field(repr=False)
    phone_cipher: bytes | None = field(repr=False)
    active: bool = True
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def appoint(cls, **state: object) -> NetworkPerson:
        """聘任调解员 / 预警员."""
        made = cls(**state)  # type: ignore[arg-type]
        made._touch()
        return made

    def retire(self) -> None:
        """No longer serves; kept for the cases and reports that name them."""
        if not self.active:
            raise InvalidTransition("该人员已离任", field="active")
        self.active = False
        self._touch()


MEDIATOR = "mediator"
REPORTER = "reporter"
