"""Fuzz every reader: `python -m fuzz [--inputs N] [--only READER ...] [--engine hypothesis|atheris]`.

Prints a table (reader, inputs, crashes, hangs, time) and writes it to fuzz/results/last.json.
Exits 1 when any input crashed or hung; each such input is kept under fuzz/results/failures/.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from rich.console import Console

from fuzz.campaign import run_campaign
from fuzz.invariant import TIME_LIMIT
from fuzz.paths import RESULTS
from fuzz.readers import READERS
from fuzz.report import as_json, print_table, write_json


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="inputs per reader (default 10000)")
    parser.add_argument("--only", nargs="+", choices=list(READERS), help="fuzz only these readers")
    parser.add_argument(
        "--engine",
        choices=["hypothesis", "atheris"],
        default="hypothesis",
        help="hypothesis: format-aware generators (default); atheris: coverage-guided "
        "mutation of the fixtures (needs the fuzz extra)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=min(len(READERS), os.cpu_count() or 1),
        help="readers fuzzed at once (default: the number of CPUs)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--time-limit", type=float, default=TIME_LIMIT, help="seconds an input may take")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for last.json and failures/")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    names = args.only or list(READERS)
    console = Console(width=None if sys.stdout.isatty() else 120)
    failures = args.results / "failures"
    shutil.rmtree(failures, ignore_errors=True)
    started = time.monotonic()
    if args.engine == "atheris":
        from fuzz.atheris_runs import run_targets

        results = run_targets(names, args.inputs, limit=args.time_limit, saves=failures, console=console)
    else:
        last = {}

        def progress(reader, result):
            if (
                result.inputs - last.get(reader, 0) >= max(1, args.inputs // 10)
                or result.inputs == args.inputs
            ):
                last[reader] = result.inputs
                console.print(
                    f"  {reader}: {result.inputs:,}/{args.inputs:,} inputs, "
                    f"{result.crashes} crashes, {result.hangs} hangs"
                )

        results = run_campaign(
            names,
            args.inputs,
            seed=args.seed,
            jobs=max(1, args.jobs),
            limit=args.time_limit,
            saves=failures,
            progress=progress,
        )
    title = (
        f"{args.engine}: {args.inputs:,} inputs per reader, {args.time_limit:g} s each at most, "
        f"{time.monotonic() - started:,.0f} s in all"
    )
    print_table(results, console, title, refusals=args.engine != "atheris")
    data = as_json(results, engine=args.engine, inputs=args.inputs, limit=args.time_limit, seed=args.seed)
    path = write_json(data, args.results / "last.json")
    console.print(f"written {path}")
    return 1 if data["total"]["crashes"] or data["total"]["hangs"] else 0


if __name__ == "__main__":
    sys.exit(main())
