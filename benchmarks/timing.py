"""Small timing helpers: best-of-N wall time and percentiles."""

from __future__ import annotations

import math
import time
from collections.abc import Callable


def seconds(work: Callable[[], object]) -> float:
    """Wall time of one call of `work`."""
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The shortest wall time of `runs` calls: the least disturbed by the rest of the machine."""
    return min(seconds(work) for _ in range(max(1, runs)))


def best_of_each(runs: int, *works: Callable[[], object]) -> list[tuple[float, float]]:
    """(shortest wall time, shortest CPU time of this process) of each of `works`, called in
    turn `runs` times: interleaved, a change in the machine's load falls on all of them alike."""
    best = [(math.inf, math.inf)] * len(works)
    for _ in range(max(1, runs)):
        for number, work in enumerate(works):
            wall, cpu = time.perf_counter(), time.process_time()
            work()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            best[number] = (min(best[number][0], wall), min(best[number][1], cpu))
    return best


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (`share` in 0..1) of `values`."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def summary_ms(values: list[float]) -> dict[str, float]:
    """p50, p95, mean and max of durations in seconds, as milliseconds."""
    return {
        "p50_ms": 1000 * percentile(values, 0.50),
        "p95_ms": 1000 * percentile(values, 0.95),
        "mean_ms": 1000 * sum(values) / len(values) if values else math.nan,
        "max_ms": 1000 * max(values) if values else math.nan,
        "count": len(values),
    }
