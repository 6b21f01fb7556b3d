"""Paraphrase anchoring on the shared corpus (../shared/corpus), per labelled set and split:
paraphrases found in a document holding the sentence they restate (their own, or another that
holds it word for word), fabricated quotations not found, flipped ones not taken for
paraphrases. A fabricated quotation that is a real sentence with one word changed may be
reported a misquote (so the anchor classes it, as anchor_fidelity's negation and name classes
expect): those are counted apart, and not as right.
Run: python -m benchmarks.paraphrase_shared STORE.db (built if missing)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).parent
SETS = ("paraphrase_items.yaml", "paraphrase_heldout.yaml")


def holds(store, source: str | None, anchor: str) -> bool:
    """Whether document `source` holds the `anchor` words (apostrophes and spaces aside)."""
    document = store.get(source) if source else None
    if document is None:
        return False
    return " ".join(anchor.lower().split()) in " ".join(document.text.lower().replace("’", "'").split())


def measure(store) -> dict:
    """{set: {class/split: [right, total]}, fabricated reported as misquotes, ms per quotation}."""
    from fontes.anchor import anchor_quote

    report: dict = {}
    for name in SETS:
        items = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
        right: dict[str, list[int]] = {}
        misquoted: dict[str, int] = {}
        start, count = time.perf_counter(), 0
        quotes = [("paraphrase", p) for p in items["paraphrases"]]
        quotes += [("fabricated", q if isinstance(q, dict) else {"quote": q}) for q in items["fabricated"]]
        quotes += [("flipped", p) for p in items.get("flipped", [])]
        for kind, item in quotes:
            anchor = anchor_quote(item["quote"], store)
            count += 1
            if kind == "paraphrase":
                ok = anchor.fidelity != "not-found" and (
                    anchor.source == item["source"] or holds(store, anchor.source, item["anchor"])
                )
            else:
                ok = (
                    anchor.fidelity == "not-found"
                    if kind == "fabricated"
                    else anchor.fidelity != "paraphrase"
                )
            tally = right.setdefault(f"{kind}/{item.get('split', 'all')}", [0, 0])
            tally[0] += ok
            tally[1] += 1
            if kind == "fabricated" and anchor.fidelity == "misquote":
                split = item.get("split", "all")
                misquoted[split] = misquoted.get(split, 0) + 1
        report[name] = {
            "right": right,
            "fabricated_reported_misquote": misquoted,
            "ms_per_quote": round(1000 * (time.perf_counter() - start) / count),
        }
    return report


def main(path: str) -> None:
    from fontes.corpus.ingest import ingest_paths
    from fontes.corpus.store import Store

    new = not Path(path).exists()
    with Store(Path(path)) as store:
        if new:
            ingest_paths([HERE.parent.parent / "shared" / "corpus"], store, workers=1)
        report = {"name": "paraphrase_shared", "documents": len(store), "sets": measure(store)}
    target = HERE / "results" / "paraphrase_shared.json"
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(report, out, indent=2)
    os.replace(temporary, target)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main(sys.argv[1])
