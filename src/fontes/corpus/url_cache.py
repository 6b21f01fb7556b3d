"""A folder of fetched URLs: one body file per URL (hashed name) and a JSON sidecar saying what it is.

A URL that is in the cache is never fetched again. Both files are written to a temporary
name and renamed into place, body first, so a sidecar exists only beside a complete body and
a killed pull leaves no half-written entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}$")


class UrlCache:
    """Bodies of fetched URLs under `folder`, found again by the URL alone."""

    def __init__(self, folder: str | os.PathLike[str]):
        self.folder = Path(folder)

    def body_path(self, url: str) -> Path:
        """Where the body of `url` is (or will be) kept: the URL's SHA-256, and its suffix if any."""
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        suffix = _SUFFIX.search(url.split("?", 1)[0].split("#", 1)[0])
        return self.folder / f"{digest}{suffix.group(0).lower() if suffix else '.html'}"

    def sidecar_path(self, url: str) -> Path:
        return self.body_path(url).with_suffix(".json")

    def get(self, url: str) -> Path | None:
        """The cached body of `url`, or None when it was never fetched (or its entry is incomplete)."""
        body, sidecar = self.body_path(url), self.sidecar_path(url)
        if not (body.is_file() and sidecar.is_file()):
            return None
        try:
            if json.loads(sidecar.read_text(encoding="utf-8")).get("url") != url:
                return None  # a hash collision or a hand-edited sidecar: treat as absent
        except (OSError, ValueError):
            return None
        return body

    def put(
        self, url: str, chunks: Iterable[bytes], *, status: int, final_url: str = "", content_type: str = ""
    ) -> Path:
        """Write `chunks` as the body of `url` (atomically), then its sidecar; the body's path."""
        self.folder.mkdir(parents=True, exist_ok=True)
        body = self.body_path(url)
        size = _write_atomically(body, chunks)
        sidecar = {
            "url": url,
            "status": status,
            "fetched": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "final_url": final_url or url,
            "content_type": content_type,
            "bytes": size,
        }
        _write_atomically(
            self.sidecar_path(url), [json.dumps(sidecar, indent=1, ensure_ascii=False).encode("utf-8")]
        )
        return body

    def evict(self, url: str) -> None:
        """Forget `url` (its body turned out unreadable), so the next pull fetches it again."""
        for path in (self.sidecar_path(url), self.body_path(url)):
            path.unlink(missing_ok=True)


def _write_atomically(path: Path, chunks: Iterable[bytes]) -> int:
    """Write to a temporary file beside `path`, then rename it over `path`; the bytes written."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    size = 0
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
                size += len(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return size
