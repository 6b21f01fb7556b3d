"""The shingle index: for every fingerprint (shingles.py), the documents whose text has it.

One row per distinct fingerprint, holding the sorted numbers (sources.doc) of its documents
as little-endian uint32, as FTS5 keeps a doclist per term. One row per (fingerprint,
document) pair would be simpler but measured 2.4 times the size and far slower to write
(14 million rows for 50,000 documents, against 1.4 million). A `ShingleWriter` gathers what
one `Store.add` stores and replaces and merges it into the table in batches, inside the
add's transaction; a replaced text's fingerprints are found again from the text itself, so
the table needs no second index by document.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from typing import BinaryIO

import numpy as np

from fontes.corpus.shingles import fingerprint_pairs, sorted_distinct

SCHEMA = "CREATE TABLE shingles (hash INTEGER PRIMARY KEY, docs BLOB NOT NULL)"

#: Texts are fingerprinted this many characters at a time (numpy's working arrays stay small)...
_FINGERPRINT_CHARS = 2_000_000
#: ...and this many (fingerprint, document) pairs wait in memory before they go to a sorted run
#: on disk (~16 MB); a merge reads back about this many at a time (their per-fingerprint dict
#: is several times that).
_MERGE_PAIRS = 2_000_000
#: When every fingerprint of a quotation is common, this many of the rarest are counted.
_RAREST_WHEN_ALL_COMMON = 3
#: Fingerprints looked up or read back per SQL statement.
_LOOKUP_BATCH = 50_000
_LOW_HALF = np.uint64(0xFFFFFFFF)
_HALF = np.uint64(32)


class ShingleWriter:
    """The index changes of one transaction: texts stored and texts replaced, merged by `flush`.

    Fingerprints wait in memory up to _MERGE_PAIRS (fingerprint, document) pairs, then go
    as one sorted run to an unnamed temporary file (gone with the process, even a killed
    one). `flush` merges every run into the table in one pass over the fingerprints, a
    slice of them at a time, so each row is written once however large the transaction;
    into an empty table the rows are only inserted, none read back.
    """

    def __init__(self, db: sqlite3.Connection):
        self._db = db
        self._added = _Runs()
        self._removed = _Runs()
        self.discard()

    def discard(self) -> None:
        """Forget everything not flushed (the transaction it belonged to was rolled back)."""
        self._added_texts: list[tuple[int, str]] = []
        self._removed_texts: list[tuple[int, str]] = []
        self._pending_chars = 0
        self._added.clear()
        self._removed.clear()
        self._added_docs: set[int] = set()

    def add(self, doc: int, text: str) -> None:
        """Index the text of document number `doc` (at the next flush)."""
        self._added_docs.add(doc)
        self._added_texts.append((doc, text))
        self._grow(len(text))

    def add_keys(self, docs: Iterable[int], keys: np.ndarray) -> None:
        """Index texts fingerprinted already: `document_keys` of documents numbered `docs`."""
        self._added_docs.update(docs)
        self._added.append(keys)

    def remove(self, doc: int, text: str) -> None:
        """Take document `doc`, whose stored text is `text`, out of the index (at the next flush)."""
        if doc in self._added_docs:  # stored earlier in this transaction: merge it first, then take it out
            self.flush()
        self._removed_texts.append((doc, text))
        self._grow(len(text))

    def _grow(self, chars: int) -> None:
        self._pending_chars += chars
        if self._pending_chars >= _FINGERPRINT_CHARS:
            self._fingerprint_pending()

    def _fingerprint_pending(self) -> None:
        for texts, runs in ((self._added_texts, self._added), (self._removed_texts, self._removed)):
            if texts:
                runs.append(document_keys(texts))
                texts.clear()
        self._pending_chars = 0

    def flush(self) -> None:
        """Merge everything gathered into the table (within the caller's transaction)."""
        self._fingerprint_pending()
        added, removed = self._added, self._removed
        if added.pairs or removed.pairs:
            empty = (
                not removed.pairs and self._db.execute("SELECT 1 FROM shingles LIMIT 1").fetchone() is None
            )
            for low, high in _slices(added, removed):
                plus, minus = _by_fingerprint(added.read(low, high)), _by_fingerprint(removed.read(low, high))
                if empty:
                    self._db.executemany("INSERT INTO shingles (hash, docs) VALUES (?, ?)", plus.items())
                else:
                    _merge(self._db, plus, minus)
        self.discard()


class _Runs:
    """Runs of (fingerprint << 32 | document) keys, each in fingerprint order (as
    `document_keys` gives them): the first ones in memory, then in an unnamed temporary file
    once more than _MERGE_PAIRS wait.

    Each run keeps where each of its _BUCKETS key ranges (by the top bits of the fingerprint)
    starts, so a slice of the fingerprints is read back from every run at once; a run is not
    sorted further (its keys are ordered by fingerprint, which is all the slicing needs), the
    merge sorts each slice.
    """

    def __init__(self) -> None:
        self._file: BinaryIO | None = None
        self.clear()

    def clear(self) -> None:
        if self._file is not None:
            self._file.close()
        self._file = None
        self._memory: list[tuple[np.ndarray, np.ndarray]] = []  # (keys, bucket starts)
        self._memory_pairs = 0
        self._runs: list[tuple[np.ndarray | None, int, np.ndarray]] = []  # (keys or on file, offset, starts)
        self._end = 0
        self.pairs = 0

    def append(self, keys: np.ndarray) -> None:
        """Keep a run of keys in fingerprint order."""
        if not len(keys):
            return
        # Bucket edges have a zero low half: keys ordered by their high half are split right.
        self._memory.append((keys, np.append(np.searchsorted(keys, _BUCKET_EDGES), len(keys))))
        self._memory_pairs += len(keys)
        self.pairs += len(keys)
        if self._memory_pairs >= _MERGE_PAIRS:
            self._spill()

    def _spill(self) -> None:
        """The runs waiting in memory to the file."""
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="fontes-shingles-")
        self._file.seek(8 * self._end)
        for keys, starts in self._memory:
            keys.astype("<u8").tofile(self._file)
            self._runs.append((None, self._end, starts))
            self._end += len(keys)
        self._memory, self._memory_pairs = [], 0

    def bucket_sizes(self) -> np.ndarray:
        """How many keys each bucket holds (the runs still in memory stay there)."""
        self._runs.extend((keys, 0, starts) for keys, starts in self._memory)
        self._memory, self._memory_pairs = [], 0
        sizes = np.zeros(_BUCKETS, np.int64)
        for _, _, starts in self._runs:
            sizes += np.diff(starts)
        return sizes

    def read(self, low: int, high: int) -> np.ndarray:
        """The keys of buckets low..high-1 of every run (`bucket_sizes` first), not sorted."""
        if self._file is not None:
            self._file.flush()
        parts = []
        for keys, offset, starts in self._runs:
            first, last = int(starts[low]), int(starts[high])
            if last <= first:
                continue
            if keys is not None:
                parts.append(keys[first:last])
            else:
                assert self._file is not None
                self._file.seek(8 * (offset + first))
                parts.append(np.fromfile(self._file, "<u8", last - first).astype(np.uint64))
        return np.concatenate(parts) if parts else np.empty(0, np.uint64)


