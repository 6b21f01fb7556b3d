"""Search latency on the scaled store: 200 queries, some with date or author filters.

Query words are drawn from the real corpus's words by their frequency (stop words and words
under four letters left out), one to three per query; a quarter of the queries also have a
date range of one to three months, a sixth an author, and one in ten both. Each
`store.search(..., limit=20)` is timed alone after ten warm-up queries, then the baseline
for the same query (so both run under the same load of the machine). The baseline is a plain
scan of the same documents held in memory (lower-cased title and text): every query word as
a substring, the same filters, then the 20 with most occurrences: what one would write
without an index. Its matching-document counts are kept to show how broad each query was.
"""

from __future__ import annotations

import heapq
import random
import re
import time
from dataclasses import asdict, dataclass

from benchmarks.context import Run
from benchmarks.results import summary_row, times
from benchmarks.timing import percentile, summary_ms

NAME = "search_latency"
TARGET_P50_MS = 20.0
LIMIT = 20
STOP_WORDS = frozenset(
    {
        "about",
        "above",
        "after",
        "again",
        "against",
        "also",
        "among",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "could",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "every",
        "from",
        "further",
        "have",
        "having",
        "here",
        "into",
        "itself",
        "just",
        "more",
        "most",
        "much",
        "must",
        "only",
        "other",
        "over",
        "same",
        "should",
        "some",
        "such",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "until",
        "upon",
        "very",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "whom",
        "will",
        "with",
        "within",
        "without",
        "would",
        "your",
        "shall",
        "said",
        "says",
        "told",
        "note",
        "page",
        "dept",
        "info",
    }
)
_MONTHS = [(year, month) for year in (1949, 1950) for month in range(1, 13)]


@dataclass(frozen=True)
class Query:
    words: str
    date_from: str | None = None
    date_to: str | None = None
    authors: tuple[str, ...] | None = None


def make_queries(rng: random.Random, records: list[dict], count: int) -> list[Query]:
    """`count` queries from the real corpus's words and metadata (see the module's docstring)."""
    words = [
        w for r in records for w in re.findall(r"[A-Za-z]{4,}", r["text"]) if w.lower() not in STOP_WORDS
    ]
    authors = [a for r in records for a in r.get("authors") or []]
    queries = []
    for _ in range(count):
        text = " ".join(rng.choice(words) for _ in range(rng.choices([1, 2, 3], [4, 4, 2])[0]))
        kind = rng.random()
        date_from = date_to = None
        chosen = None
        if kind < 0.35:  # a date range (0.25), or a date range and an author (0.10)
            first = rng.randrange(len(_MONTHS) - 2)
            last = min(len(_MONTHS) - 1, first + rng.randint(0, 2))
            date_from, date_to = (f"{y}-{m:02d}" for y, m in (_MONTHS[first], _MONTHS[last]))
        if 0.25 <= kind < 0.52:  # an author (0.17 alone, 0.10 with a date range)
            chosen = (rng.choice(authors),)
        queries.append(Query(text, date_from, date_to, chosen))
    return queries


class NaiveScan:
    """The baseline: every document scanned in memory for each query."""

    def __init__(self, documents: list):
        from fontes.dates import parse_date

        self.rows = []
        for doc in documents:
            date = parse_date(doc.source.date) if doc.source.date else None
            self.rows.append(
                (
                    doc.id,
                    (doc.source.title + "\n" + doc.text).lower(),
                    date.earliest.isoformat() if date else None,
                    date.latest.isoformat() if date else None,
                    [a.lower() for a in doc.source.authors],
                )
            )

    def search(self, query: Query) -> tuple[list[str], int]:
        """The ids of the best LIMIT documents, and how many documents matched."""
        from fontes.corpus.search import date_bounds

        low, high = date_bounds(query.date_from, query.date_to)
        words = query.words.lower().split()
        names = [n.lower() for n in query.authors or ()]
        matched = []
        for doc_id, text, earliest, latest, authors in self.rows:
            if low and (latest is None or latest < low) or high and (earliest is None or earliest > high):
                continue
            if names and not any(n in a for n in names for a in authors):
                continue
            if all(w in text for w in words):
                matched.append((sum(text.count(w) for w in words), doc_id))
        return [d for _, d in heapq.nlargest(LIMIT, matched)], len(matched)


