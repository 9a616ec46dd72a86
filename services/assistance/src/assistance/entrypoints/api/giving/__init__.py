"""Giving in the API: donation campaigns and receipts, mutual insurance enrolments and claims.

The area's one registration point in the API: the routers the app includes.
"""

from __future__ import annotations

from fastapi import APIRouter

from assistance.entrypoints.api.giving import donations, insurance

ROUTERS: list[APIRouter] = [donations.router, insurance.router]