#: Key ranges of a spilled run (by the top bits of the fingerprint): a merge reads a few at a time.
_BUCKET_BITS = 8
_BUCKETS = 1 << _BUCKET_BITS
_BUCKET_EDGES = np.arange(_BUCKETS, dtype=np.uint64) << np.uint64(64 - _BUCKET_BITS)


def _slices(added: _Runs, removed: _Runs) -> Iterator[tuple[int, int]]:
    """Ranges of buckets holding about _MERGE_PAIRS keys each, in the table's key order (the
    signed fingerprints: the upper half of the buckets first); no range crosses the sign."""
    sizes = added.bucket_sizes() + removed.bucket_sizes()
    half = _BUCKETS // 2
    for first, stop in ((half, _BUCKETS), (0, half)):
        low, held = first, 0
        for bucket in range(first, stop):
            held += int(sizes[bucket])
            if held >= _MERGE_PAIRS or bucket == stop - 1:
                if held:
                    yield low, bucket + 1
                low, held = bucket + 1, 0


def document_keys(docs: Iterable[tuple[int, str]]) -> np.ndarray:
    """(fingerprint << 32 | document number) of every distinct fingerprint of each (number, text)."""
    numbers, texts = zip(*docs)
    keys = fingerprint_pairs(texts)
    owners = np.asarray(numbers, np.uint64)[(keys & _LOW_HALF).astype(np.intp)]
    return (keys >> _HALF << _HALF) | owners


def _merge(db: sqlite3.Connection, plus: dict[int, bytes], minus: dict[int, bytes]) -> None:
    """Every touched row: its stored documents, minus the removed ones, plus the added ones.

    New documents have higher numbers than any stored, so their numbers are usually just
    appended to a row's bytes; a row losing or regaining a document is merged with numpy.
    Rows are written in key order, new ones inserted and others updated (faster than REPLACE).
    """
    touched = sorted(plus.keys() | minus.keys()) if minus else list(plus)
    for start in range(0, len(touched), _LOOKUP_BATCH):  # a slice at a time: stored rows stay few
        _merge_rows(db, touched[start : start + _LOOKUP_BATCH], plus, minus)


