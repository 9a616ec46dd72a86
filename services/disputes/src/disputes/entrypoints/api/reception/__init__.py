"""Reception in the API: the routers the app includes."""

from __future__ import annotations

from fastapi import APIRouter

from disputes.entrypoints.api.reception import routes

ROUTERS: list[APIRouter] = [routes.router]
