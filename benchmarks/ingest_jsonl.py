"""Ingest throughput of the scaled JSONL corpus, against json.loads of every line of the same file.

fontes's ingest reads each line, checks every field, builds a Document, then writes the
sources, texts, page breaks and the FTS5 index in one transaction; the baseline only decodes
the JSON. Both are timed on the same bytes (the file is read once before, so both find it in
the page cache). The reader alone (read_jsonl, no store) is timed too, to show where time goes.
"""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.context import Run
from benchmarks.results import summary_row, times
from benchmarks.timing import best_of, seconds

NAME = "ingest_jsonl"


def decode_every_line(path: Path) -> int:
    """The baseline: json.loads of every line of the file."""
    count = 0
    with path.open("rb") as lines:
        for line in lines:
            if line.strip():
                json.loads(line)
                count += 1
    return count


def run(run: Run) -> dict:
    from fontes.corpus import Store, ingest_paths
    from fontes.corpus.jsonl import read_jsonl

    path = run.scaled_corpus()
    megabytes = path.stat().st_size / 1e6
    repeats = run.settings.repeats
    run.log(f"[bold]{NAME}[/bold]: baseline json.loads of every line, best of {repeats}")
    lines = decode_every_line(path)
    baseline = best_of(repeats, lambda: decode_every_line(path))
    run.log(f"  {baseline:.2f} s; read_jsonl alone (no store)")
    reader = seconds(lambda: setattr(run, "documents", list(read_jsonl(path))))
    run.log(f"  {reader:.2f} s; ingest_paths into a fresh store (one transaction)")
    store = Store(run.workdir / "scaled.db")
    summary = None

    def ingest() -> None:
        nonlocal summary
        summary = ingest_paths([path], store)

    took = seconds(ingest)
    run.store = store
    run.log(f"  {took:.2f} s: {summary.added:,} added, {len(summary.failed)} failed")
    ratio = took / baseline
    return {
        "name": NAME,
        "title": "JSONL ingest of the scaled corpus vs json.loads of every line",
        "parameters": {
            "documents": run.settings.docs,
            "seed": run.settings.seed,
            "file": path.name,
            "megabytes": round(megabytes, 3),
            "baseline_repeats": repeats,
            "ingest_repeats": 1,
        },
        "raw": {
            "lines": lines,
            "json_loads_seconds": baseline,
            "read_jsonl_seconds": reader,
            "ingest_seconds": took,
            "ingest_added": summary.added,
            "ingest_failed": len(summary.failed),
            "store_megabytes": round((run.workdir / "scaled.db").stat().st_size / 1e6, 3),
            "json_loads_mb_per_s": megabytes / baseline,
            "read_jsonl_mb_per_s": megabytes / reader,
            "ingest_mb_per_s": megabytes / took,
            "ingest_documents_per_s": summary.added / took,
        },
        "ratio": ratio,
        "ratio_meaning": "ingest_paths time / json.loads time on the same bytes (times slower; lower is better)",
        "target": {"text": "none set: compared with json.loads for scale", "met": None},
        "summary": [
            summary_row(
                f"JSONL ingest, {run.settings.docs:,} docs ({megabytes:.0f} MB)",
                f"{megabytes / took:.1f} MB/s",
                f"json.loads {megabytes / baseline:.0f} MB/s",
                times(ratio, "slower"),
                "(none)",
            ),
            summary_row(
                "  read_jsonl alone (no store)",
                f"{megabytes / reader:.1f} MB/s",
                f"json.loads {megabytes / baseline:.0f} MB/s",
                times(reader / baseline, "slower"),
            ),
        ],
    }
