"""The workbench's FastAPI app: pages, static assets, the JWKS, probes; no NATS, no outbox."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from shared.http.app import create_app as create_kit_app
from shared.http.health import postgres_check

from portal.bootstrap import build_container
from portal.config import PACKAGE_DIR, SERVICE_NAME, PortalSettings
from portal.entrypoints.pages import (
    accounts,
    application_form,
    applications,
    auth,
    budgets,
    case_oversight,
    case_records,
    class_records,
    committees,
    competitions,
    contracts,
    dispute_case,
    disputes,
    disputes_audit,
    donations,
    employers,
    employment,
    enrolment_steps,
    home,
    household_edit,
    households,
    imports,
    insurance,
    legal_aid,
    mediation_network,
    members,
    organisations,
    payments,
    postings,
    recent_imports,
    reception,
    reports,
    rosters,
    sso,
    training,
    training_class,
)
from portal.entrypoints.session import Refused, SignInRequired, container_of, sign_in_path
from portal.entrypoints.web import redirect, render, templates

DESCRIPTION = (
    "工会干部工作台: 账号与登录、待办、会员、花名册导入、帮扶申请与发放、劳动争议调解、职工培训与就业。"
    "页面以登录用户的身份调用各服务的公开接口; /.well-known/jwks.json 公布验签公钥。"
)
UPLOAD_LIMIT = 21 * 1024 * 1024
PAGES = (
    auth, sso, home, members, rosters, organisations, contracts, household_edit, households,
    application_form,
    applications, payments, donations, insurance, reception, disputes, dispute_case, training,
    training_class, employment, reports, accounts,
    employers, committees, imports,
)  # fmt: skip
"""``disputes`` comes before ``dispute_case`` and ``application_form`` before ``applications``:
``/disputes/cases/new`` and ``/applications/new`` are not ids."""
RECORD_PAGES = (case_records, case_oversight, disputes_audit, mediation_network, legal_aid, class_records,
                enrolment_steps, postings, competitions,
                budgets, recent_imports)  # fmt: skip
"""Pages added beside the main ones (a case's records, the mediation network, …), on paths of
their own, so their order among the others does not matter."""
UPLOADS = {
    "POST /rosters": UPLOAD_LIMIT,
    "POST /imports/{kind}": UPLOAD_LIMIT,
    "POST /disputes/cases/{case_id}/evidence/upload": case_records.UPLOAD_LIMIT,
    "POST /training/classes/{class_id}/attendance-imports/upload": class_records.UPLOAD_LIMIT,
}
"""The routes taking a file, with their body limits."""

jwks_router = APIRouter()


@jwks_router.get("/.well-known/jwks.json", tags=["密钥 keys"])
async def jwks(request: Request) -> JSONResponse:
    """The public key the services verify the workbench's tokens with (JWKS)."""
    key_set = container_of(request).signing_key.jwks()
    return JSONResponse(key_set, headers={"Cache-Control": "public, max-age=300"})


def _lifespan(settings: PortalSettings, transport: httpx.AsyncBaseTransport | None) -> Any:
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        container = await build_container(settings, transport)
        app.state.container = container
        app.state.readiness["postgres"] = postgres_check(container.pool)
        try:
            yield
        finally:
            await container.http.aclose()
            await container.pool.close()

    return lifespan


async def _sign_in(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SignInRequired)
    if request.headers.get("HX-Request") == "true":
        return Response(status_code=401, headers={"HX-Redirect": sign_in_path(exc.target)})
    target = sign_in_path(exc.target) + ("&expired=1" if exc.expired else "")
    return redirect(target)


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refused)
    return render(request, "error.html", 403, message=exc.message)


def create_app(
    settings: PortalSettings | None = None, transport: httpx.AsyncBaseTransport | None = None
) -> FastAPI:
    """Build the app; ``transport`` routes the calls to the services in tests."""
    settings = settings or PortalSettings()
    app = create_kit_app(
        title="UnionHub 工会干部工作台 (portal)", version="0.1.0", settings=settings,
        service_name=SERVICE_NAME, readiness={}, lifespan=_lifespan(settings, transport),
        description=DESCRIPTION,
        routers=[jwks_router, *(page.router for page in (*PAGES, *RECORD_PAGES))],
        body_allowances=UPLOADS,
    )  # fmt: skip
    templates.env.globals["history_from"] = settings.assistance_history_from.isoformat()
    app.mount("/static", StaticFiles(directory=str(PACKAGE_DIR / "static")), name="static")
    app.add_exception_handler(SignInRequired, _sign_in)
    app.add_exception_handler(Refused, _refused)
    return app
