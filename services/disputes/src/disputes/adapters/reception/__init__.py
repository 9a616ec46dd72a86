"""Reception in the adapters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.adapters import Connection

from disputes.adapters.rows import RowRepository
from disputes.domain.reception.contact import Contact
from disputes.service_layer.reception.ports import ContactRepository


class SqlContactRepository(RowRepository[Contact], ContactRepository):
    TABLE = "contacts"
    COLUMNS = (
        "id",
        "version",
        "org_id",
        "channel",
        "category",
        "workers_involved",
        "contacted_on",
        "caller_cipher",
        "topic_cipher",
        "status",
        "answer_cipher",
        "case_id",
        "closed_on",
        "entered_by",
    )
    WHAT = "来访记录"
    BUILD = Contact


SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {"contacts": SqlContactRepository}
