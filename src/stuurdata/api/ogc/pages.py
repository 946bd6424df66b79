# SPDX-License-Identifier: EUPL-1.2
"""HTML views of the OGC API documents, in the portal's base template (``f=html``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader
from starlette.requests import Request
from starlette.responses import HTMLResponse

from stuurdata.portal.rendering import Renderer
from stuurdata.portal.snapshot import Snapshot

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _renderer(request: Request) -> Renderer:
    renderer: Renderer | None = getattr(request.app.state, "ogc_renderer", None)
    if renderer is None:
        renderer = Renderer()
        assert renderer.env.loader is not None
        renderer.env.loader = ChoiceLoader([FileSystemLoader(TEMPLATES), renderer.env.loader])
        request.app.state.ogc_renderer = renderer
    return renderer


def render_page(
    request: Request, snapshot: Snapshot, kind: str, body: dict[str, Any]
) -> HTMLResponse:
    """One OGC document (landing, conformance, collections, collection, items, item) as a page."""
    config = snapshot.config
    return _renderer(request).page(
        request,
        "ogc.html",
        snapshot=snapshot,
        default_lang=config.language,
        synthetic=config.synthetic,
        workspace_name=config.name,
        kind=kind,
        doc=body,
    )
