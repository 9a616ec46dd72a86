"""Ports of reception, declared on the unit of work by :class:`ReceptionRepositories`."""

from __future__ import annotations

from shared.tracking import TrackingRepository

from disputes.domain.reception.contact import Contact


class ContactRepository(TrackingRepository[Contact]):
    """Contacts (来访/信访)."""


class ReceptionRepositories:
    contacts: ContactRepository


REPOSITORIES: tuple[str, ...] = ("contacts",)
