"""The mediation network in the API: the routers the app includes."""

from __future__ import annotations

from fastapi import APIRouter

from disputes.entrypoints.api.network import routes

ROUTERS: list[APIRouter] = [routes.router]
