"""Ports of classes, declared on the unit of work by :class:`ClassRepositories`."""

from __future__ import annotations

import abc
from collections.abc import Sequence
from uuid import UUID

from shared.tracking import TrackingRepository

from training.domain.classes.certificate import Certificate
from training.domain.classes.enrolment import Enrolment
from training.domain.classes.training_class import SessionCounts, TrainingClass
from training.domain.codes import Mark


class ClassRepository(TrackingRepository[TrainingClass]):
    """Classes; :meth:`lock` is what serialises the enrolments of one class."""

    @abc.abstractmethod
    async def lock(self, class_id: UUID) -> TrainingClass | None:
        """The class, its row locked until the unit ends (``SELECT … FOR UPDATE``)."""


class EnrolmentRepository(TrackingRepository[Enrolment]):
    """Enrolments."""

    @abc.abstractmethod
    async def first_waitlisted(self, class_id: UUID) -> Enrolment | None:
        """The longest-waiting person on the class's waiting list."""

    @abc.abstractmethod
    async def active_in_class(self, class_id: UUID) -> list[Enrolment]:
        """Every enrolment of the class still enrolled or waiting."""

    @abc.abstractmethod
    async def has_active(self, class_id: UUID, person_id: UUID) -> bool:
        """Whether the person already holds a seat or waits in the class."""


class CertificateRepository(TrackingRepository[Certificate]):
    """Certificates: issued, then only revoked."""


class AttendanceSheet(abc.ABC):
    """Marks per session and enrolment, written at once in the unit's transaction."""

    @abc.abstractmethod
    async def record(
        self, class_id: UUID, session_no: int, marks: Sequence[tuple[UUID, Mark]]
    ) -> None:
        """Write (or overwrite) the marks of one session."""

    @abc.abstractmethod
    async def counts(self, class_id: UUID, session_no: int) -> SessionCounts:
        """The session's marks as counts."""

    @abc.abstractmethod
    async def attended(self, class_id: UUID) -> dict[UUID, int]:
        """Sessions attended (present or late) by each enrolment of the class."""


class ClassRepositories:
    """The class repositories a unit of work carries."""

    classes: ClassRepository
    enrolments: EnrolmentRepository
    certificates: CertificateRepository
    attendance: AttendanceSheet


REPOSITORIES: tuple[str, ...] = ("classes", "enrolments", "certificates")
"""Attribute names of the tracked repositories, in the order their rows must be written."""
