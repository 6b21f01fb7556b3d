"""The app's guards: the same-origin token on every POST, safe folder names, response headers."""

from __future__ import annotations

import hmac
import os
import re
import secrets
from pathlib import Path

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fontes.errors import WebError

#: The largest request body the app reads (bigger ones get 413).
MAX_BODY_BYTES = 64 * 1024
#: The header (or form field) that carries the per-process token.
TOKEN_HEADER = "x-fontes-token"
#: Hosts a page may be asked for by: the loopback names (a guard against DNS rebinding).
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")

#: A new folder's name: letters, digits, dot, dash, underscore; no leading dot; one level only.
_FOLDER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")

SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


def new_token() -> str:
    """A fresh random token for this process: pages embed it, POSTs send it back."""
    return secrets.token_urlsafe(32)


def check_same_origin(request: Request, token: str) -> None:
    """Refuse a state-changing request without this process's token or from another origin."""
    sent = request.headers.get(TOKEN_HEADER, "")
    if not hmac.compare_digest(sent.encode(), token.encode()):
        raise WebError(
            "missing or wrong token",
            field="token",
            hint="reload the page: the token changes each time fontes serve starts",
        )
    host = request.headers.get("host", "")
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{host}":
        raise WebError("request from another origin", field="origin")
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site not in (None, "same-origin", "none"):
        raise WebError("request from another site", field="sec-fetch-site")


def new_folder_in(root: Path, name: object) -> Path:
    """The folder `root/name`, created now, empty and inside `root`; WebError when it cannot be.

    Only one plain name is allowed: no separators, no `..`, no absolute or percent-encoded
    paths; an existing file, folder or symlink of that name is never reused.
    """
    if not isinstance(name, str) or not _FOLDER_NAME.fullmatch(name):
        raise WebError(
            "a folder name is letters, digits, '.', '-' and '_' (at most 80), not starting with '.'",
            field="name",
            hint="for example: korea-1950-what-if",
        )
    try:
        root = root.resolve(strict=True)
    except OSError:
        raise WebError(
            f"the save folder {root} does not exist",
            field="name",
            hint="start fontes serve with --save-root FOLDER",
        ) from None
    target = root / name
    if target.parent != root:  # cannot happen with the pattern above; kept as the rule itself
        raise WebError("the folder must be inside the save folder", field="name")
    try:
        os.mkdir(target, 0o755)  # fails on anything that exists there, a symlink included
    except FileExistsError:
        raise WebError(
            f"{name!r} exists already in the save folder",
            field="name",
            hint="choose a new name: an existing case is never overwritten",
        ) from None
    except OSError as exc:
        raise WebError(f"cannot create {name!r}: {exc.strerror}", field="name") from None
    if target.resolve() != root / name:
        raise WebError("the new folder is not where it should be", field="name")
    return target


class SecurityHeaders:
    """ASGI middleware: every response gets the security headers (no frames, no foreign scripts)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    headers.setdefault(key, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
