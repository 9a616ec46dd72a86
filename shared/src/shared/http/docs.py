"""``/docs`` without the internet: Swagger UI's assets served by the service itself.

FastAPI's own ``/docs`` loads Swagger UI from a CDN, which a city's intranet may not reach. The
assets come from the pinned ``swagger-ui-bundle`` package and are served under
``/docs-assets``; ``/redoc`` (which needs a CDN too) is switched off.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

DOCS_ASSETS = "/docs-assets"


def install_offline_docs(app: FastAPI) -> None:
    """Serve ``/docs`` from local assets; the app must be built with ``docs_url=None``."""
    app.mount(DOCS_ASSETS, StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")

    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} — API 文档",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png",
        )

    app.add_api_route("/docs", docs, methods=["GET"], include_in_schema=False)
