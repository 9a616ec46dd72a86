"""组织: the organisation tree of the user's scope, employers with their census, and contracts."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError, ServiceApi
from portal.entrypoints import labels
from portal.entrypoints.session import Form, container_of, require
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
Cadre = Annotated[Account, require("city_admin", "union_cadre")]
CENSUS_FIELDS = ("workers", "women", "migrant_workers", "effective_on")


async def organisations_page_response(
    request: Request, api: ServiceApi, status: int = 200, **context: object
) -> Response:
    """The organisations page (tree, employers with their census, contracts) with ``context``."""
    organisations = await api.get("/api/v1/organisations", limit=500)
    employers = await api.get("/api/v1/employers", limit=200)
    contracts = await api.get("/api/v1/contracts", limit=200)
    names = {item["id"]: item["name"] for item in organisations["items"]}
    employer_names = {item["id"]: item["name"] for item in employers["items"]}
    context.setdefault("contract_values", {})
    context.setdefault("contract_errors", {})
    return render(request, "organisations.html", status, organisations=organisations["items"],
                  employers=employers["items"], contracts=contracts["items"], names=names,
                  employer_names=employer_names, labels=labels, **context)  # fmt: skip


@router.get("/organisations")
async def organisations_page(request: Request, user: Cadre) -> Response:
    """组织体系 (tree order, indented by depth), employers and collective contracts."""
    return await organisations_page_response(request, container_of(request).api(user, "membership"))


@router.post("/employers/{employer_id}/census")
async def census(request: Request, employer_id: UUID, form: Form, user: Cadre) -> Response:
    """排摸登记: an employer's workers, women and migrant workers on a date."""
    api = container_of(request).api(user, "membership")
    # A blank count is unknown (null), not 0: many reports give only the workers.
    body = {name: str(form.get(name, "")).strip() or None for name in CENSUS_FIELDS}
    try:
        await api.put(f"/api/v1/employers/{employer_id}/census", body)
    except ApiError as exc:
        return await organisations_page_response(request, api, 422, census_for=str(employer_id),
                                                 values={k: v or "" for k, v in body.items()},
                           errors=exc.fields, api_error=exc)  # fmt: skip
    return redirect("/organisations", "排摸数据已登记")
