"""Ports of hardship files, declared on the unit of work by :class:`HouseholdRepositories`."""

from __future__ import annotations

import abc
from datetime import date
from uuid import UUID

from shared.tracking import TrackingRepository

from assistance.domain.households.household import Household


class HouseholdRepository(TrackingRepository[Household]):
    """Hardship files. At most one open file per person (head or family member): the SQL
    schema backs the rule with partial unique indexes on the blind indexes."""

    @abc.abstractmethod
    async def open_file_of(self, id_number_index: str) -> UUID | None:
        """The open (not exited or cancelled) file listing this person, if any."""

    async def open_files_headed_by(self, member_id: UUID) -> list[Household]:
        """The open files whose head is this member."""
        return [self._track(found) for found in await self._open_files_headed_by(member_id)]

    async def open_files_of_person(
        self, member_id: UUID | None, person_link: str | None
    ) -> list[Household]:
        """The open files this person is on: headed by the member, or listing the person
        link as head or family member; each file once, rows locked until the unit ends."""
        if member_id is None and person_link is None:
            return []
        found = await self._open_files_of_person(member_id, person_link)
        return [self._track(household) for household in found]

    async def overdue(self, reviewed_before: date, limit: int) -> list[Household]:
        """Filed files last verified before ``reviewed_before`` and not yet flagged for it."""
        return [self._track(found) for found in await self._overdue(reviewed_before, limit)]

    @abc.abstractmethod
    async def _open_files_headed_by(self, member_id: UUID) -> list[Household]: ...

    @abc.abstractmethod
    async def _open_files_of_person(
        self, member_id: UUID | None, person_link: str | None
    ) -> list[Household]: ...

    @abc.abstractmethod
    async def _overdue(self, reviewed_before: date, limit: int) -> list[Household]: ...


class HouseholdRepositories:
    """The hardship-file repositories a unit of work carries."""

    households: HouseholdRepository


REPOSITORIES: tuple[str, ...] = ("households",)
"""Attribute names of :class:`HouseholdRepositories`, in the order their rows must be written."""
