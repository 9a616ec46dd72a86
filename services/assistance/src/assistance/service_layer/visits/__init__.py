"""Visits (走访慰问) in the service layer.

The area's one registration point: the handlers, translators and repositories the
service-wide tables take from it (see ``service_layer.areas``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistance.service_layer.visits.commands import RecordVisit
from assistance.service_layer.visits.handlers import record_visit
from assistance.service_layer.visits.ports import REPOSITORIES
from assistance.service_layer.visits.ports import VisitRepositories as Repositories
from assistance.service_layer.visits.translation import TRANSLATORS

if TYPE_CHECKING:
    from assistance.service_layer.commands import Command, Handler

HANDLERS: dict[type[Command], Handler] = {
    RecordVisit: record_visit,
}

__all__ = ["HANDLERS", "REPOSITORIES", "TRANSLATORS", "Repositories"]
