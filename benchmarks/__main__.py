"""Run the benchmarks: `python -m benchmarks [--docs N] [--quick] [--only NAME ...]`."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import asdict
from pathlib import Path

from rich.console import Console

from benchmarks import (
    anchor_throughput,
    audit_essays,
    frus_tei_throughput,
    ingest_jsonl,
    locations,
    paraphrase_meaning,
    scale,
    search_latency,
)
from benchmarks.context import Run, Settings
from benchmarks.results import SCHEMA, load_average, machine_facts, write_result
from benchmarks.table import print_table

#: In the order they run: the JSONL ingest makes the store the search and anchor benchmarks use.
BENCHMARKS = {
    module.NAME: module
    for module in (
        ingest_jsonl,
        frus_tei_throughput,
        search_latency,
        anchor_throughput,
        scale,
        paraphrase_meaning,
        audit_essays,
    )
}


def settings_from(args: argparse.Namespace) -> Settings:
    """Full size by default; --quick shrinks everything so a smoke test takes seconds."""
    if args.quick:
        settings = Settings(
            docs=2_000,
            queries=200,
            quotes_per_class=10,
            naive_quotes_per_class=4,
            tei_megabytes=0.0,
            repeats=1,
            measure_memory=False,
        )
    else:
        settings = Settings()
    settings.seed = args.seed
    settings.sizes = args.sizes or ([300, 600] if args.quick else None)
    for name in ("docs", "queries", "quotes_per_class", "naive_quotes_per_class"):
        if getattr(args, name) is not None:
            setattr(settings, name, getattr(args, name))
    return settings


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split(":")[0])
    parser.add_argument(
        "--docs", type=int, help="documents in the scaled corpus (default 50000; 2000 with --quick)"
    )
    parser.add_argument("--quick", action="store_true", help="a small run for a smoke test")
    parser.add_argument("--seed", type=int, default=1950)
    parser.add_argument("--queries", type=int, help="search queries (default 200)")
    parser.add_argument("--quotes-per-class", type=int, help="quotations of each class (default 100)")
    parser.add_argument(
        "--naive-quotes-per-class",
        type=int,
        help="of those, how many the naive anchoring baseline runs on (default 12)",
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", help="corpus sizes of the scale table (default 10000 100000 1000000)"
    )
    parser.add_argument("--only", nargs="+", choices=list(BENCHMARKS), help="run only these benchmarks")
    parser.add_argument("--results", type=Path, default=locations.RESULTS, help="folder for the JSON results")
    parser.add_argument(
        "--cache", type=Path, default=locations.CACHE, help="folder for built corpora and stores"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    console = Console(width=None if sys.stdout.isatty() else 140)
    missing = locations.missing_shared()
    if missing:
        console.print(
            f"[red]cannot run: {', '.join(map(str, missing))} not found[/red] "
            "(the shared corpus must be beside the repo, in ../shared)"
        )
        return 1
    settings = settings_from(args)
    run = Run(settings, results=args.results, cache=args.cache, console=console)
    machine = machine_facts()
    results = []
    try:
        for name in args.only or BENCHMARKS:
            result = BENCHMARKS[name].run(run)
            result = {
                "schema": SCHEMA,
                "name": result.pop("name"),
                "title": result.pop("title"),
                "machine": machine,
                "settings": asdict(settings),
                "load_average_at_end": load_average(),
                **result,
            }
            path = write_result(args.results, result)
            results.append(result)
            run.log(f"  wrote {path}")
    finally:
        run.close()
    run.log(f"done in {time.perf_counter() - run.started:.0f} s")
    print_table(console, results, machine)
    return 0


if __name__ == "__main__":
    sys.exit(main())
