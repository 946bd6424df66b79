# SPDX-License-Identifier: EUPL-1.2
"""Server-rendered pages: one Jinja2 environment (autoescape on) and the context every page gets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse

from stuurdata.portal.i18n import Language, Translator, negotiate
from stuurdata.portal.snapshot import Snapshot

TEMPLATES = Path(__file__).resolve().parent / "templates"


def request_language(request: Request, default: Language) -> Language:
    return negotiate(
        request.query_params.get("lang"), request.headers.get("accept-language"), default
    )


@dataclass(frozen=True)
class Links:
    """Internal links that keep an explicitly chosen language (``?lang=``)."""

    lang: Language
    explicit: bool
    path: str

    def __call__(self, path: str, **params: str) -> str:
        query = dict(params)
        if self.explicit:
            query["lang"] = self.lang
        return f"{path}?{urlencode(query)}" if query else path

    def other_language(self) -> str:
        other = "en" if self.lang == "nl" else "nl"
        return f"{self.path}?{urlencode({'lang': other})}"


class Renderer:
    """Renders the templates of the portal into HTML responses."""

    def __init__(self) -> None:
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def page(
        self,
        request: Request,
        template: str,
        *,
        snapshot: Snapshot | None,
        default_lang: Language,
        synthetic: bool,
        status_code: int = 200,
        **context: Any,
    ) -> HTMLResponse:
        lang = request_language(request, default_lang)
        explicit = request.query_params.get("lang") in ("nl", "en")
        html = self.env.get_template(template).render(
            t=Translator(lang),
            lang=lang,
            href=Links(lang, explicit, request.url.path),
            path=request.url.path,
            snapshot=snapshot,
            synthetic=synthetic,
            **context,
        )
        response = HTMLResponse(html, status_code=status_code)
        response.headers["Vary"] = "Accept-Language"
        response.headers["Content-Language"] = lang
        return response
