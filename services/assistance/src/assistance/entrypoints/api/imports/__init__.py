"""批量导入 bulk imports in the API.

Festival lists come first: their upload route is more specific than ``POST /imports/{kind}``.
"""

from __future__ import annotations

from fastapi import APIRouter

from assistance.entrypoints.api.imports import festival, routes
from assistance.entrypoints.api.imports.uploads import PREFIX

__all__ = ["PREFIX", "ROUTERS"]

ROUTERS: list[APIRouter] = [festival.router, routes.router]