def _timed(work) -> tuple[float, object]:
    start = time.perf_counter()
    value = work()
    return time.perf_counter() - start, value


def run(run: Run) -> dict:
    settings = run.settings
    store = run.scaled_store()
    documents = run.scaled_documents()
    rng = random.Random(settings.seed)
    records = run.base_records()
    queries = make_queries(rng, records, settings.queries)
    run.log(f"[bold]{NAME}[/bold]: {len(queries)} queries on {len(store):,} documents (10 warm-up first)")

    def search(q: Query):
        return store.search(q.words, date_from=q.date_from, date_to=q.date_to, authors=q.authors, limit=LIMIT)

    for q in make_queries(random.Random(settings.seed + 1), records, 10):
        search(q)
    scan = NaiveScan(documents)
    fontes_seconds, hits, naive_seconds, matched = [], [], [], []
    for number, q in enumerate(queries, 1):  # each query searched, then scanned: both under the same load
        took, found = _timed(lambda q=q: search(q))
        fontes_seconds.append(took)
        hits.append(len(found))
        took, (_, count) = _timed(lambda q=q: scan.search(q))
        naive_seconds.append(took)
        matched.append(count)
        if number % 50 == 0:
            run.log(f"  {number}/{len(queries)} queries searched and scanned")
    fontes, naive = summary_ms(fontes_seconds), summary_ms(naive_seconds)
    run.log(
        f"  search p50 {fontes['p50_ms']:.1f} ms, p95 {fontes['p95_ms']:.1f} ms; "
        f"scan p50 {naive['p50_ms']:.0f} ms"
    )
    ratio = naive["p50_ms"] / fontes["p50_ms"]
    met = fontes["p50_ms"] < TARGET_P50_MS
    filtered = [i for i, q in enumerate(queries) if q.date_from or q.authors]
    plain = [i for i, q in enumerate(queries) if not (q.date_from or q.authors)]
    return {
        "name": NAME,
        "title": "search latency on the scaled store vs scanning every document",
        "parameters": {
            "documents": len(store),
            "queries": len(queries),
            "limit": LIMIT,
            "seed": settings.seed,
            "with_date_range": sum(bool(q.date_from) for q in queries),
            "with_author": sum(bool(q.authors) for q in queries),
            "warm_up_queries": 10,
        },
        "raw": {
            "fontes": fontes,
            "naive_scan": naive,
            "fontes_plain_queries": summary_ms([fontes_seconds[i] for i in plain]),
            "fontes_filtered_queries": summary_ms([fontes_seconds[i] for i in filtered]),
            "queries_with_hits": sum(h > 0 for h in hits),
            "median_matching_documents": percentile(matched, 0.5),
            "queries": [
                {**asdict(q), "fontes_ms": 1000 * f, "naive_ms": 1000 * n, "hits": h, "matching": m}
                for q, f, n, h, m in zip(queries, fontes_seconds, naive_seconds, hits, matched)
            ],
        },
        "ratio": ratio,
        "ratio_meaning": "naive scan p50 / fontes search p50 (times faster; higher is better)",
        "target": {"text": f"p50 < {TARGET_P50_MS:g} ms at {len(store):,} documents", "met": met},
        "summary": [
            summary_row(
                f"search p50, {len(queries)} queries, {len(store):,} docs",
                f"{fontes['p50_ms']:.1f} ms",
                f"scan {naive['p50_ms']:.0f} ms",
                times(ratio, "faster"),
                f"< {TARGET_P50_MS:g} ms",
                met,
            ),
            summary_row(
                "  search p95",
                f"{fontes['p95_ms']:.1f} ms",
                f"scan {naive['p95_ms']:.0f} ms",
                times(naive["p95_ms"] / fontes["p95_ms"], "faster"),
            ),
        ],
    }
