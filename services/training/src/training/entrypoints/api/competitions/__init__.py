"""Skills competitions in the API: the area's one registration point."""

from __future__ import annotations

from fastapi import APIRouter

from training.entrypoints.api.competitions import routes

ROUTERS: list[APIRouter] = [routes.router]
