"""Ports of file suggestions, declared on the unit of work by :class:`ReferralRepositories`."""

from __future__ import annotations

import abc
from uuid import UUID

from shared.tracking import TrackingRepository

from assistance.domain.referrals.suggestion import FileSuggestion


class FileSuggestionRepository(TrackingRepository[FileSuggestion]):
    """建档建议: at most one pending suggestion per member (a partial unique index in SQL)."""

    async def pending_for(self, member_id: UUID) -> list[FileSuggestion]:
        """The member's pending suggestions (one at most once committed)."""
        return [self._track(found) for found in await self._pending_for(member_id)]

    @abc.abstractmethod
    async def _pending_for(self, member_id: UUID) -> list[FileSuggestion]: ...


class ReferralRepositories:
    """The referral repositories a unit of work carries."""

    file_suggestions: FileSuggestionRepository


REPOSITORIES: tuple[str, ...] = ("file_suggestions",)
"""Attribute names of :class:`ReferralRepositories`, in the order their rows must be written."""
