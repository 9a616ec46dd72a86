"""Visits in the API.

The area's one registration point in the API: the routers the app includes.
"""

from __future__ import annotations

from fastapi import APIRouter

from assistance.entrypoints.api.visits import routes

ROUTERS: list[APIRouter] = [routes.router]
