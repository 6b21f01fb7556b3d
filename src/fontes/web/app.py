"""The local web app: `create_app` wires the pages, the what-if routes, the assets and the guards."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from fontes.errors import FontesError
from fontes.web import actions, pages
from fontes.web.render import make_env
from fontes.web.security import LOOPBACK_HOSTS, MAX_BODY_BYTES, SecurityHeaders, new_token
from fontes.web.workspace import Workspace

#: The app's own files, served by name only: no path from a request ever reaches the disk.
ASSETS = {
    "fontes.css": "text/css; charset=utf-8",
    "whatif.js": "text/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}


def create_app(
    case_dir: str | Path | None = None,
    db_path: str | Path | None = None,
    *,
    essay_path: str | Path | None = None,
    save_root: str | Path | None = None,
    allowed_hosts: Iterable[str] | None = None,
) -> Starlette:
    """The app for one case folder (the built-in case when None) and, optionally, a corpus store.

    `essay_path` adds the audit page; `save_root` is where "save as new case" may create
    folders (default: the current folder); `allowed_hosts` are the Host names the app answers
    to (default: the loopback names).
    """
    workspace = Workspace.open(case_dir, db_path=db_path, essay_path=essay_path, save_root=save_root)
    hosts = list(allowed_hosts) if allowed_hosts is not None else list(LOOPBACK_HOSTS)
    app = Starlette(
        routes=routes(),
        middleware=[Middleware(SecurityHeaders), Middleware(TrustedHostMiddleware, allowed_hosts=hosts)],
        exception_handlers={HTTPException: error_page, FontesError: error_page},
        max_body_size=MAX_BODY_BYTES,
    )
    app.state.workspace = workspace
    app.state.token = new_token()
    app.state.env = make_env()
    app.state.assets = {
        name: (resources.files("fontes.web") / "static" / name).read_bytes() for name in ASSETS
    }
    return app


def routes() -> list[Route]:
    return [
        Route("/", pages.overview),
        Route("/questions/{question_id}", pages.question),
        Route("/questions/{question_id}/what-if", actions.what_if, methods=["POST"]),
        Route("/questions/{question_id}/save", actions.save, methods=["POST"]),
        Route("/evidence", pages.evidence),
        Route("/timeline", pages.timeline),
        Route("/network", pages.network),
        Route("/sources", pages.sources),
        Route("/sources/{source_id}", pages.source),
        Route("/search", pages.search),
        Route("/audit", pages.audit),
        Route("/static/{name}", asset),
        Route("/favicon.ico", favicon),
    ]


def asset(request: Request) -> Response:
    """One of the app's own files, looked up by its name in ASSETS."""
    name = request.path_params["name"]
    if name not in ASSETS:
        raise HTTPException(404, "no such file")
    return Response(
        request.app.state.assets[name], media_type=ASSETS[name], headers={"cache-control": "no-cache"}
    )


def favicon(request: Request) -> Response:
    """The app's icon where browsers look for it by default, so no page asks for a missing file."""
    return Response(request.app.state.assets["favicon.svg"], media_type=ASSETS["favicon.svg"])


def error_page(request: Request, exc: Exception) -> Response:
    """An error as a small page (or JSON for the POST routes), never a traceback."""
    status = exc.status_code if isinstance(exc, HTTPException) else 400
    message = exc.detail if isinstance(exc, HTTPException) else str(exc)
    if request.method != "GET":
        from starlette.responses import JSONResponse

        return JSONResponse({"error": message}, status_code=status)
    return pages.render(request, "error.html", status_code=status, status=status, message=message)
