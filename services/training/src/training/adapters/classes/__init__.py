"""Classes in the adapters: the area's one registration point (how each repository is built)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.adapters import Connection

from training.adapters.classes.attendance import SqlAttendanceSheet
from training.adapters.classes.repositories import (
    SqlCertificateRepository,
    SqlClassRepository,
    SqlEnrolmentRepository,
)

SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    "classes": SqlClassRepository,
    "enrolments": SqlEnrolmentRepository,
    "certificates": SqlCertificateRepository,
    "attendance": SqlAttendanceSheet,
}
