"""The scale table: ingest, store size, peak memory and anchoring at several corpus sizes.

For each size, each measurement runs in its own subprocess (so its peak resident memory,
from getrusage, is its own): fontes's ingest of the scaled JSONL file into a fresh store,
and the baseline, a bare sqlite3 FTS5 bulk insert of the same rows (id, title, text; one
transaction, the same tokenizer) after json.loads of each line. Then anchoring verbatim
passages cut from the scaled documents, in ms per quotation, lexically (`by_meaning=False`: the
first quotation not found word for word would otherwise embed every sentence of the store,
a one-off cost of its own, not a cost per quotation); up to MEANING_UP_TO documents, that
cost (embedding every sentence) and anchoring the paraphrases of paraphrase_items.yaml by
meaning are measured too. A size not measured in this run keeps its row from the last result
file, dated. The slope of each cost against corpus size is fitted on a log-log scale (1 =
linear). Beside the wall-clock times, the CPU
seconds of each side (fontes's writer and its worker processes apart) and the load average
after each size are kept: the machine's other work moves the times, the CPU much less.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.context import Run
from benchmarks.results import summary_row, times

NAME = "scale"
#: Corpus sizes measured unless --sizes says otherwise.
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
#: Quotations anchored at each size.
QUOTATIONS = 200

_BARE_FTS5 = """
import json, os, resource, sqlite3, sys, time
from fontes.corpus.search import TOKENIZER
source, target = sys.argv[1], sys.argv[2]
start = time.perf_counter()
db = sqlite3.connect(target, isolation_level=None)
db.execute(f"CREATE VIRTUAL TABLE docs USING fts5 (id, title, text, tokenize = '{TOKENIZER}')")
db.execute("BEGIN")
def rows():
    with open(source, "rb") as lines:
        for line in lines:
            if line.strip():
                r = json.loads(line)
                yield r["id"], r["title"], r["text"]
