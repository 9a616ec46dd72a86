"""Aid (帮扶) in the adapters: SQL repositories and read views of budgets, applications,
payments and festival payment batches.

The area's one registration point in the adapters: how each of its repositories is built on a
connection, and what a violation of each of its unique constraints means (see
``adapters.areas``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistance.adapters.aid.applications import SqlApplicationRepository
from assistance.adapters.aid.budgets import SqlBudgetRepository
from assistance.adapters.aid.payment_batches import SqlPaymentBatchRepository
from assistance.adapters.aid.payments import SqlPaymentRepository
from assistance.adapters.sql_base import Connection
from assistance.domain.errors import Conflict

SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    "budgets": SqlBudgetRepository,
    "applications": SqlApplicationRepository,
    "payment_batches": SqlPaymentBatchRepository,
    "payments": SqlPaymentRepository,
}
CONSTRAINT_FIELDS: dict[str, str] = {
    "one_budget_per_org_programme_year": "org_id",
    "one_payment_per_application": "application_id",
    "one_payment_per_batch_household": "household_id",
}
CONSTRAINT_ERRORS: dict[str, type[Conflict]] = {}
