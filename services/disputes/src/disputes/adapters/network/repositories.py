"""The mediation network in SQL."""

from __future__ import annotations

from disputes.adapters.rows import RowRepository
from disputes.domain.network.mediation_org import MediationOrg, NetworkPerson
from disputes.domain.network.warning import RiskWarning
from disputes.service_layer.network.ports import (
    MediationOrgRepository,
    PersonRepository,
    WarningRepository,
)


class SqlMediationOrgRepository(RowRepository[MediationOrg], MediationOrgRepository):
    TABLE = "mediation_orgs"
    COLUMNS = ("id", "version", "org_id", "kind", "name", "employer_id")
    WHAT = "调解组织"
    BUILD = MediationOrg


class SqlPersonRepository(RowRepository[NetworkPerson], PersonRepository):
    TABLE = "network_people"
    COLUMNS = (
        "id",
        "version",
        "role",
        "org_id",
        "mediation_org_id",
        "employer_id",
        "name_cipher",
        "phone_cipher",
        "active",
    )
    WHAT = "人员"
    BUILD = NetworkPerson


class SqlWarningRepository(RowRepository[RiskWarning], WarningRepository):
    TABLE = "risk_warnings"
    COLUMNS = (
        "id",
        "version",
        "reporter_id",
        "org_id",
        "employer_id",
        "risk",
        "workers_at_risk",
        "reported_on",
        "note_cipher",
    )
    WHAT = "预警"
    BUILD = RiskWarning
