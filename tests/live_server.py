"""The app under uvicorn on a free loopback port, and raw HTTP to it (no client tidies the path up)."""

from __future__ import annotations

import re
import socket
import threading
import time
from contextlib import contextmanager

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


@contextmanager
def running(app, timeout: float = 30):
    """Serve `app` in a thread on a free port of 127.0.0.1; yields the port."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host=LOOPBACK, port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"the app did not start within {timeout} s")
        time.sleep(0.02)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def raw_request(port: int, head: bytes, body: bytes = b"", timeout: float = 10) -> tuple[int, bytes]:
    """Send `head` (request line and headers, as given) and `body`; the status and the whole answer."""
    answer = b""
    with socket.create_connection((LOOPBACK, port), timeout=timeout) as sock:
        try:
            sock.sendall(head + body)
            while chunk := sock.recv(65536):
                answer += chunk
        except (BrokenPipeError, ConnectionResetError):  # refused before it read it all: the answer counts
            pass
    match = re.match(rb"HTTP/1\.[01] (\d{3})", answer)
    return (int(match.group(1)) if match else 0), answer


def raw_get(port: int, target: str | bytes) -> tuple[int, bytes]:
    """GET `target` exactly as written, dots, percent signs and all."""
    target = target.encode("latin-1") if isinstance(target, str) else target
    return raw_request(
        port, b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % port
    )
