"""Skills competitions (技能竞赛) in the service layer: the area's one registration point."""

from __future__ import annotations

from typing import TYPE_CHECKING

from training.service_layer.competitions import commands as c
from training.service_layer.competitions import handlers as h
from training.service_layer.competitions.ports import REPOSITORIES
from training.service_layer.competitions.ports import CompetitionRepositories as Repositories
from training.service_layer.competitions.translation import TRANSLATORS

if TYPE_CHECKING:
    from training.service_layer.commands import Command, Handler

HANDLERS: dict[type[Command], Handler] = {
    c.AnnounceCompetition: h.announce,
    c.EnterCompetition: h.enter,
    c.RecordResult: h.record_result,
}

__all__ = ["HANDLERS", "REPOSITORIES", "TRANSLATORS", "Repositories"]
