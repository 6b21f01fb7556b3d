"""Anchor many quotations at once: a JSONL file of {"id", "quote", "source"?} lines.

Every good line is answered and every bad one named (file:line: why), so one slip in a file
of thousands costs one line, not the run. The work runs on every core (`anchor_many`: worker
processes, each with its own store connection, answers in the order asked; SQLite readers do
not block each other) or on a Dask cluster.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fontes.anchor import Anchor, anchor_quote
from fontes.errors import AnchorError

if TYPE_CHECKING:
    from fontes.corpus import Store

#: Requests a worker takes at a time (fewer round trips; small enough to share out evenly).
_CHUNK = 16


@dataclass(frozen=True)
class Request:
    """One quotation to anchor, in the corpus or in one source of it."""

    quote: str
    source_id: str | None = None


def anchor_many(
    requests: Iterable[Request], store_path: str | os.PathLike[str], workers: int | None = None
) -> Iterator[Anchor | AnchorError]:
    """For each request in order, its Anchor or its AnchorError; `workers` defaults to the cores."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or str(store_path) == ":memory:":
        from fontes.corpus import Store

        with Store(store_path) as store:
            yield from (_anchor_one(store, request) for request in requests)
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_open_worker_store, initargs=(str(Path(store_path)),)
    ) as pool:
        for result in pool.map(_anchor_in_worker, requests, chunksize=_CHUNK):
            yield (
                result
                if isinstance(result, Anchor)
                else AnchorError(result[0], field=result[1], hint=result[2])
            )


def _anchor_one(store, request: Request) -> Anchor | AnchorError:
    try:
        return anchor_quote(request.quote, store, source_id=request.source_id)
    except AnchorError as exc:
        return exc


class _WorkerStore:
    """The store a worker process opened at its start; it lives as long as the process."""

    store: Store | None = None


def _open_worker_store(path: str) -> None:
    from fontes.corpus import Store

    _WorkerStore.store = Store(path)


def _anchor_in_worker(request: Request) -> Anchor | tuple[str, str | None, str | None]:
    """The anchor, or the error's message, field and hint (an exception's keywords do not pickle)."""
    result = _anchor_one(_WorkerStore.store, request)
    return result if isinstance(result, Anchor) else (result.message, result.field, result.hint)


_LINE_SHAPE = 'each line needs {"id": ..., "quote": "..."}'


@dataclass(frozen=True)
class BatchLine:
    """One line of a batch: its anchor, or why it could not be anchored."""

    number: int
    id: object
    quote: str
    anchor: Anchor | None
    problem: str | None


def read_batch_text(path: str | os.PathLike[str]) -> str:
    """The batch file's text; AnchorError naming the file (and line) when it is not UTF-8 text."""
    name = os.fspath(path)
    file = Path(path)
    if file.is_dir():
        raise AnchorError("is a folder, not a JSONL file", file=name, hint="give the batch file itself")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise AnchorError(
            f"cannot be read: {exc.strerror or exc}", file=name, hint="check the path"
        ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AnchorError(
            "is not UTF-8 text",
            file=name,
            line=line,
            hint='a batch is JSONL: one {"id": ..., "quote": "..."} object a line',
        ) from None
    if "\x00" in text:
        raise AnchorError(
            "is a binary file, not JSONL",
            file=name,
            hint='a batch is JSONL: one {"id": ..., "quote": "..."} object a line',
        )
    return text.removeprefix("\ufeff")


def read_batch(
    path: str | os.PathLike[str], source_id: str | None = None
) -> list[tuple[int, object, Request | str]]:
    """Each non-blank line of the batch: its number, its id, and its Request or why it is bad."""
    lines: list[tuple[int, object, Request | str]] = []
    for number, line in enumerate(read_batch_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            request = json.loads(line)
        except json.JSONDecodeError as exc:
            lines.append((number, None, f"not JSON at column {exc.colno}; " + _LINE_SHAPE))
            continue
        if not isinstance(request, dict) or not isinstance(request.get("quote"), str):
            lines.append((number, None, _LINE_SHAPE))
            continue
        source = request.get("source") or source_id
        if source is not None and not isinstance(source, str):
            lines.append((number, request.get("id"), '"source" must be a source id (a string)'))
            continue
        lines.append((number, request.get("id"), Request(request["quote"], source)))
    return lines


def anchor_batch(
    path: str | os.PathLike[str],
    store_path: str | os.PathLike[str],
    source_id: str | None = None,
    workers: int | None = None,
    dask: tuple[str, str] | None = None,
) -> Iterator[BatchLine]:
    """Anchor each line of the batch file at `path`, in order: on every core of this machine
    (`workers`), or on a Dask cluster (`dask` = (scheduler address, Parquet folder))."""
    lines = read_batch(path, source_id)
    work = [request for _, _, request in lines if isinstance(request, Request)]
    if dask is not None:
        from fontes.anchor.distributed import anchor_on_dask

        results = iter(anchor_on_dask(work, dask[1], dask[0]))
    else:
        results = iter(anchor_many(work, store_path, workers))
    for number, request_id, request in lines:
        if not isinstance(request, Request):
            yield BatchLine(number, request_id, "", None, request)
            continue
        result = next(results)
        if isinstance(result, AnchorError):
            yield BatchLine(number, request_id, request.quote, None, str(result))
        else:
            yield BatchLine(number, request_id, request.quote, result, None)
