"""Aid (帮扶) in the adapters: SQL repositories and read views of budgets, applications,
payments and festival payment batches.

The area's one registration point in the adapters: how each of its repositories is built on a
connection (see ``adapters.areas``). What its unique constraints mean to a caller is in
``constraints``, which its repositories pass to the kit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.adapters import Connection

from assistance.adapters.aid.applications import SqlApplicationRepository
from assistance.adapters.aid.budgets import SqlBudgetRepository
from assistance.adapters.aid.payment_batches import SqlPaymentBatchRepository
from assistance.adapters.aid.payments import SqlPaymentRepository

SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    "budgets": SqlBudgetRepository,
    "applications": SqlApplicationRepository,
    "payment_batches": SqlPaymentBatchRepository,
    "payments": SqlPaymentRepository,
}
