"""Referrals from other services (建档建议) in the service layer: what the end of a member's
dispute or a placement does to hardship files, and the suggestions to open one.

The area's one registration point: the handlers, translators and repositories the
service-wide tables take from it (see ``service_layer.areas``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistance.service_layer.referrals.commands import DismissSuggestion
from assistance.service_layer.referrals.handlers import dismiss_suggestion
from assistance.service_layer.referrals.ports import REPOSITORIES
from assistance.service_layer.referrals.ports import ReferralRepositories as Repositories
from assistance.service_layer.referrals.translation import TRANSLATORS

if TYPE_CHECKING:
    from assistance.service_layer.commands import Command, Handler

HANDLERS: dict[type[Command], Handler] = {
    DismissSuggestion: dismiss_suggestion,
}

__all__ = ["HANDLERS", "REPOSITORIES", "TRANSLATORS", "Repositories"]
