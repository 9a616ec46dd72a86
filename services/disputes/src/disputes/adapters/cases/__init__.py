"""Cases in the adapters: the SQL repositories of cases, evidence and legal aid, the history
chain and the read views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.adapters import Connection

from disputes.adapters.cases.others import SqlEvidenceRepository, SqlLegalAidRepository
from disputes.adapters.cases.repository import SqlCaseRepository

SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    "cases": SqlCaseRepository,
    "evidence": SqlEvidenceRepository,
    "legal_aid": SqlLegalAidRepository,
}
