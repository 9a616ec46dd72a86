"""Commands on the mediation network."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID, uuid4

from disputes.service_layer.commands import Command


@dataclass(frozen=True, kw_only=True)
class EstablishMediationOrg(Command):
    org_id: UUID
    kind: str
    name: str
    employer_id: UUID | None = None
    mediation_org_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class AppointMediator(Command):
    mediation_org_id: UUID
    name: str = field(repr=False)
    phone: str | None = field(default=None, repr=False)
    person_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class AppointReporter(Command):
    org_id: UUID
    employer_id: UUID
    name: str = field(repr=False)
    phone: str | None = field(default=None, repr=False)
    person_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class RetirePerson(Command):
    person_id: UUID


@dataclass(frozen=True, kw_only=True)
class ReportRisk(Command):
    reporter_id: UUID
    risk: str
    workers_at_risk: int
    reported_on: date
    note: str | None = field(default=None, repr=False)
    warning_id: UUID = field(default_factory=uuid4)
