"""Referrals in the API: the suggestions to open a file (建档建议).

The area's one registration point in the API: the routers the app includes.
"""

from __future__ import annotations

from fastapi import APIRouter

from assistance.entrypoints.api.referrals import routes

ROUTERS: list[APIRouter] = [routes.router]
