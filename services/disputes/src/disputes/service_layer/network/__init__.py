"""The mediation network in the service layer: organisations, mediators, reporters, warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from disputes.service_layer.network import commands as c
from disputes.service_layer.network import handlers as h
from disputes.service_layer.network.ports import REPOSITORIES
from disputes.service_layer.network.ports import NetworkRepositories as Repositories
from disputes.service_layer.network.translation import TRANSLATORS

if TYPE_CHECKING:
    from disputes.service_layer.commands import Command, Handler

HANDLERS: dict[type[Command], Handler] = {
    c.EstablishMediationOrg: h.establish_org,
    c.AppointMediator: h.appoint_mediator,
    c.AppointReporter: h.appoint_reporter,
    c.RetirePerson: h.retire_person,
    c.ReportRisk: h.report_risk,
}

__all__ = ["HANDLERS", "REPOSITORIES", "TRANSLATORS", "Repositories"]
