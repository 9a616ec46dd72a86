"""Cases in the API: the routers the app includes."""

from __future__ import annotations

from fastapi import APIRouter

from disputes.entrypoints.api.cases import actions, documents, evidence_file, legal_aid, routes

ROUTERS: list[APIRouter] = [
    routes.router,
    actions.router,
    documents.router,
    evidence_file.router,
    legal_aid.router,
]
