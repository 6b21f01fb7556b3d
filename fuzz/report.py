"""The campaign's table in the terminal and as JSON in fuzz/results/last.json (written atomically)."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import tempfile
from dataclasses import asdict
from pathlib import Path

from rich.console import Console
from rich.table import Table

from fuzz.campaign import ReaderResult

SCHEMA = "fontes.fuzz/1"


def print_table(results: list[ReaderResult], console: Console, title: str, *, refusals: bool = True) -> None:
    """One row per reader. `refusals` is False for atheris, whose runs do not report them."""
    table = Table(title=title)
    for column in ("reader", "inputs", "crashes", "hangs", "time", "refused (located error)"):
        table.add_column(column, justify="left" if column == "reader" else "right")
    for r in results:
        table.add_row(
            r.reader,
            f"{r.inputs:,}",
            str(r.crashes),
            str(r.hangs),
            f"{r.seconds:,.0f} s",
            f"{r.refused:,}" if refusals else "not counted",
        )
    console.print(table)
    for r in results:
        for failure in r.failures.values():
            console.print(
                f"[red]{r.reader}: {failure.kind} ×{failure.count}[/red] {failure.signature}\n"
                f"    {failure.detail[:300]}\n    input: {failure.how[:300]}\n    kept in {failure.saved}"
            )


def as_json(results: list[ReaderResult], *, engine: str, inputs: int, limit: float, seed: int) -> dict:
    readers = []
    for r in results:
        entry = asdict(r)
        entry["seconds"] = round(r.seconds, 1)
        entry["failures"] = [asdict(f) for f in r.failures.values()]
        readers.append(entry)
    return {
        "schema": SCHEMA,
        "engine": engine,
        "inputs_per_reader": inputs,
        "time_limit_seconds": limit,
        "seed": seed,
        "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "readers": readers,
        "total": {k: sum(getattr(r, k) for r in results) for k in ("inputs", "crashes", "hangs", "refused")},
    }


def write_json(data: dict, path: Path) -> Path:
    """Write to a temporary file beside `path`, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2, ensure_ascii=False)
            out.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def markdown_table(data: dict) -> str:
    """A last.json as a Markdown table: for docs/reliability.md."""
    counted = data["engine"] != "atheris"
    lines = [
        "| reader | inputs | read | refused with a located error | crashes | hangs | time |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in data["readers"]:
        read, refused = (f"{r['ok']:,}", f"{r['refused']:,}") if counted else ("not counted", "not counted")
        lines.append(
            f"| {r['reader']} | {r['inputs']:,} | {read} | {refused} | {r['crashes']} | {r['hangs']} "
            f"| {r['seconds']:,.0f} s |"
        )
    total = data["total"]
    lines.append(
        f"| **all** | **{total['inputs']:,}** | | | **{total['crashes']}** | **{total['hangs']}** | |"
    )
    lines.append("")
    seed = f", seed {data['seed']}" if counted else ""
    lines.append(
        f"Engine {data['engine']}, {data['inputs_per_reader']:,} inputs per reader, at most "
        f"{data['time_limit_seconds']:g} s per input{seed}; finished "
        f"{data['finished'][:16].replace('T', ' ')} UTC on Python {data['python']}."
    )
    return "\n".join(lines) + "\n"


def last_run(path: Path | None = None) -> dict:
    """The committed results of the last campaign (fuzz/results/last.json)."""
    from fuzz.paths import RESULTS

    return json.loads((path or RESULTS / "last.json").read_text(encoding="utf-8"))
