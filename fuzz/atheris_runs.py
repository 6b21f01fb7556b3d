"""`python -m fuzz --engine atheris`: each target run by libFuzzer with -runs=N, its output read back.

libFuzzer stops at the first crash or timeout and keeps that input (-artifact_prefix); so a
reader's row counts at most one crash or hang, and the inputs run before it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console

from fuzz.campaign import ReaderResult

TARGET = Path(__file__).resolve().parent / "atheris_target.py"
_DONE = re.compile(r"Done (\d+) runs in")
_STATS = re.compile(r"^#(\d+)\s", re.MULTILINE)


def run_targets(
    names: list[str], inputs: int, *, limit: float, saves: Path, console: Console
) -> list[ReaderResult]:
    results = []
    for name in names:
        folder = saves / name
        folder.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable,
            str(TARGET),
            name,
            f"-runs={inputs}",
            f"-timeout={max(1, round(limit))}",
            "-rss_limit_mb=4096",
            f"-artifact_prefix={folder}/",
            "-print_final_stats=1",
        ]
        console.print(f"  {name}: {' '.join(command[1:])}")
        started = time.monotonic()
        finished = subprocess.run(command, capture_output=True, text=True, errors="replace", check=False)
        result = ReaderResult(name, seconds=time.monotonic() - started)
        output = finished.stderr + finished.stdout
        done = _DONE.search(output)
        result.inputs = (
            int(done.group(1)) if done else max((int(n) for n in _STATS.findall(output)), default=0)
        )
        if finished.returncode != 0:
            kind = "hang" if "libFuzzer: timeout" in output else "crash"
            setattr(result, "hangs" if kind == "hang" else "crashes", 1)
            artifact = next(iter(sorted(folder.glob("*-*"))), None)
            detail = _failure_lines(output)
            result.record(
                kind, detail.splitlines()[0] if detail else kind, detail, "", str(artifact or folder)
            )
            (folder / "output.txt").write_text(output, encoding="utf-8")
        results.append(result)
    return results


def _failure_lines(output: str) -> str:
    """The exception (and the invariant's report) libFuzzer printed, first lines."""
    at = output.find("=== Uncaught Python exception: ===")
    if at < 0:
        at = output.find("==ERROR")
    return output[at : at + 2000] if at >= 0 else output[-2000:]
