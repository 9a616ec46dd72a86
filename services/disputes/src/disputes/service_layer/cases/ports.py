"""Ports of cases, declared on the unit of work by :class:`CaseRepositories`."""

from __future__ import annotations

import abc
from datetime import date

from shared.tracking import TrackingRepository

from disputes.domain.cases.case import Case
from disputes.domain.cases.evidence import EvidenceDocument
from disputes.domain.cases.legal_aid import LegalAid


class CaseRepository(TrackingRepository[Case]):
    """Cases; each write also appends the case's new events to its hash-chained history."""

    @abc.abstractmethod
    async def past_due(self, today: date, limit: int) -> list[Case]:
        """Open accepted cases due before ``today`` and not yet marked overdue (locked)."""


class EvidenceRepository(TrackingRepository[EvidenceDocument]):
    """Evidence documents: written once."""


class LegalAidRepository(TrackingRepository[LegalAid]):
    """Legal aid records."""


class CaseRepositories:
    """The case repositories a unit of work carries."""

    cases: CaseRepository
    evidence: EvidenceRepository
    legal_aid: LegalAidRepository


REPOSITORIES: tuple[str, ...] = ("cases", "evidence", "legal_aid")
"""Attribute names of :class:`CaseRepositories`, in the order their rows must be written."""