def _merge_rows(
    db: sqlite3.Connection, touched: list[int], plus: dict[int, bytes], minus: dict[int, bytes]
) -> None:
    """Write the merged rows of these fingerprints (see `_merge`)."""
    stored = _stored_rows(db, touched)
    inserts, updates, deletes = [], [], []
    for hash_ in touched:
        old, new = stored.pop(hash_, None), plus.get(hash_, b"")
        if old is None:
            inserts.append((hash_, new))
            continue
        gone = minus.get(hash_) if minus else None
        if gone is None and _last(old) < _first(new):
            updates.append((old + new, hash_))
            continue
        numbers = np.frombuffer(old, "<u4")
        if gone is not None:
            numbers = numbers[~np.isin(numbers, np.frombuffer(gone, "<u4"))]
        docs = np.union1d(numbers, np.frombuffer(new, "<u4")).astype("<u4").tobytes()
        if docs:
            updates.append((docs, hash_))
        else:
            deletes.append((hash_,))
    db.executemany("INSERT INTO shingles (hash, docs) VALUES (?, ?)", inserts)
    db.executemany("UPDATE shingles SET docs = ? WHERE hash = ?", updates)
    db.executemany("DELETE FROM shingles WHERE hash = ?", deletes)


def _by_fingerprint(keys: np.ndarray) -> dict[int, bytes]:
    """(fingerprint << 32 | document) keys as fingerprint -> its documents' sorted uint32 bytes,
    in the order of the signed fingerprints (the table's key order)."""
    if not len(keys):
        return {}
    keys = sorted_distinct(keys, of_sorted_runs=True)
    hashes = keys >> _HALF
    starts = np.flatnonzero(np.concatenate(([True], hashes[1:] != hashes[:-1])))
    ends = np.append(starts[1:], len(keys))
    signed = _signed(hashes[starts])
    if len(signed) > 1 and not (signed[1:] > signed[:-1]).all():  # the keys cross the sign
        order = np.argsort(signed, kind="stable")
        signed, starts, ends = signed[order], starts[order], ends[order]
    docs = (keys & _LOW_HALF).astype("<u4").tobytes()
    return {
        hash_: docs[4 * a : 4 * b] for hash_, a, b in zip(signed.tolist(), starts.tolist(), ends.tolist())
    }


def _stored_rows(db: sqlite3.Connection, hashes: Iterable[int]) -> dict[int, bytes]:
    """The stored documents' bytes of those of these fingerprints that have a row."""
    hashes = list(hashes)
    found: dict[int, bytes] = {}
    for start in range(0, len(hashes), _LOOKUP_BATCH):
        found.update(
            db.execute(
                "SELECT hash, docs FROM shingles WHERE hash IN (SELECT value FROM json_each(?))",
                (json.dumps(hashes[start : start + _LOOKUP_BATCH]),),
            )
        )
    return found


def _first(docs: bytes) -> int:
    return int.from_bytes(docs[:4], "little")


def _last(docs: bytes) -> int:
    return int.from_bytes(docs[-4:], "little")


def _signed(hashes: np.ndarray) -> np.ndarray:
    """Unsigned 32-bit fingerprints as the signed integers the table keys them by."""
    return hashes.astype(np.uint32).view(np.int32)


def rebuild(db: sqlite3.Connection) -> None:
    """Index every stored text anew (a store upgraded from before the index had none)."""
    db.execute("DELETE FROM shingles")
    writer = ShingleWriter(db)
    for doc, text in db.execute("SELECT doc, text FROM texts ORDER BY doc"):
        writer.add(doc, text)
    writer.flush()


def shared_shingles(
    db: sqlite3.Connection, fingerprints: list[int], common: int
) -> tuple[np.ndarray, np.ndarray, int]:
    """(documents, how many of `fingerprints` each has, how many fingerprints counted).

    A fingerprint in more than `common` documents is not counted (it says little and reading
    its documents is slow), unless all are: then the _RAREST_WHEN_ALL_COMMON rarest are, so a
    stock phrase found in thousands of documents still gets some. Documents come best first
    (most fingerprints, then lowest number).
    """
    sizes = (
        db.execute(
            "SELECT hash, length(docs) / 4 FROM shingles WHERE hash IN (SELECT value FROM json_each(?))",
            (json.dumps(fingerprints),),
        ).fetchall()
        if fingerprints
        else []
    )
    counted = [hash_ for hash_, size in sizes if size <= common]
    if not counted and sizes:
        counted = [hash_ for hash_, _ in sorted(sizes, key=lambda row: row[1])[:_RAREST_WHEN_ALL_COMMON]]
    blobs = (
        [
            docs
            for (docs,) in db.execute(
                "SELECT docs FROM shingles WHERE hash IN (SELECT value FROM json_each(?))",
                (json.dumps(counted),),
            )
        ]
        if counted
        else []
    )
    unfound = len(set(fingerprints)) - len(sizes)
    if not blobs:
        return np.empty(0, np.uint32), np.empty(0, np.intp), unfound
    docs, counts = np.unique(np.frombuffer(b"".join(blobs), "<u4"), return_counts=True)
    order = np.lexsort((docs, -counts))
    return docs[order], counts[order], len(counted) + unfound
