"""Paraphrase by meaning at scale: embedding every sentence of the scaled store (time, peak
memory, size on disk), then anchoring the labelled quotations of paraphrase_items.yaml with
the meaning stage and with the lexical anchor alone, on the same store.

A paraphrase is recognised when its anchor is not `not-found` and the document found holds
the sentence it restates (its `anchor` words); a fabricated quotation is right when not found.
"""

from __future__ import annotations

import statistics
import time
import tracemalloc
from pathlib import Path

import yaml

from benchmarks.context import Run
from benchmarks.results import summary_row, times
from benchmarks.timing import summary_ms

NAME = "paraphrase_meaning"
ITEMS = Path(__file__).with_name("paraphrase_items.yaml")


def recognised(anchor, item: dict, store) -> bool:
    """Found, in a document that holds the restated sentence."""
    if anchor.fidelity == "not-found" or anchor.source is None:
        return False
    document = store.get(anchor.source)
    return document is not None and item["anchor"].lower() in document.text.lower().replace("’", "'")


def run(run: Run) -> dict:
    from fontes.anchor import anchor_quote
    from fontes.anchor.meaning import default_model
    from fontes.corpus.sentence_vectors import SentenceVectors, vector_paths

    store = run.scaled_store()
    model = default_model()
    run.log(f"[bold]{NAME}[/bold]: embedding every sentence of {len(store):,} documents")
    if run.settings.measure_memory:
        tracemalloc.start()
    start = time.perf_counter()
    vectors = SentenceVectors.build(store, model)  # one streamed pass, as after an ingest
    embed_seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] if run.settings.measure_memory else None
    if run.settings.measure_memory:
        tracemalloc.stop()
    paths = vector_paths(store) or ()
    size = sum(p.stat().st_size for p in paths if p.exists())
    run.log(f"  {len(vectors):,} sentences in {embed_seconds:.1f} s, {size / 1e6:.1f} MB on disk (int8)")

    items = yaml.safe_load(ITEMS.read_text(encoding="utf-8"))
    quotes = [(p["quote"], p) for p in items["paraphrases"]] + [(q, None) for q in items["fabricated"]]
    seconds: dict[bool, list[float]] = {True: [], False: []}
    right: dict[bool, dict[str, int]] = {
        True: {"paraphrase": 0, "fabricated": 0},
        False: {"paraphrase": 0, "fabricated": 0},
    }
    for quote, item in quotes:
        for by_meaning in (False, True):
            start = time.perf_counter()
            anchor = anchor_quote(quote, store, by_meaning=by_meaning)
            seconds[by_meaning].append(time.perf_counter() - start)
            if item is None:
                right[by_meaning]["fabricated"] += anchor.fidelity == "not-found"
            else:
                right[by_meaning]["paraphrase"] += recognised(anchor, item, store)
    meaning, lexical = statistics.mean(seconds[True]), statistics.mean(seconds[False])
    paraphrases, fabricated = len(items["paraphrases"]), len(items["fabricated"])
    rows = [
        summary_row(
            f"embedding all sentences, {len(store):,} docs",
            f"{embed_seconds:.0f} s, {size / 1e6:.0f} MB on disk"
            + (f", peak {peak / 1e6:.0f} MB" if peak else ""),
            "",
            "",
        ),
        summary_row(
            f"anchoring by meaning, {len(quotes)} quotes",
            f"{1000 * meaning:.0f} ms/quote",
            f"lexical {1000 * lexical:.0f} ms/quote",
            times(meaning / lexical, "slower"),
        ),
        summary_row(
            "  paraphrases recognised",
            f"{right[True]['paraphrase']}/{paraphrases}",
            f"lexical {right[False]['paraphrase']}/{paraphrases}",
            "",
            ">= 60%",
            right[True]["paraphrase"] >= 0.6 * paraphrases,
        ),
        summary_row(
            "  fabricated not found",
            f"{right[True]['fabricated']}/{fabricated}",
            f"lexical {right[False]['fabricated']}/{fabricated}",
            "",
            ">= 95%",
            right[True]["fabricated"] >= 0.95 * fabricated,
        ),
    ]
    return {
        "name": NAME,
        "title": "paraphrase by meaning (sentence vectors) vs the lexical anchor",
        "parameters": {"documents": len(store), "quotations": len(quotes), "items": ITEMS.name},
        "raw": {
            "embedding_seconds": embed_seconds,
            "sentences": len(vectors),
            "vectors_bytes_on_disk": size,
            "embedding_peak_bytes": peak,
            "by_meaning": summary_ms(seconds[True]),
            "lexical": summary_ms(seconds[False]),
            "right": {"by_meaning": right[True], "lexical": right[False]},
        },
        "ratio": meaning / lexical,
        "ratio_meaning": "mean seconds per quotation by meaning / lexical alone (times slower)",
        "target": {
            "text": "paraphrases >= 60% recognised, fabricated >= 95% not found",
            "met": rows[2]["met"] and rows[3]["met"],
        },
        "summary": rows,
    }
