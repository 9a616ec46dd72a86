"""The mediation network in the adapters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.adapters import Connection

from disputes.adapters.network.repositories import (
    SqlMediationOrgRepository,
    SqlPersonRepository,
    SqlWarningRepository,
)

SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    "mediation_orgs": SqlMediationOrgRepository,
    "people": SqlPersonRepository,
    "warnings": SqlWarningRepository,
}
