"""Anchor many quotations on every core: worker processes, each with its own store connection.

`anchor_many` keeps the order of its requests and gives, for each, the Anchor that
`anchor_quote` gives, or the AnchorError it raises; one worker (or a store in memory) runs
in this process. SQLite readers do not block each other, so the workers share the file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from fontes.anchor import Anchor, anchor_quote
from fontes.errors import AnchorError

#: Requests a worker takes at a time (fewer round trips; small enough to share out evenly).
_CHUNK = 16


@dataclass(frozen=True)
class Request:
    """One quotation to anchor, in the corpus or in one source of it."""

    quote: str
    source_id: str | None = None


def anchor_many(requests: Iterable[Request], store_path: str | os.PathLike[str],
                workers: int | None = None) -> Iterator[Anchor | AnchorError]:
    """For each request in order, its Anchor or its AnchorError; `workers` defaults to the cores."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or str(store_path) == ":memory:":
        from fontes.corpus import Store

        with Store(store_path) as store:
            yield from (_anchor_one(store, request) for request in requests)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_open_worker_store,
                             initargs=(str(Path(store_path)),)) as pool:
        for result in pool.map(_anchor_in_worker, requests, chunksize=_CHUNK):
            yield result if isinstance(result, Anchor) else AnchorError(result[0], field=result[1],
                                                                        hint=result[2])


def _anchor_one(store, request: Request) -> Anchor | AnchorError:
    try:
        return anchor_quote(request.quote, store, source_id=request.source_id)
    except AnchorError as exc:
        return exc


class _WorkerStore:
    """The store a worker process opened at its start; it lives as long as the process."""

    store = None


def _open_worker_store(path: str) -> None:
    from fontes.corpus import Store

    _WorkerStore.store = Store(path)


def _anchor_in_worker(request: Request) -> Anchor | tuple[str, str | None, str | None]:
    """The anchor, or the error's message, field and hint (an exception's keywords do not pickle)."""
    result = _anchor_one(_WorkerStore.store, request)
    return result if isinstance(result, Anchor) else (result.message, result.field, result.hint)
