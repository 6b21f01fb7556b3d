"""Ingest at scale streams in flat memory and keeps its one transaction; batch anchoring on
several processes gives what one process gives, in the same order."""

from __future__ import annotations

import json
import random

import pytest

import fontes.corpus.store as store_module
from fontes.anchor import anchor_quote
from fontes.anchor.batch import Request, anchor_many
from fontes.corpus import Document, Store, ingest_paths, shingle_index
from fontes.errors import AnchorError, CorpusError
from fontes.model import Source

WORDS = [
    "army",
    "troops",
    "border",
    "crossed",
    "parallel",
    "north",
    "south",
    "attack",
    "reported",
    "morning",
    "units",
    "ambassador",
    "cable",
    "secret",
    "plan",
    "moved",
    "artillery",
    "river",
    "village",
    "division",
    "ordered",
]


def record(number: int, rng: random.Random) -> dict:
    text = " ".join(rng.choice(WORDS) for _ in range(60)) + f" serial {number} ends here."
    return {"id": f"d{number:05d}", "title": f"Cable {number}", "text": text, "credibility": 0.8}


def write_corpus(path, count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    records = [record(n, rng) for n in range(count)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return records


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of 50 documents and shingle merges every 20,000 pairs, so a few hundred
    documents take several of each (the real sizes bound memory the same way, higher up)."""
    monkeypatch.setattr(store_module, "_BATCH_DOCS", 50)
    monkeypatch.setattr(shingle_index, "_FINGERPRINT_CHARS", 20_000)
    monkeypatch.setattr(shingle_index, "_MERGE_PAIRS", 20_000)


def test_a_file_of_many_batches_is_stored_whole(tmp_path, small_batches):
    write_corpus(tmp_path / "c.jsonl", 420)
    with Store(tmp_path / "s.db") as store:
        summary = ingest_paths([tmp_path / "c.jsonl"], store)
        assert (summary.added, summary.updated, summary.failed) == (420, 0, [])
        assert len(store) == 420
        passage = store.get("d00321").text.split(" serial")[0][-80:] + " serial 321 ends"
        assert store.candidates(passage)[0] == "d00321"


def test_an_id_repeated_in_a_later_batch_replaces_the_earlier_document(tmp_path, small_batches):
    with Store(tmp_path / "s.db") as store:
        docs = [
            Document(source=Source(id=f"x{n}", title="t"), text=f"first text number {n}") for n in range(120)
        ]
        docs.append(Document(source=Source(id="x3", title="t"), text="the second text of three"))
        counts = store.add(docs)
        assert (counts.added, counts.updated) == (120, 1)
        assert store.get("x3").text == "the second text of three"
        assert store.candidates("the second text of three") == ["x3"]
        store.check()


def test_a_failure_in_a_late_batch_leaves_nothing_of_the_earlier_ones(tmp_path, small_batches):
    def documents():
        for n in range(200):
            yield Document(source=Source(id=f"y{n}", title="t"), text=f"text {n}")
        raise CorpusError("broken at the end", file="late.jsonl", line=201)

    with Store(tmp_path / "s.db") as store:
        store.add([Document(source=Source(id="kept", title="t"), text="kept text")])
        with pytest.raises(CorpusError, match="broken at the end"):
            store.add(documents())
        assert store.ids() == ["kept"]
        store.check()


def test_the_search_index_writes_a_segment_per_store_setting_of_new_terms(tmp_path, monkeypatch):
    """FTS5 writes its gathered terms as a segment each time they reach the store's setting
    (16 MB): an add of a few hundred kB of terms makes one segment, not one per 64 kB. A store
    written with another setting gets the current one at its next add, and finds its old
    documents and the new ones alike."""
    write_corpus(tmp_path / "c.jsonl", 3000)

    def segments(path) -> int:
        with Store(path) as store:
            store._db.execute("INSERT INTO search (search, rank) VALUES ('automerge', 0)")
            ingest_paths([tmp_path / "c.jsonl"], store)
            return store._db.execute("SELECT count(DISTINCT segid) FROM search_idx").fetchone()[0]

    in_bulk = segments(tmp_path / "bulk.db")
    monkeypatch.setattr(store_module, "_SEARCH_PENDING_BYTES", 64 << 10)
    in_small_pieces = segments(tmp_path / "small.db")
    assert in_bulk == 1 < in_small_pieces
    monkeypatch.undo()
    with Store(tmp_path / "small.db") as store:
        store.add([Document(source=Source(id="late", title="Late cable"), text="the river crossed at dawn")])
        assert store._db.execute("SELECT v FROM search_config WHERE k = 'hashsize'").fetchone() == (16 << 20,)
        assert "d02999" in {hit.id for hit in store.search("serial 2999")}
        assert [hit.id for hit in store.search("dawn")] == ["late"]


def test_an_add_into_an_empty_store_builds_the_date_index_at_its_end_and_a_failed_one_keeps_it(tmp_path):
    def dated(count: int):
        for n in range(count):
            yield Document(
                source=Source(id=f"c{n}", title="Cable", date=f"1950-06-{n % 28 + 1:02d}"), text=f"cable {n}"
            )

    def date_index(store: Store) -> list:
        return store._db.execute("SELECT name FROM sqlite_master WHERE name = 'sources_by_date'").fetchall()

    def failing():
        yield from dated(50)
        raise CorpusError("broken at the end", file="late.jsonl", line=51)

    with Store(tmp_path / "failed.db") as store:
        with pytest.raises(CorpusError):
            store.add(failing())
        assert date_index(store) == [("sources_by_date",)] and store.ids() == []
    with Store(tmp_path / "s.db") as store:
        store.add(dated(300))
        assert date_index(store) == [("sources_by_date",)]
        plan = store._db.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM sources WHERE date_earliest >= '1950-06-27'"
        ).fetchall()
        assert "sources_by_date" in str(plan)
        found = store.search("cable", date_from="1950-06-27", limit=100)
        assert {hit.id for hit in found} == {f"c{n}" for n in range(300) if n % 28 >= 26}
        store.check()


def test_peak_memory_of_an_ingest_does_not_grow_with_the_file(tmp_path, small_batches):
    import tracemalloc

    peaks = []
    for count in (300, 1200):
        write_corpus(tmp_path / f"c{count}.jsonl", count)
        with Store(tmp_path / f"s{count}.db") as store:
            tracemalloc.start()
            ingest_paths([tmp_path / f"c{count}.jsonl"], store)
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
    assert peaks[1] < 1.5 * peaks[0]  # four times the documents, not four times the memory


@pytest.fixture
def corpus_store(tmp_path):
    records = write_corpus(tmp_path / "c.jsonl", 150, seed=11)
    with Store(tmp_path / "s.db") as store:
        ingest_paths([tmp_path / "c.jsonl"], store)
    return tmp_path / "s.db", records


def test_batch_anchoring_on_two_processes_equals_one_process_in_order(corpus_store):
    path, records = corpus_store
    rng = random.Random(3)
    requests = []
    for r in rng.sample(records, 40):
        words = r["text"].split()
        start = rng.randrange(0, len(words) - 12)
        requests.append(Request(" ".join(words[start : start + 12])))
    requests.append(Request("serial 17 ends here", source_id="d00017"))
    requests.append(Request("anything", source_id="no-such-id"))
    parallel = list(anchor_many(requests, path, workers=2))
    with Store(path) as store:
        for request, result in zip(requests, parallel, strict=True):
            if request.source_id == "no-such-id":
                assert isinstance(result, AnchorError) and result.field == "source"
                with pytest.raises(AnchorError):
                    anchor_quote(request.quote, store, source_id=request.source_id)
            else:
                assert result == anchor_quote(request.quote, store, source_id=request.source_id)
    assert sum(r.fidelity == "verbatim" for r in parallel if not isinstance(r, AnchorError)) >= 35


def test_an_index_merged_from_many_spilled_runs_holds_exactly_the_stored_texts_sorted(
    tmp_path, small_batches, monkeypatch
):
    import sqlite3

    from fontes.corpus.shingles import fingerprints

    monkeypatch.setattr(shingle_index, "_MERGE_PAIRS", 3_000)  # dozens of runs on disk, many slices
    write_corpus(tmp_path / "c.jsonl", 400)
    write_corpus(tmp_path / "again.jsonl", 150, seed=8)  # ids d00000-d00149 with other texts
    with Store(tmp_path / "s.db") as store:
        ingest_paths([tmp_path / "c.jsonl"], store)
        ingest_paths([tmp_path / "again.jsonl"], store)  # replaces, merging into stored rows
    with sqlite3.connect(tmp_path / "s.db") as db:
        rows = db.execute("SELECT hash, docs FROM shingles").fetchall()
        texts = db.execute("SELECT doc, text FROM texts").fetchall()
    expected: dict[int, list[int]] = {}
    for number, text in sorted(texts):
        for hash_ in fingerprints(text):
            expected.setdefault(hash_, []).append(number)
    stored = {
        hash_: [int.from_bytes(docs[i : i + 4], "little") for i in range(0, len(docs), 4)]
        for hash_, docs in rows
    }
    assert stored == expected  # every row's documents distinct and in order
