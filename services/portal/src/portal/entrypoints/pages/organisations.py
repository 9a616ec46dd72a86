"""组织: the organisation tree of the user's scope, and the employers of a territory."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import Response

from portal.adapters.accounts import Account
from portal.entrypoints.session import container_of, require
from portal.entrypoints.web import render

router = APIRouter(include_in_schema=False)
Cadre = Annotated[Account, require("city_admin", "union_cadre")]


@router.get("/organisations")
async def organisations_page(request: Request, user: Cadre) -> Response:
    """组织体系 (tree order, indented by depth) and the employers."""
    api = container_of(request).api(user, "membership")
    organisations = await api.get("/api/v1/organisations", limit=500)
    employers = await api.get("/api/v1/employers", limit=200)
    return render(request, "organisations.html", organisations=organisations["items"],
                  employers=employers["items"])  # fmt: skip
