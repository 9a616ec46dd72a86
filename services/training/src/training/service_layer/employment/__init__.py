"""Employment services (就业服务) in the service layer: the area's one registration point."""

from __future__ import annotations

from typing import TYPE_CHECKING

from training.service_layer.employment import commands as c
from training.service_layer.employment import handlers as h
from training.service_layer.employment.ports import REPOSITORIES
from training.service_layer.employment.ports import EmploymentRepositories as Repositories
from training.service_layer.employment.translation import TRANSLATORS

if TYPE_CHECKING:
    from training.service_layer.commands import Command, Handler

HANDLERS: dict[type[Command], Handler] = {
    c.RegisterSeeker: h.register_seeker,
    c.PublishPosting: h.publish_posting,
    c.HoldFair: h.hold_fair,
    c.AddFairEmployer: h.add_fair_employer,
    c.AddFairSeeker: h.add_fair_seeker,
    c.CountFairSeekers: h.count_fair_seekers,
    c.RecordPlacement: h.record_placement,
    c.FollowUpPlacement: h.follow_up,
}

__all__ = ["HANDLERS", "REPOSITORIES", "TRANSLATORS", "Repositories"]
