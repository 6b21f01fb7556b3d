"""The long run: each reader fed N generated inputs in a worker process, watched for hard hangs.

Inside a worker an input past the time limit is stopped by SIGALRM (a hang). An input stuck
where no signal reaches (C code that never returns to Python) stops the worker's reports:
the parent then kills the worker, records a hang with the input, and starts a fresh worker
for the inputs left.
"""

from __future__ import annotations

import multiprocessing
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from fuzz.invariant import TIME_LIMIT, Outcome
from fuzz.sample import Sample

#: How long a worker may stay silent beyond the time limit before it is killed.
SILENCE_GRACE = 30.0


@dataclass
class Failure:
    """Inputs that failed the same way: the first one kept, the rest counted."""

    kind: str
    signature: str
    detail: str
    how: str
    saved: str
    count: int = 1


@dataclass
class ReaderResult:
    reader: str
    inputs: int = 0
    ok: int = 0
    refused: int = 0
    crashes: int = 0
    hangs: int = 0
    seconds: float = 0.0
    failures: dict[str, Failure] = field(default_factory=dict)

    def count(self, kind: str) -> None:
        self.inputs += 1
        if kind == "ok":
            self.ok += 1
        elif kind == "refused":
            self.refused += 1
        elif kind == "crash":
            self.crashes += 1
        else:
            self.hangs += 1

    def record(self, kind: str, signature: str, detail: str, how: str, saved: str) -> None:
        if signature in self.failures:
            self.failures[signature].count += 1
        else:
            self.failures[signature] = Failure(kind, signature, detail, how, saved)


def save_failure(sample: Sample, outcome: Outcome, folder: Path) -> Path:
    """Keep a failing input (its files, how it was broken, the traceback) for reproduction."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", outcome.signature)[:80].strip("-") or "failure"
    target = folder / f"{name}-{sample.digest()}"
    sample.write(target / "files")
    (target / "how.txt").write_text(f"main: {sample.main}\n{sample.describe()}\n", encoding="utf-8")
    (target / "outcome.txt").write_text(outcome.report() + "\n", encoding="utf-8")
    return target


def _worker(
    name: str, inputs: int, seed: int, folder: str, limit: float, saves: str, conn: Connection
) -> None:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as fixed_seed

    from fuzz.readers import READERS, Session

    reader = READERS[name]
    seen: set[str] = set()
    with Session(reader, Path(folder)) as session:

        @fixed_seed(seed)
        @settings(
            max_examples=inputs,
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(reader.samples())
        def one(sample: Sample) -> None:
            conn.send(("start", sample.describe()))
            outcome = session.check(sample, limit)
            saved = ""
            if outcome.failed and outcome.signature not in seen:
                seen.add(outcome.signature)
                saved = str(save_failure(sample, outcome, Path(saves)))
            conn.send(("input", outcome.kind, outcome.signature, outcome.detail, sample.describe(), saved))

        one()
    conn.send(("done",))


@dataclass
class _Running:
    reader: str
    process: multiprocessing.Process
    conn: Connection
    folder: Path
    heard: float
    started: float
    current: str = ""
    asked: int = 0
    done_before: int = 0


def run_campaign(
    names: list[str],
    inputs: int,
    *,
    seed: int = 0,
    jobs: int = 2,
    limit: float = TIME_LIMIT,
    saves: Path,
    progress=None,
) -> list[ReaderResult]:
    """Fuzz each reader with `inputs` inputs, `jobs` readers at a time; the results in `names` order."""
    context = multiprocessing.get_context("spawn")
    results = {n: ReaderResult(n) for n in names}
    waiting = list(names)
    running: dict[Connection, _Running] = {}
    work = Path(tempfile.mkdtemp(prefix="fontes-fuzz-"))
    try:
        while waiting or running:
            while waiting and len(running) < jobs:
                name = waiting.pop(0)
                run = _start(context, name, inputs, seed, work, limit, saves / name, done_before=0)
                running[run.conn] = run
            for conn in wait(list(running), timeout=1.0):
                run = running[conn]
                try:
                    message = conn.recv()
                except EOFError:
                    message = ("died",)
                run.heard = time.monotonic()
                result = results[run.reader]
                if message[0] == "start":
                    run.current = message[1]
                elif message[0] == "input":
                    kind, signature, detail, how, saved = message[1:]
                    result.count(kind)
                    if kind in ("crash", "hang"):
                        result.record(kind, signature, detail, how, saved)
                    if progress:
                        progress(run.reader, result)
                else:
                    result.seconds += time.monotonic() - run.started
                    _stop(run)
                    del running[conn]
                    left = inputs - result.inputs
                    if message[0] == "died" and result.inputs == run.done_before:
                        result.record("crash", "worker failed", "the worker died before any input", "", "")
                        result.crashes += 1
                    elif message[0] == "died" and left > 0:
                        result.count("crash")
                        result.record("crash", "worker died", "the worker process died", run.current, "")
                        restarted = _start(
                            context,
                            run.reader,
                            left - 1,
                            seed + result.inputs,
                            work,
                            limit,
                            saves / run.reader,
                            result.inputs,
                        )
                        running[restarted.conn] = restarted
            now = time.monotonic()
            for conn, run in list(running.items()):
                if now - run.heard > limit + SILENCE_GRACE:
                    result = results[run.reader]
                    saved = saves / run.reader / f"hard-hang-{result.inputs}"
                    shutil.copytree(run.folder / "input", saved / "files", dirs_exist_ok=True)
                    (saved / "how.txt").write_text(run.current + "\n", encoding="utf-8")
                    result.count("hang")
                    result.record(
                        "hang",
                        "hard hang (the worker was killed)",
                        f"no answer within {limit + SILENCE_GRACE:g} s",
                        run.current,
                        str(saved),
                    )
                    result.seconds += now - run.started
                    _stop(run, kill=True)
                    del running[conn]
                    left = inputs - result.inputs
                    if left > 0:
                        restarted = _start(
                            context,
                            run.reader,
                            left,
                            seed + result.inputs,
                            work,
                            limit,
                            saves / run.reader,
                            result.inputs,
                        )
                        running[restarted.conn] = restarted
    finally:
        for run in running.values():
            _stop(run, kill=True)
        shutil.rmtree(work, ignore_errors=True)
    return [results[n] for n in names]


def _start(
    context, name: str, inputs: int, seed: int, work: Path, limit: float, saves: Path, done_before: int
) -> _Running:
    folder = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=work))
    saves.mkdir(parents=True, exist_ok=True)
    parent, child = context.Pipe(duplex=False)
    process = context.Process(
        target=_worker, args=(name, inputs, seed, str(folder), limit, str(saves), child), daemon=True
    )
    process.start()
    child.close()
    now = time.monotonic()
    return _Running(name, process, parent, folder, heard=now + 60.0, started=now, done_before=done_before)


def _stop(run: _Running, kill: bool = False) -> None:
    if kill and run.process.is_alive():
        run.process.kill()
    run.process.join(timeout=10)
    run.conn.close()
