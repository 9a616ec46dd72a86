"""Ports: the repositories, replica, personal-data protector and unit of work handlers need.

Adapters (SQL) and tests (in-memory fakes) implement these. Only look-ups that commands need
live here; listings read views directly.

Each area declares its repositories in its own package (``service_layer.<area>.ports``): a
class of attributes the unit of work derives from, and their names in foreign-key order. Adding
a repository: declare it there and add its name to the area's ``REPOSITORIES``; the SQL unit
builds it from the area's ``adapters.<area>.SQL_REPOSITORIES``, the unit-test fake from
``tests/unit/fakes.py``.
"""

from __future__ import annotations

import abc
from datetime import date
from typing import ClassVar
from uuid import UUID

from shared.outbox import PendingEvent
from shared.seedwork import RecordedEvent
from shared.service_layer import (
    PersonalDataProtector,
    PersonLinkingProtector,
    Repository,
    UnitOfWork,
)

from assistance.domain.history import DEFAULT_HISTORY_FROM
from assistance.domain.replica import ReplicaMember, ReplicaOrganisation
from assistance.service_layer import aid, giving, households, referrals, visits
from assistance.service_layer.areas import AREAS
from assistance.service_layer.translation import translate


class Replica(abc.ABC):
    """The organisation tree and member statuses as last published by membership (read-only)."""

    @abc.abstractmethod
    async def organisation(self, org_id: UUID) -> ReplicaOrganisation | None:
        """The organisation, dissolved ones included; ``None`` if never published."""

    @abc.abstractmethod
    async def member(self, member_id: UUID) -> ReplicaMember | None:
        """The membership; ``None`` if never published."""

    @abc.abstractmethod
    async def is_within(self, org_id: UUID, scope_root: UUID | None) -> bool:
        """Whether ``org_id`` is ``scope_root`` or below it (any known org when ``None``)."""


class AbstractUnitOfWork(
    households.Repositories,
    visits.Repositories,
    aid.Repositories,
    giving.Repositories,
    referrals.Repositories,
    UnitOfWork,
):
    """Assistance's business transaction (see :class:`shared.service_layer.UnitOfWork`)."""

    REPOSITORIES: ClassVar[tuple[str, ...]] = tuple(
        name for area in AREAS for name in area.REPOSITORIES
    )
    """Attribute names of the repositories, in the order their rows must be written (area by
    area: a later area's rows may refer to an earlier one's)."""

    replica: Replica
    protector: PersonLinkingProtector
    history_from: date = DEFAULT_HISTORY_FROM
    """The earliest business date a command may give (``ASSISTANCE_HISTORY_FROM``)."""

    def _translate(self, recorded: RecordedEvent) -> PendingEvent:
        return translate(
            recorded, correlation_id=self.correlation_id, causation_id=self.causation_id
        )


__all__ = ["AbstractUnitOfWork", "PersonalDataProtector", "Replica", "Repository"]
