"""`fontes serve`: run the app with uvicorn, on the loopback address unless told otherwise."""

from __future__ import annotations

import ipaddress
from pathlib import Path

from fontes.web.security import LOOPBACK_HOSTS

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def hosts_for(host: str) -> list[str]:
    """The Host names the app answers to when bound to `host` (an address on every interface: any)."""
    try:
        if ipaddress.ip_address(host).is_unspecified:
            return ["*"]
    except ValueError:
        pass
    return list(dict.fromkeys([*LOOPBACK_HOSTS, host]))


def store_to_serve(db_path: str | Path | None) -> Path | None:
    """The store at --db (which must exist), else the default store if there is one; None serves
    the case without the source reader and search, and the start-up line says so."""
    from fontes.corpus import corpus_if_any

    return corpus_if_any(db_path)


def bind(host: str, port: int):
    """A listening socket on host:port, or a WebError naming the address when it is taken."""
    import socket

    from fontes.errors import WebError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise WebError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}",
            field="--port",
            hint="another program uses it: give another --port",
        ) from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def serve(
    case_dir: str | Path | None = None,
    db_path: str | Path | None = None,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    essay_path: str | Path | None = None,
    save_root: str | Path | None = None,
) -> None:
    """Load the case, then serve it until interrupted (Ctrl-C)."""
    import uvicorn

    from fontes.web.app import create_app

    store = store_to_serve(db_path)
    if essay_path is not None:
        from fontes.audit.reading.read import read_essay

        read_essay(
            essay_path, refuse_empty=True
        )  # an essay the audit cannot read is refused now, not at /audit
    app = create_app(
        case_dir, store, essay_path=essay_path, save_root=save_root, allowed_hosts=hosts_for(host)
    )
    sock = bind(host, port)
    shown = f"[{host}]" if ":" in host else host
    print(
        f"fontes: serving {app.state.workspace.case.title} on http://{shown}:{port}/ "
        f"({'corpus ' + str(store) if store else 'no corpus store: no source reader or search'}; "
        "Ctrl-C stops)",
        flush=True,
    )
    try:
        uvicorn.run(app, fd=sock.fileno(), log_level="warning", server_header=False)
    finally:
        sock.close()
