"""Ports of the mediation network, declared on the unit of work by :class:`NetworkRepositories`."""

from __future__ import annotations

from shared.tracking import TrackingRepository

from disputes.domain.network.mediation_org import MediationOrg, NetworkPerson
from disputes.domain.network.warning import RiskWarning


class MediationOrgRepository(TrackingRepository[MediationOrg]):
    """调解组织."""


class PersonRepository(TrackingRepository[NetworkPerson]):
    """调解员 and 预警员."""


class WarningRepository(TrackingRepository[RiskWarning]):
    """预警 reports: written once."""


class NetworkRepositories:
    mediation_orgs: MediationOrgRepository
    people: PersonRepository
    warnings: WarningRepository


REPOSITORIES: tuple[str, ...] = ("mediation_orgs", "people", "warnings")
