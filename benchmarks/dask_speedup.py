"""The Dask path's speed-up: the same batch on a LocalCluster of 4 worker processes and of 1.

`python -m benchmarks.dask_speedup [--docs N] [--quotations Q]` ingests the scaled corpus of N
documents, exports it as 4 Parquet partitions, anchors Q verbatim passages on each cluster
(1 thread per worker), checks both give the same answers, and writes
benchmarks/results/dask_speedup.json. Needs `pip install -e '.[dask]'`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import locations
from benchmarks.results import machine_facts
from benchmarks.scale import sample_quotations
from benchmarks.scaled_corpus import build_scaled_corpus


def timed_batch(requests, parts: Path, workers: int) -> tuple[float, list]:
    """Seconds to anchor the batch on a fresh LocalCluster of `workers` processes, and the answers."""
    from distributed import Client, LocalCluster

    from fontes.anchor.distributed import anchor_on_dask

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, Client(cluster) as client:
        start = time.perf_counter()
        answers = anchor_on_dask(requests, parts, client)
        return time.perf_counter() - start, answers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.dask_speedup", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--quotations", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1950)
    args = parser.parse_args(argv)
    from fontes.anchor.batch import Request
    from fontes.corpus import Store, ingest_paths
    from fontes.corpus.parquet import export_parquet

    corpus = build_scaled_corpus(locations.KOREA_JSONL, args.docs, args.seed, locations.CACHE)
    quotes = sample_quotations(corpus, args.quotations, args.seed)
    requests = [Request(q["quote"]) for q in quotes]
    with tempfile.TemporaryDirectory(dir=locations.CACHE) as work:
        with Store(Path(work) / "s.db") as store:
            ingest_paths([corpus], store)
            export_parquet(store, Path(work) / "parts", rows=-(-args.docs // 4))
        one, answers_one = timed_batch(requests, Path(work) / "parts", 1)
        four, answers_four = timed_batch(requests, Path(work) / "parts", 4)
    result = {
        "schema": "fontes.bench/1",
        "name": "dask_speedup",
        "machine": machine_facts(),
        "parameters": {"documents": args.docs, "partitions": 4, "quotations": len(requests)},
        "raw": {
            "one_worker_seconds": one,
            "four_workers_seconds": four,
            "same_answers": answers_one == answers_four,
        },
        "ratio": one / four,
        "ratio_meaning": "1-worker time / 4-worker time (speed-up)",
    }
    target = locations.RESULTS / "dask_speedup.json"
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(result, indent=2) + "\n")
    os.replace(temporary, target)
    print(
        f"1 worker {one:.1f} s, 4 workers {four:.1f} s: speed-up {one / four:.2f}x on "
        f"{os.cpu_count()} cores; same answers: {answers_one == answers_four}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
