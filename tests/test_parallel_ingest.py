"""A large JSONL file read on several worker processes gives exactly what one process gives:
the same documents under the same numbers, the same lines of bad records in the same order,
unchanged documents found unchanged; and a killed ingest leaves the store as it was."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

import fontes.corpus.parallel as parallel
from fontes.corpus import Store, ingest_paths

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
]


def write_file(path, count: int, seed: int = 3, repeated: int = 25) -> None:
    """`count` records, with a BOM, a CRLF line, blank lines, bad records, and the last
    `repeated` records giving again the ids of the first."""
    rng = random.Random(seed)
    lines = []
    for n in range(count):
        text = " ".join(rng.choice(WORDS) for _ in range(40)) + f" [Page {n}] serial {n} ends."
        lines.append(
            json.dumps(
                {
                    "id": f"d{n % (count - repeated):04d}",
                    "title": f"Cable {n}",
                    "text": text,
                    "date": "1950-06-25",
                    "authors": ["Muccio"] if n % 3 else [],
                }
            )
        )
        if n % 97 == 5:
            lines.append('{"id": "broken", "title": ')  # cut short
        if n % 131 == 7:
            lines.append(json.dumps({"id": "bad date", "title": "t", "text": "x", "date": "June 1950"}))
        if n % 50 == 0:
            lines.append("")
    lines[10] += "\r"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode() + b"\n")


@pytest.fixture
def small_parts(monkeypatch):
    """Parts of ~3 KB and workers for any file, so a few hundred records take many parts."""
    monkeypatch.setattr(parallel, "_PART_BYTES", 3_000)
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 1)


def stored(db) -> list[tuple]:
    """Every row of the store's tables but the time of ingest, and the shingle index."""
    with sqlite3.connect(db) as raw:
        cursor = raw.execute("SELECT * FROM sources ORDER BY doc")
        when = [c[0] for c in cursor.description].index("ingested_at")
        rows = [row[:when] + row[when + 1 :] for row in cursor.fetchall()]
        for table in ("texts", "notes", "pages", "shingles"):
            rows += raw.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
    return rows


def test_workers_store_what_one_process_stores_and_report_the_same_lines(tmp_path, small_parts):
    write_file(tmp_path / "big.jsonl", 600)
    results = {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        with Store(db) as store:
            summary = ingest_paths([tmp_path / "big.jsonl"], store, workers=workers)
            store.check()
        results[workers] = (summary, stored(db))
    one, two = results[1][0], results[2][0]
    assert (two.added, two.updated, two.unchanged) == (one.added, one.updated, one.unchanged) == (575, 25, 0)
    assert two.failed == one.failed and len(one.failed) == 7 + 5  # cut short, not EDTF
    assert ":1: id" not in " ".join(one.failed)  # the BOM did not spoil line 1
    assert any(":8: " in line for line in one.failed)  # line numbers count across parts
    assert results[2][1] == results[1][1]


def test_an_unchanged_reingest_on_workers_is_reported_unchanged(tmp_path, small_parts):
    write_file(tmp_path / "big.jsonl", 400, repeated=0)
    with Store(tmp_path / "s.db") as store:
        ingest_paths([tmp_path / "big.jsonl"], store, workers=2)
        again = ingest_paths([tmp_path / "big.jsonl"], store, workers=2)
        assert (again.added, again.updated, again.unchanged) == (0, 0, 400)
        store.check()


def test_a_passage_is_found_in_a_document_read_by_a_worker(tmp_path, small_parts):
    write_file(tmp_path / "big.jsonl", 300)
    with Store(tmp_path / "s.db") as store:
        ingest_paths([tmp_path / "big.jsonl"], store, workers=2)
        passage = store.get("d0200").text.split(" [Page")[0][-60:] + " [Page 200] serial 200 ends."
        assert store.candidates(passage)[0] == "d0200"


KILLED_INGEST = """
import sys
import fontes.corpus.parallel as parallel
from fontes.corpus import Store, ingest_paths
parallel._PART_BYTES, parallel.PARALLEL_BYTES = 20_000, 1
with Store(sys.argv[2]) as store:
    print("started", flush=True)
    ingest_paths([sys.argv[1]], store, workers=2)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="SIGKILL, and /proc to find the workers")
def test_a_killed_parallel_ingest_leaves_the_store_as_it_was_and_no_worker_behind(tmp_path):
    write_file(tmp_path / "big.jsonl", 40_000)
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.add([])  # an empty store, then one small file in it
    (tmp_path / "small.jsonl").write_text(
        json.dumps({"id": "kept", "title": "t", "text": "kept text"}) + "\n"
    )
    with Store(db) as store:
        ingest_paths([tmp_path / "small.jsonl"], store)
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_INGEST, str(tmp_path / "big.jsonl"), str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout.readline().strip() == b"started"
    time.sleep(0.5)
    workers = _children(process.pid)
    assert process.poll() is None, process.communicate()[1].decode()
    process.send_signal(signal.SIGKILL)
    process.wait()
    with Store(db) as store:  # rolls back the journal the killed ingest left
        assert store.ids() == ["kept"]
        store.check()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert workers and not any(_alive(pid) for pid in workers)


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc), the workers of a parallel ingest."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_record_given_again_in_a_later_part_counts_once_as_updated(tmp_path, small_parts):
    """A file whose last records repeat earlier ones word for word, read again: the repeats
    replace their earlier lines (updated), the others are unchanged, wherever the parts are cut
    (here the repeats fall in other parts than their first lines, as a very long line makes them)."""
    lines = [
        json.dumps({"id": f"r{n:03d}", "title": f"Cable {n}", "text": f"Troops crossed at dawn, unit {n}."})
        for n in range(120)
    ]
    lines += lines[:5]  # the first five ids again, exactly as they were
    path = tmp_path / "repeats.jsonl"
    path.write_text("\n".join(lines) + "\n")
    counts = {}
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.db") as store:
            first = ingest_paths([path], store, workers=workers)
            again = ingest_paths([path], store, workers=workers)
            store.check()
            assert len(store) == 120
        counts[workers] = [(s.added, s.updated, s.unchanged) for s in (first, again)]
    assert counts[2] == counts[1] == [(120, 5, 0), (0, 5, 120)]
