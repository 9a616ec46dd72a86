"""Reception (接待来访/信访) in the service layer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from disputes.service_layer.reception import commands as c
from disputes.service_layer.reception import handlers as h
from disputes.service_layer.reception.ports import REPOSITORIES
from disputes.service_layer.reception.ports import ReceptionRepositories as Repositories
from disputes.service_layer.reception.translation import TRANSLATORS

if TYPE_CHECKING:
    from disputes.service_layer.commands import Command, Handler

HANDLERS: dict[type[Command], Handler] = {
    c.LogContact: h.log_contact,
    c.AnswerContact: h.answer_contact,
    c.OpenCaseFromContact: h.open_case,
}

__all__ = ["HANDLERS", "REPOSITORIES", "TRANSLATORS", "Repositories"]
