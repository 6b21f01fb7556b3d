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
    """The store given (which must exist), else the default store if there is one, else None."""
    from fontes.corpus import Store
    from fontes.errors import CorpusError

    if db_path is not None:
        if not Path(db_path).is_file():
            raise CorpusError("no corpus store here", file=str(db_path), hint="fontes ingest or fontes pull first")
        return Path(db_path)
    default = Store.default_path()
    return default if default.is_file() else None


def serve(case_dir: str | Path | None = None, db_path: str | Path | None = None, *,
          host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, essay_path: str | Path | None = None,
          save_root: str | Path | None = None) -> None:
    """Load the case, then serve it until interrupted (Ctrl-C)."""
    import uvicorn

    from fontes.web.app import create_app

    store = store_to_serve(db_path)
    app = create_app(case_dir, store, essay_path=essay_path, save_root=save_root,
                     allowed_hosts=hosts_for(host))
    shown = f"[{host}]" if ":" in host else host
    print(f"fontes: serving {app.state.workspace.case.title} on http://{shown}:{port}/ "
          f"({'corpus ' + str(store) if store else 'no corpus store'}; Ctrl-C stops)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
