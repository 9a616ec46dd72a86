"""Classes (培训班) in the service layer: the area's one registration point."""

from __future__ import annotations

from typing import TYPE_CHECKING

from training.service_layer.classes import commands as c
from training.service_layer.classes import completion, handlers
from training.service_layer.classes.ports import REPOSITORIES
from training.service_layer.classes.ports import ClassRepositories as Repositories
from training.service_layer.classes.translation import TRANSLATORS

if TYPE_CHECKING:
    from training.service_layer.commands import Command, Handler

HANDLERS: dict[type[Command], Handler] = {
    c.OpenClass: handlers.open_class,
    c.CancelClass: handlers.cancel_class,
    c.Enrol: handlers.enrol,
    c.Withdraw: handlers.withdraw,
    c.RecordAssessment: handlers.record_assessment,
    c.MarkAttendance: completion.mark_attendance,
    c.CompleteClass: completion.complete_class,
    c.RevokeCertificate: completion.revoke_certificate,
}

__all__ = ["HANDLERS", "REPOSITORIES", "TRANSLATORS", "Repositories"]
