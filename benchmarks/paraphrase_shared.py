"""Paraphrase anchoring on the shared corpus (../shared/corpus), per labelled set and split:
paraphrases found in their own document, fabricated quotations not found, flipped ones not
taken for paraphrases. Run: python -m benchmarks.paraphrase_shared STORE.db (built if missing)."""

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


def measure(store) -> dict:
    """{set: {class/split: [right, total]}, ms per quotation}."""
    from fontes.anchor import anchor_quote

    report: dict = {}
    for name in SETS:
        items = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
        right: dict[str, list[int]] = {}
        start, count = time.perf_counter(), 0
        quotes = [("paraphrase", p) for p in items["paraphrases"]]
        quotes += [("fabricated", q if isinstance(q, dict) else {"quote": q}) for q in items["fabricated"]]
        quotes += [("flipped", p) for p in items.get("flipped", [])]
        for kind, item in quotes:
            anchor = anchor_quote(item["quote"], store)
            count += 1
            ok = {
                "paraphrase": anchor.source == item.get("source") and anchor.fidelity != "not-found",
                "fabricated": anchor.fidelity == "not-found",
                "flipped": anchor.fidelity != "paraphrase",
            }[kind]
            tally = right.setdefault(f"{kind}/{item.get('split', 'all')}", [0, 0])
            tally[0] += ok
            tally[1] += 1
        report[name] = {"right": right, "ms_per_quote": round(1000 * (time.perf_counter() - start) / count)}
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
