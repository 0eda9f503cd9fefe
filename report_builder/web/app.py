"""The authoring page: a Starlette application over one report folder, its pages rendered on the server.

`create_app` returns the ASGI application with its guard (Host, Origin, token) and CSRF protection;
the pages are in pages_*.py. Templates are Jinja2 with autoescaping on, so nothing a person types is
ever read as HTML; the page's script and styles ship inside the package (no CDN).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from report_builder.web.builds import BuildWorker
from report_builder.web.security import Guard, allowed_hosts
from report_builder.web.workspace import Workspace

STATIC = Path(__file__).with_name("static")

CONTENT_SECURITY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")


@dataclass
class Served:
    """What every page handler needs: the workspace, the templates and the build worker."""

    workspace: Workspace
    templates: Environment
    worker: BuildWorker | None
    settings: dict[str, Any] = field(default_factory=dict)

    def page(self, request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        """Return a template rendered as an HTML response."""
        csrf = request.scope.get("csrftoken")
        html = self.templates.get_template(template).render(
            request=request, csrftoken=csrf() if csrf else "", **context)
        return HTMLResponse(html, status_code=status_code, headers={"cache-control": "no-store"})


def templates() -> Environment:
    """Return the page's Jinja2 templates, autoescaped."""
    environment = Environment(loader=PackageLoader("report_builder.web", "templates"),
                              autoescape=select_autoescape(default=True, default_for_string=True),
                              trim_blocks=True, lstrip_blocks=True)
    from report_builder.formatting import format_date
    from report_builder.web.sections import suggested_name

    environment.filters["date"] = format_date
    environment.filters["suggested_name"] = suggested_name
    return environment


def create_app(folder: Path, port: int, token: str, out_dir: Path | None = None,
               worker: BuildWorker | None = None, csrf_secret: str | None = None) -> Any:
    """Return the ASGI application serving the report in folder at 127.0.0.1:port, with its guard.

    Raises ContentError when folder is not a report folder.
    """
    from asgi_csrf import asgi_csrf

    from report_builder.web import (
        pages_build,
        pages_data,
        pages_forms,
        pages_overview,
        pages_sections,
    )

    folder = Path(folder)
    workspace = Workspace(folder, out_dir or folder / "out")
    served = Served(workspace, templates(), worker)
    routes = [
        *pages_overview.routes(served),
        *pages_sections.routes(served),
        *pages_forms.routes(served),
        *pages_data.routes(served),
        *pages_build.routes(served),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={404: _not_found(served)})
    app.state.served = served
    protected = asgi_csrf(app, signing_secret=csrf_secret or secrets.token_hex(16), cookie_samesite="Strict")
    guard = Guard(_headers(protected), token, allowed_hosts(port))
    guard.served = served  # type: ignore[attr-defined]
    return guard


def served_of(app: Any) -> Served:
    """Return what the application created by create_app serves."""
    return app.served  # type: ignore[no-any-return]


def _headers(app: Any) -> Any:
    """Return the app with the page's security headers on every response."""
    async def with_headers(scope: Any, receive: Any, send: Any) -> None:
        async def send_with(event: Any) -> None:
            if event["type"] == "http.response.start":
                event["headers"] = [*event.get("headers", []),
                                    (b"content-security-policy", CONTENT_SECURITY.encode()),
                                    (b"x-content-type-options", b"nosniff"),
                                    (b"referrer-policy", b"same-origin")]
            await send(event)

        await app(scope, receive, send_with)

    return with_headers


def _not_found(served: Served) -> Any:
    async def handler(request: Request, _error: Exception) -> Response:
        from report_builder.web.context import overview

        return served.page(request, "message.html", status_code=404, title="Not found", nav=overview(served.workspace),
                           message="There is nothing at this address. Use the list on the left.")

    return handler
