"""Classes in the API: the area's one registration point (the routers the app includes)."""

from __future__ import annotations

from fastapi import APIRouter

from training.entrypoints.api.classes import (
    attendance_imports,
    certificates,
    enrolments,
    routes,
    verify,
)

ROUTERS: list[APIRouter] = [
    routes.router,
    enrolments.router,
    attendance_imports.router,
    certificates.router,
    verify.router,
]
