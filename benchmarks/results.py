"""Result files: one JSON per benchmark with machine facts, parameters, raw numbers and the ratio."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import sqlite3
import sys
from pathlib import Path
from typing import Any

#: The shape of a result file; a change of keys gets a new number.
SCHEMA = "fontes.bench/1"


def machine_facts() -> dict[str, Any]:
    """What the numbers depend on: cores, Python, SQLite, lxml, rapidfuzz, and when."""
    import lxml.etree
    import rapidfuzz

    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
        "lxml": ".".join(map(str, lxml.etree.LXML_VERSION)),
        "libxml2": ".".join(map(str, lxml.etree.LIBXML_VERSION)),
        "rapidfuzz": rapidfuzz.__version__,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "load_average_at_start": load_average(),
        "argv": sys.argv[1:],
    }


def load_average() -> list[float] | None:
    """The machine's 1-, 5- and 15-minute load averages: other work on it slows every number down."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def write_result(folder: Path, result: dict[str, Any]) -> Path:
    """Write `result` to <folder>/<name>.json atomically (a temp file renamed over the old one)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{result['name']}.json"
    temporary = folder / f".{result['name']}.{os.getpid()}.tmp"
    temporary.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, target)
    return target


def summary_row(
    metric: str, fontes: str, baseline: str, ratio: str, target: str = "", met: bool | None = None
) -> dict[str, Any]:
    """One line of the final table: what was measured, against what, and whether the target is met."""
    return {
        "metric": metric,
        "fontes": fontes,
        "baseline": baseline,
        "ratio": ratio,
        "target": target,
        "met": met,
    }


def times(ratio: float, word: str) -> str:
    """A ratio for the table: "3.2x slower", "140x faster"."""
    return f"{ratio:.1f}x {word}" if ratio < 10 else f"{ratio:.0f}x {word}"
