"""Anchoring speed and accuracy on the scaled store, against fuzzy-matching every document.

Quotations of five classes are drawn from the scaled corpus (benchmarks/quotations.py) and
each is anchored with `anchor_quote(quote, store)`, which aligns only the store's candidate
documents. The naive baseline (benchmarks/naive_anchor.py) runs rapidfuzz's partial_ratio
over every document; it is too slow for all quotations, so it runs on the first
`naive_quotes_per_class` of each class, and its time for all of them is extrapolated (and
labelled so). On that subsample each quotation is anchored again just before the baseline
runs, so both are timed under the same load of the machine. A result is right when its class is the expected one and, unless the quotation
is fabricated, its document contains the unchanged span. Accuracies and the speed ratio are
compared on the same subsample; the anchor's accuracy on every quotation is reported too.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter, defaultdict

from benchmarks.context import Run
from benchmarks.naive_anchor import RULE, naive_anchor
from benchmarks.quotations import CLASSES, Quotation, make_quotations
from benchmarks.results import summary_row, times
from benchmarks.scaled_corpus import vocabulary
from benchmarks.timing import summary_ms

NAME = "anchor_throughput"
TARGET_SPEEDUP = 100.0


def is_right(quotation: Quotation, fidelity: str, source: str | None, texts: dict[str, str]) -> bool:
    """The expected class, and (for a quotation of a document) a document holding the unchanged span."""
    if fidelity != quotation.expected:
        return False
    if quotation.original is None:
        return True
    return source is not None and quotation.original in texts.get(source, "")


def accuracy_by_class(quotations: list[Quotation], right: list[bool]) -> dict[str, float]:
    """Share right per class, and `overall` (the mean over classes, each class weighing the same)."""
    by_class: dict[str, list[bool]] = defaultdict(list)
    for quotation, ok in zip(quotations, right):
        by_class[quotation.kind].append(ok)
    shares = {kind: sum(oks) / len(oks) for kind, oks in by_class.items()}
    shares["overall"] = statistics.mean(shares.values()) if shares else 0.0
    return shares


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def run(run: Run) -> dict:
    from fontes.anchor import anchor_quote

    settings = run.settings
    store = run.scaled_store()
    documents = run.scaled_documents()
    texts = {d.id: d.text for d in documents}
    ids, all_texts = list(texts), list(texts.values())
    base = run.base_records()
    words, real_texts = vocabulary(base), [r["text"] for r in base]
    quotations = make_quotations(
        [(d.id, d.text) for d in documents], settings.quotes_per_class, settings.seed, words, real_texts
    )
    run.log(
        f"[bold]{NAME}[/bold]: {len(quotations)} quotations ({settings.quotes_per_class} per class) "
        f"on {len(store):,} documents"
    )
    for warm in make_quotations(
        [(d.id, d.text) for d in documents[:200]], 1, settings.seed + 1, words, real_texts
    ):
        anchor_quote(warm.quote, store)

    anchor_seconds, anchor_right, outcomes = [], [], []
    confusion: dict[str, Counter] = defaultdict(Counter)
    for number, quotation in enumerate(quotations, 1):
        start = time.perf_counter()
        anchor = anchor_quote(quotation.quote, store)
        anchor_seconds.append(time.perf_counter() - start)
        anchor_right.append(is_right(quotation, anchor.fidelity, anchor.source, texts))
        confusion[quotation.kind][anchor.fidelity] += 1
        outcomes.append(
            {
                "kind": quotation.kind,
                "fidelity": anchor.fidelity,
                "source": anchor.source,
                "right": anchor_right[-1],
                "ms": 1000 * anchor_seconds[-1],
            }
        )
        if number % 100 == 0:
            run.log(f"  anchored {number}/{len(quotations)}")
    # Where a document's quotation went wrong, was its document among the candidates at all?
    held = [
        quotation.source is None or quotation.source in store.candidates(quotation.quote, limit=10)
        for quotation in quotations
    ]
    recall = [ok for ok, quotation in zip(held, quotations) if quotation.source]
    run.log(
        f"  mean {1000 * statistics.mean(anchor_seconds):.1f} ms a quotation; "
        f"store.candidates(quote, 10) holds the source for {sum(recall)}/{len(recall)}"
    )

    per_class = settings.naive_quotes_per_class
    subsample = [
        i for kind in CLASSES for i in [j for j, q in enumerate(quotations) if q.kind == kind][:per_class]
    ]
    run.log(
        f"  naive baseline (partial_ratio over all {len(all_texts):,} documents) on {len(subsample)} "
        f"quotations ({per_class} per class)"
    )
    naive_seconds, naive_right, naive_scores, anchor_again = [], [], defaultdict(list), []
    for number, i in enumerate(subsample, 1):
        quotation = quotations[i]
        start = time.perf_counter()
        anchor_quote(quotation.quote, store)
        anchor_again.append(time.perf_counter() - start)
        start = time.perf_counter()
        naive = naive_anchor(quotation.quote, ids, all_texts)
        naive_seconds.append(time.perf_counter() - start)
        naive_right.append(is_right(quotation, naive.fidelity, naive.source, texts))
        naive_scores[quotation.kind].append(None if naive.score is None else round(naive.score, 1))
        if number % 10 == 0:
            run.log(f"    {number}/{len(subsample)}, {statistics.mean(naive_seconds):.2f} s a quotation")

    sub_quotations = [quotations[i] for i in subsample]
    anchor_accuracy = accuracy_by_class(quotations, anchor_right)
    anchor_sub_accuracy = accuracy_by_class(sub_quotations, [anchor_right[i] for i in subsample])
    naive_accuracy = accuracy_by_class(sub_quotations, naive_right)
    anchor_sub_mean = statistics.mean(anchor_again)
    naive_mean = statistics.mean(naive_seconds)
    speedup = naive_mean / anchor_sub_mean
    as_accurate = anchor_sub_accuracy["overall"] >= naive_accuracy["overall"]
    met = speedup >= TARGET_SPEEDUP and as_accurate
    anchor_all = summary_ms(anchor_seconds)
    rows = [
        summary_row(
            f"anchoring, {len(subsample)} quotes both ran, {len(store):,} docs",
            f"{1000 * anchor_sub_mean:.1f} ms/quote",
            f"naive {naive_mean:.2f} s/quote",
            times(speedup, "faster"),
            f">= {TARGET_SPEEDUP:g}x",
            speedup >= TARGET_SPEEDUP,
        ),
        summary_row(
            f"  anchor alone, all {len(quotations)} quotes",
            f"p50 {anchor_all['p50_ms']:.0f}, p95 {anchor_all['p95_ms']:.0f} ms",
            f"naive ~{_duration(naive_mean * len(quotations))} (extrapolated)",
            times(naive_mean * len(quotations) / sum(anchor_seconds), "faster"),
        ),
        summary_row(
            f"  accuracy, mean of classes ({len(subsample)} quotes)",
            f"{anchor_sub_accuracy['overall']:.2f}",
            f"naive {naive_accuracy['overall']:.2f}",
            f"{anchor_sub_accuracy['overall'] - naive_accuracy['overall']:+.2f}",
            ">= naive",
            as_accurate,
        ),
    ]
    if recall:
        rows.append(
            summary_row(
                f"  candidates(quote, 10) hold the source ({len(recall)} quotes)",
                f"{sum(recall) / len(recall):.2f}",
                "",
                "",
            )
        )
    return {
        "name": NAME,
        "title": "anchor_quote vs partial_ratio over every document",
        "parameters": {
            "documents": len(store),
            "quotations": len(quotations),
            "quotations_per_class": settings.quotes_per_class,
            "naive_quotations": len(subsample),
            "naive_quotations_per_class": per_class,
            "seed": settings.seed,
            "candidates": 10,
            "classes": CLASSES,
            "naive_rule": RULE,
            "right_means": "the expected class and, for a quotation of a document, a document "
            "whose text contains the unchanged span",
        },
        "raw": {
            "anchor": anchor_all,
            "anchor_on_subsample": summary_ms(anchor_again),
            "naive": summary_ms(naive_seconds),
            "naive_extrapolated_seconds_for_all": naive_mean * len(quotations),
            "naive_extrapolated_note": f"naive mean per quotation on {len(subsample)} quotations x "
            f"{len(quotations)} quotations (not measured)",
            "anchor_total_seconds": sum(anchor_seconds),
            "candidate_recall": sum(recall) / len(recall) if recall else None,
            "confusion": {kind: dict(counts) for kind, counts in confusion.items()},
            "naive_scores_by_class": dict(naive_scores),
            "anchor_outcomes": outcomes,
        },
        "accuracy": {
            "anchor_all": anchor_accuracy,
            "anchor_subsample": anchor_sub_accuracy,
            "naive_subsample": naive_accuracy,
            "anchor_where_candidates_hold_source": accuracy_by_class(
                [q for q, ok in zip(quotations, held) if ok], [r for r, ok in zip(anchor_right, held) if ok]
            ),
            "counts": {
                "all": len(quotations),
                "subsample": len(subsample),
                "candidates_hold_source": sum(held),
            },
        },
        "ratio": speedup,
        "ratio_meaning": "naive mean seconds per quotation / anchor_quote mean, on the same subsample, "
        "each quotation anchored just before the baseline ran (times faster; higher is better)",
        "target": {
            "text": f">= {TARGET_SPEEDUP:g}x faster than naive, with at least its accuracy",
            "met": met,
        },
        "summary": rows,
    }
