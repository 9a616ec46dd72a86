"""Employment services in the API: the area's one registration point."""

from __future__ import annotations

from fastapi import APIRouter

from training.entrypoints.api.employment import fairs, placements, seekers

ROUTERS: list[APIRouter] = [seekers.router, fairs.router, placements.router]
