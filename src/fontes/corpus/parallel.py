"""Read, check and prepare a large JSONL file on every core, beside the one process that writes.

The writer cuts the file into parts of whole lines (about _PART_BYTES each) and hands them to
worker processes, which read and check every record (jsonl.py) and prepare the rows and
shingle fingerprints (prepared.py); the prepared parts come back in the file's order, so the
store numbers and replaces documents exactly as if one process had read the file, and the
lines of bad records come in the file's order too. At most a few parts are in flight, so
memory does not grow with the file. Small files are read in the writing process: starting
workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Self

from fontes.corpus.jsonl import read_jsonl_part
from fontes.corpus.prepared import PreparedBatch, prepare
from fontes.errors import CorpusError

#: Bytes of whole lines in one part of a file.
_PART_BYTES = 2_000_000
#: Files smaller than this are read in the writing process.
PARALLEL_BYTES = 8_000_000
#: Parts in flight for each worker (read ahead, so no worker waits for the writer).
_AHEAD = 2
#: How often a worker looks whether the process that started it is still there.
_PARENT_CHECK_SECONDS = 0.5


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class Preparers:
    """Worker processes for the prepared parts of files, started at the first file that needs them."""

    def __init__(self, workers: int | None = None):
        self.workers = workers or cores()
        self._pool: ProcessPoolExecutor | None = None

    def worth_it(self, size: int) -> bool:
        """Whether a file of `size` bytes is read faster by the workers than by the writer alone."""
        return self.workers > 1 and size >= PARALLEL_BYTES

    def prepared_jsonl(self, path: str | os.PathLike[str]) -> Iterator[PreparedBatch]:
        """The file's documents as prepared batches, in order (CorpusError for the whole file)."""
        name = os.fspath(path)
        if self._pool is None:
            context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=_watch_parent, initargs=(os.getpid(),)
            )
        waiting: deque[Future] = deque()
        try:
            with open(path, "rb") as handle:
                for data, first_line in _parts(handle):
                    waiting.append(self._pool.submit(_prepare_part, name, data, first_line))
                    if len(waiting) >= _AHEAD * self.workers:
                        yield _result(waiting.popleft())
            while waiting:
                yield _result(waiting.popleft())
        except OSError as exc:
            raise CorpusError(f"cannot be read: {exc.strerror}", file=name) from None
        finally:
            for future in waiting:
                future.cancel()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _parts(handle) -> Iterator[tuple[bytes, int]]:
    """(whole lines, the number of the first) of about _PART_BYTES each, from an open file."""
    first_line, rest = 1, b""
    while block := handle.read(_PART_BYTES):
        data = rest + block
        end = data.rfind(b"\n") + 1
        if end == 0:  # no line ends in it yet
            rest = data
            continue
        data, rest = data[:end], data[end:]
        yield data, first_line
        first_line += data.count(b"\n")
    if rest:
        yield rest, first_line


def _prepare_part(name: str, data: bytes, first_line: int) -> PreparedBatch | tuple[str, dict]:
    """In a worker: the prepared documents of a part, or a file-level CorpusError as plain values
    (an exception's own fields do not survive the way back)."""
    docs, failed = [], []
    try:
        for item in read_jsonl_part(data, name, first_line):
            if isinstance(item, CorpusError):
                failed.append(str(item))
            else:
                docs.append(item)
        return prepare(docs, failed)
    except CorpusError as exc:
        return exc.message, {"file": exc.file, "line": exc.line, "field": exc.field, "hint": exc.hint}


def _result(future: Future) -> PreparedBatch:
    result = future.result()
    if isinstance(result, tuple):
        message, where = result
        raise CorpusError(message, **where)
    return result


def _watch_parent(parent: int) -> None:
    """In a worker: leave as soon as the writing process is gone (killed, say), not linger."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