db.executemany("INSERT INTO docs (id, title, text) VALUES (?, ?, ?)", rows())
db.execute("COMMIT")
db.close()
took = time.perf_counter() - start
cpu = os.times()
print(json.dumps({"seconds": took, "cpu_seconds": cpu.user + cpu.system,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_FONTES_INGEST = """
import json, os, resource, sys, time
from fontes.corpus import Store, ingest_paths
source, target = sys.argv[1], sys.argv[2]
start = time.perf_counter()
with Store(target) as store:
    summary = ingest_paths([source], store)
took = time.perf_counter() - start
cpu = os.times()
print(json.dumps({"seconds": took, "added": summary.added, "failed": len(summary.failed),
                  "cpu_seconds": cpu.user + cpu.system, "workers_cpu_seconds": cpu.children_user + cpu.children_system,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "workers_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""

_ANCHOR = """
import json, resource, sys, time
from fontes.anchor import anchor_quote
from fontes.corpus import Store
target, quotes = sys.argv[1], json.loads(open(sys.argv[2]).read())
with Store(target) as store:
    anchor_quote(quotes[0]["quote"], store, by_meaning=False)  # warm the page cache and imports
    start = time.perf_counter()
    sources = [anchor_quote(q["quote"], store, by_meaning=False).source for q in quotes]
    took = time.perf_counter() - start
    # Right when it names the document the passage was cut from, or another holding it word for word.
    found = sum(s == q["source"] or (s is not None and q["quote"] in " ".join(store.get(s).text.split()))
                for s, q in zip(sources, quotes))
print(json.dumps({"seconds": took, "quotations": len(quotes), "found": found,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

#: Anchoring by meaning (paraphrase_items.yaml, every sentence embedded first) is measured up to
#: this size: embedding takes about 17 CPU seconds at 10k documents, several minutes at 100k.
MEANING_UP_TO = 10_000

_MEANING = """
import json, resource, sys, time, yaml
from benchmarks.paraphrase_meaning import HERE, SETS, recognised
from fontes.anchor import anchor_quote
from fontes.anchor.meaning import default_model
from fontes.corpus import Store
from fontes.corpus.sentence_vectors import SentenceVectors
items = yaml.safe_load((HERE / SETS[0]).read_text(encoding="utf-8"))["paraphrases"]
with Store(sys.argv[1]) as store:
    model = default_model()
    start = time.perf_counter()
    SentenceVectors.build(store, model)  # as after an ingest, so no quotation pays for it
    embedding = time.perf_counter() - start
    anchor_quote(items[0]["quote"], store, by_meaning=True)  # load the vectors
    start = time.perf_counter()
    anchors = [anchor_quote(item["quote"], store, by_meaning=True) for item in items]
    took = time.perf_counter() - start
    right = sum(recognised(a, item, store) for a, item in zip(anchors, items))
print(json.dumps({"embedding_seconds": embedding, "seconds": took, "quotations": len(items), "right": right,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _measure(script: str, *args: str) -> dict:
    """Run a measuring script in a fresh interpreter; its one JSON line of figures."""
    done = subprocess.run(
        [sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"measurement failed: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def sample_quotations(path: Path, count: int, seed: int) -> list[dict]:
    """`count` verbatim passages of 8-14 words, each cut from a random document of the JSONL file."""
    rng = random.Random(seed)
    with path.open("rb") as lines:
        offsets = []
        position = 0
        for line in lines:
            offsets.append(position)
            position += len(line)
    chosen = sorted(rng.sample(range(len(offsets)), min(count * 2, len(offsets))))
    quotes = []
    with path.open("rb") as lines:
        for index in chosen:
            lines.seek(offsets[index])
            record = json.loads(lines.readline())
            words = record["text"].split()
            if len(words) < 30:
                continue
            length = rng.randint(8, 14)
            start = rng.randrange(0, len(words) - length)
            quotes.append({"quote": " ".join(words[start : start + length]), "source": record["id"]})
            if len(quotes) == count:
                break
    return quotes


def slope(sizes: list[int], costs: list[float]) -> float | None:
    """The least-squares slope of log(cost) against log(size): 1 linear, 0 flat."""
    points = [(math.log(s), math.log(c)) for s, c in zip(sizes, costs) if c > 0]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else None


def measure_size(run: Run, size: int) -> dict:
    """Every figure of one corpus size (the corpus built or reused from the cache)."""
    from benchmarks import locations
    from benchmarks.scaled_corpus import build_scaled_corpus

    start = time.perf_counter()
    path = build_scaled_corpus(locations.KOREA_JSONL, size, run.settings.seed, run.cache)
    run.log(
        f"  {size:,} documents: {path.name} ({path.stat().st_size / 1e6:.0f} MB, "
        f"{time.perf_counter() - start:.0f} s to build or find)"
    )
    megabytes = path.stat().st_size / 1e6
    bare_db, fontes_db = run.workdir / f"bare-{size}.db", run.workdir / f"fontes-{size}.db"
    bare = _measure(_BARE_FTS5, path, bare_db)
    run.log(f"    bare FTS5 bulk insert {bare['seconds']:.1f} s, {bare['peak_mb']:.0f} MB peak")
    ingest = _measure(_FONTES_INGEST, path, fontes_db)
    run.log(
        f"    fontes ingest {ingest['seconds']:.1f} s, {ingest['peak_mb']:.0f} MB peak (workers "
        f"{ingest['workers_peak_mb']:.0f} MB); CPU: writer {ingest['cpu_seconds']:.1f} s, workers "
        f"{ingest['workers_cpu_seconds']:.1f} s, bare {bare['cpu_seconds']:.1f} s"
    )
    quotes_file = run.workdir / f"quotes-{size}.json"
    quotes_file.write_text(json.dumps(sample_quotations(path, QUOTATIONS, run.settings.seed)))
    anchor = _measure(_ANCHOR, fontes_db, quotes_file)
    run.log(f"    anchoring {1000 * anchor['seconds'] / anchor['quotations']:.2f} ms/quotation")
    row = {
        "documents": size,
        "measured": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "earlier_run": False,
        "megabytes": round(megabytes, 1),
        "bare_fts5_seconds": bare["seconds"],
        "bare_fts5_peak_mb": bare["peak_mb"],
        "bare_fts5_store_mb": bare_db.stat().st_size / 1e6,
        "ingest_seconds": ingest["seconds"],
        "ingest_peak_mb": ingest["peak_mb"],
        "bare_fts5_cpu_seconds": bare["cpu_seconds"],
        "ingest_writer_cpu_seconds": ingest["cpu_seconds"],
        "ingest_workers_cpu_seconds": ingest["workers_cpu_seconds"],
        "ingest_workers_peak_mb": ingest["workers_peak_mb"],
        "load_average": os.getloadavg()[0],
        "ingest_mb_per_s": megabytes / ingest["seconds"],
        "store_mb": fontes_db.stat().st_size / 1e6,
        "ingest_ratio": ingest["seconds"] / bare["seconds"],
        "ingest_added": ingest["added"],
        "anchor_ms_per_quotation": 1000 * anchor["seconds"] / anchor["quotations"],
        "anchor_found_share": anchor["found"] / anchor["quotations"],
        "anchor_peak_mb": anchor["peak_mb"],
    }
    if size <= MEANING_UP_TO:
        meaning = _measure(_MEANING, fontes_db)
        row |= {
            "embedding_seconds": meaning["embedding_seconds"],
            "anchor_meaning_ms_per_quotation": 1000 * meaning["seconds"] / meaning["quotations"],
            "anchor_meaning_right_share": meaning["right"] / meaning["quotations"],
            "anchor_meaning_peak_mb": meaning["peak_mb"],
        }
        run.log(
            f"    embedding {meaning['embedding_seconds']:.1f} s; by meaning "
            f"{row['anchor_meaning_ms_per_quotation']:.0f} ms/quotation, "
            f"{meaning['right']}/{meaning['quotations']} paraphrases recognised"
        )
    for path in fontes_db.parent.glob(fontes_db.name + "*"):  # the store and its sentence vectors
        path.unlink()
    bare_db.unlink()
    return row


def earlier_rows(previous: Path, measured: list[int], seed: int) -> list[dict]:
    """The rows of the last result file at sizes not measured now (the same seed only), each
    keeping the date of the run that measured it: a slow size (1M) need not be rerun each time."""
    try:
        result = json.loads(previous.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if result.get("parameters", {}).get("seed") != seed:
        return []
    date = result.get("machine", {}).get("date", "")
    return [
        {**row, "measured": row.get("measured", date), "earlier_run": True}
        for row in result.get("raw", {}).get("rows", [])
        if row["documents"] not in measured
    ]


def run(run: Run) -> dict:
    sizes = list(run.settings.sizes or DEFAULT_SIZES)
    run.log(
        f"[bold]{NAME}[/bold]: ingest against a bare FTS5 bulk insert, memory and anchoring at "
        f"{', '.join(f'{s:,}' for s in sizes)} documents"
    )
    measured = [measure_size(run, size) for size in sizes]
    carried = earlier_rows(run.results / f"{NAME}.json", sizes, run.settings.seed)
    for row in carried:
        run.log(f"  {row['documents']:,} documents: kept from the run of {row['measured']}")
    rows = sorted(measured + carried, key=lambda r: r["documents"])
    sizes = [r["documents"] for r in rows]
    slopes = {
        key: slope(sizes, [r[key] for r in rows])
        for key in (
            "ingest_seconds",
            "bare_fts5_seconds",
            "store_mb",
            "ingest_peak_mb",
            "anchor_ms_per_quotation",
        )
    }
    worst_ratio = max(r["ingest_ratio"] for r in rows)
    peak = max(r["ingest_peak_mb"] for r in rows)
    anchor_ms = max(r["anchor_ms_per_quotation"] for r in rows)
    met = worst_ratio <= 2 and peak < 500 and anchor_ms < 10
    return {
        "name": NAME,
        "title": "Cost against corpus size: ingest vs a bare FTS5 bulk insert, peak memory, anchoring",
        "parameters": {"sizes": sizes, "seed": run.settings.seed, "quotations": QUOTATIONS},
        "raw": {"rows": rows, "log_log_slopes": slopes},
        "ratio": worst_ratio,
        "ratio_meaning": "fontes ingest time / bare FTS5 bulk insert time of the same rows, worst size",
        "target": {"text": "ingest <= 2x bare FTS5, peak < 500 MB, anchoring < 10 ms/quotation", "met": met},
        "summary": [
            summary_row(
                f"Ingest at {r['documents']:,} docs{_when(r)}",
                f"{r['ingest_seconds']:.1f} s, {r['ingest_peak_mb']:.0f} MB peak",
                f"bare FTS5 {r['bare_fts5_seconds']:.1f} s",
                times(r["ingest_ratio"], "slower"),
                "<= 2x, < 500 MB",
                r["ingest_ratio"] <= 2 and r["ingest_peak_mb"] < 500,
            )
            for r in rows
        ]
        + [
            summary_row(
                f"Anchoring by meaning at {r['documents']:,} docs{_when(r)}",
                f"{r['anchor_meaning_ms_per_quotation']:.0f} ms/quote",
                f"embedding {r['embedding_seconds']:.0f} s first; "
                f"{r['anchor_meaning_right_share']:.0%} paraphrases recognised",
                "",
            )
            for r in rows
            if "anchor_meaning_ms_per_quotation" in r
        ]
        + [
            summary_row(
                f"Anchoring at {r['documents']:,} docs{_when(r)}",
                f"{r['anchor_ms_per_quotation']:.2f} ms/quote",
                f"{r['anchor_found_share']:.0%} found word for word",
                "",
                "< 10 ms",
                r["anchor_ms_per_quotation"] < 10,
            )
            for r in rows
        ],
    }


def _when(row: dict) -> str:
    """For a row kept from an earlier run: the day it was measured."""
    return f" (run of {row['measured'][:16].replace('T', ' ')} UTC)" if row.get("earlier_run") else ""
