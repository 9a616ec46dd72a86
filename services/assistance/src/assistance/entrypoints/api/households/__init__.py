"""Hardship files in the API: the files, their lifecycle actions and how a file is shown.

The area's one registration point in the API: the routers the app includes.
"""

from __future__ import annotations

from fastapi import APIRouter

from assistance.entrypoints.api.households import actions, routes

ROUTERS: list[APIRouter] = [routes.router, actions.router]
