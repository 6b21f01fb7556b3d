"""The invariant, checked on one input: a result or a located FontesError, within a time limit."""

from __future__ import annotations

import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from fontes.errors import FontesError

#: Seconds one input may take before it counts as a hang.
TIME_LIMIT = 5.0

#: Words that appear only if an external entity or XInclude was followed (see `plant_secret`).
SECRET_MARKER = "fontes-fuzz-secret-7f3a"
SECRET_FILE = "secret.txt"
_PASSWD_LINE = "root:x:0:0:"


class Hang(BaseException):
    """Raised in the reader when its time is up (a BaseException: `except Exception` lets it by)."""


class Broken(Exception):
    """An invariant other than "no stray exception" does not hold (store changed, error unlocated)."""


@dataclass
class Outcome:
    """What one input did: "ok", "refused" (a located FontesError), "crash" or "hang"."""

    kind: str
    detail: str = ""
    trace: str = ""
    signature: str = ""
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return self.kind in ("crash", "hang")

    def report(self) -> str:
        return f"{self.kind}: {self.detail}\n{self.trace}".rstrip()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise Hang in the main thread after `seconds`, and again every second until it gets through
    (a garbage-collector callback may swallow one). No limit off the main thread or for None."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    armed = True

    def expire(signum, frame):
        if armed:
            raise Hang(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def located(error: FontesError, *, need_file: bool = True) -> FontesError:
    """The error itself, if it says which file; else Broken."""
    if need_file and not error.file:
        raise Broken(f"{type(error).__name__} without a file: {error}")
    if not error.message:
        raise Broken(f"{type(error).__name__} without a message")
    try:
        str(error).encode("utf-8")
    except UnicodeEncodeError:
        raise Broken(f"{type(error).__name__} that cannot be printed: {str(error)!r}") from None
    return error


def plant_secret(folder: Path) -> None:
    """A file an XXE or XInclude in a sample would pull in: its words must never come out."""
    (folder / SECRET_FILE).write_text(SECRET_MARKER + "\n", encoding="utf-8")


def no_secret(result: object) -> None:
    """Broken when a result holds the planted secret or a line of /etc/passwd (an entity was followed)."""
    shown = repr(result)
    for marker in (SECRET_MARKER, _PASSWD_LINE):
        if marker in shown:
            raise Broken(f"the result holds {marker!r}: an external entity or XInclude was followed")


def outcome_of(
    run: Callable[[], str | None], limit: float | None = TIME_LIMIT, *, need_file: bool = True
) -> Outcome:
    """Run one input and classify what happened. `run` returns None when the input was read, the
    first located error it met when the input was refused, or raises."""
    start = time.perf_counter()
    try:
        with time_limit(limit):
            refusal = run()
        outcome = Outcome("refused", refusal) if refusal else Outcome("ok")
    except Hang as exc:
        outcome = Outcome("hang", str(exc), _trace(exc), _signature(exc, "Hang"))
    except FontesError as exc:
        try:
            located(exc, need_file=need_file)
            outcome = Outcome("refused", str(exc))
        except Broken as broken:
            outcome = Outcome("crash", str(broken), _trace(exc), _signature(exc, "unlocated"))
    except Broken as exc:
        outcome = Outcome("crash", f"invariant broken: {exc}", _trace(exc), _signature(exc, "Broken"))
    except Exception as exc:  # noqa: BLE001 - any other exception is exactly what is looked for
        outcome = Outcome(
            "crash", f"{type(exc).__name__}: {exc}"[:500], _trace(exc), _signature(exc, type(exc).__name__)
        )
    outcome.seconds = time.perf_counter() - start
    if outcome.kind in ("ok", "refused") and limit and outcome.seconds > limit * 1.5:
        outcome.kind, outcome.detail = "hang", f"took {outcome.seconds:.1f} s (the limit swallowed?)"
        outcome.signature = "Hang: slow"
    return outcome


def _trace(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc, limit=-12))


def _signature(exc: BaseException, kind: str) -> str:
    """Kind and the innermost frame in fontes (else the innermost frame): crashes grouped by cause."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/fontes/" in f.filename] or frames
    if not ours:
        return kind
    frame = ours[-1]
    where = (
        frame.filename.split("/fontes/")[-1] if "/fontes/" in frame.filename else Path(frame.filename).name
    )
    return f"{kind} at {where}:{frame.lineno} ({frame.name})"
