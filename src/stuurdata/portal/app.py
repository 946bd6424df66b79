# SPDX-License-Identifier: EUPL-1.2
"""The portal application: ``create_app(workspace_root)`` builds it; nothing happens at import.

``stuurdata serve`` runs ``uvicorn.run(create_app(root), host=..., port=...)``. The app reads only
the published warehouse version (:func:`stuurdata.warehouse.open_current`) and follows new builds
without a restart.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response

import stuurdata
from stuurdata.api import api_routers
from stuurdata.catalog import CatalogCache
from stuurdata.errors import StuurdataError
from stuurdata.governance.auth import install_auth
from stuurdata.portal import api_v1, map_data, pages
from stuurdata.portal.dashboard_pages import router as dashboard_router
from stuurdata.portal.i18n import Language
from stuurdata.portal.intake_pages import router as intake_router
from stuurdata.portal.register_pages import router as register_router
from stuurdata.portal.rendering import Renderer
from stuurdata.portal.security import SecurityHeadersMiddleware
from stuurdata.portal.signin import router as signin_router
from stuurdata.portal.snapshot import SnapshotStore

STATIC = Path(__file__).resolve().parent / "static"

log = logging.getLogger(__name__)


def create_app(workspace_root: Path, *, check_workspace: bool = True) -> FastAPI:
    """The portal of the workspace at ``workspace_root``.

    With ``check_workspace`` the workspace definitions are loaded now, so a broken workspace
    fails at start (``WorkspaceError``) rather than on the first request.
    """
    store = SnapshotStore(Path(workspace_root))
    if check_workspace:
        _ = store.workspace
    app = FastAPI(
        title="Stuurdata portaal",
        version=stuurdata.__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.store = store
    app.state.catalogs = CatalogCache(Path(workspace_root))
    app.state.renderer = Renderer()
    install_auth(app, Path(workspace_root))  # inside the security headers: they wrap it
    app.add_middleware(SecurityHeadersMiddleware)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(map_data.router)  # before pages: its /kaart replaces the outline map
    app.include_router(pages.router)
    app.include_router(dashboard_router)
    app.include_router(register_router)
    app.include_router(intake_router)
    app.include_router(signin_router)
    app.include_router(api_v1.router)
    for router in api_routers():
        app.include_router(router)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(StuurdataError, _stuurdata_error)
    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_page(request: Request, template: str, status_code: int, **context: Any) -> Response:
    try:
        return pages.render(request, template, None, status_code=status_code, **context)
    except StuurdataError:  # the workspace itself does not load: answer in the default language
        renderer: Renderer = request.app.state.renderer
        default: Language = "nl"
        return renderer.page(
            request,
            template,
            snapshot=None,
            default_lang=default,
            synthetic=False,
            workspace_name="Stuurdata",
            status_code=status_code,
            **context,
        )


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if not _is_api(request):
        if exc.status_code == 404:
            return _error_page(request, "404.html", 404)
        if exc.status_code == 401:  # a page for signed-in users: sign in, then come back here
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/inloggen?{urlencode({'next': target})}", status_code=303)
        if exc.status_code == 403:
            return _error_page(request, "error.html", 403, forbidden=True)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


async def _stuurdata_error(request: Request, exc: Exception) -> Response:
    log.error("portaal kon de gegevens niet lezen: %s", exc)
    if _is_api(request):
        return JSONResponse({"detail": "De gegevens konden niet worden gelezen."}, status_code=500)
    return _error_page(request, "error.html", 500)
