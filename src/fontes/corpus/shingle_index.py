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
from collections.abc import Iterable

import numpy as np

from fontes.corpus.shingles import fingerprint_pairs, sorted_distinct

SCHEMA = "CREATE TABLE shingles (hash INTEGER PRIMARY KEY, docs BLOB NOT NULL)"

#: Texts are fingerprinted this many characters at a time (numpy's working arrays stay small)...
_FINGERPRINT_CHARS = 2_000_000
#: ...and merged into the table once this many (fingerprint, document) pairs wait (~16 MB;
#: their per-fingerprint dict at a merge is several times that).
_MERGE_PAIRS = 2_000_000
#: When every fingerprint of a quotation is common, this many of the rarest are counted.
_RAREST_WHEN_ALL_COMMON = 3
#: Fingerprints looked up or read back per SQL statement.
_LOOKUP_BATCH = 50_000
_LOW_HALF = np.uint64(0xFFFFFFFF)
_HALF = np.uint64(32)


class ShingleWriter:
    """The index changes of one transaction: texts stored and texts replaced, merged by `flush`."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db
        self.discard()

    def discard(self) -> None:
        """Forget everything not flushed (the transaction it belonged to was rolled back)."""
        self._added_texts: list[tuple[int, str]] = []
        self._removed_texts: list[tuple[int, str]] = []
        self._pending_chars = 0
        self._added: list[np.ndarray] = []
        self._removed: list[np.ndarray] = []
        self._pending_pairs = 0
        self._added_docs: set[int] = set()

    def add(self, doc: int, text: str) -> None:
        """Index the text of document number `doc` (at the next flush)."""
        self._added_docs.add(doc)
        self._added_texts.append((doc, text))
        self._grow(len(text))

    def remove(self, doc: int, text: str) -> None:
        """Take document `doc`, whose stored text is `text`, out of the index (at the next flush)."""
        if doc in self._added_docs:  # stored earlier in this batch: merge it first, then take it out
            self.flush()
        self._removed_texts.append((doc, text))
        self._grow(len(text))

    def _grow(self, chars: int) -> None:
        self._pending_chars += chars
        if self._pending_chars >= _FINGERPRINT_CHARS:
            self._fingerprint_pending()
            if self._pending_pairs >= _MERGE_PAIRS:
                self.flush()

    def _fingerprint_pending(self) -> None:
        for texts, keys in ((self._added_texts, self._added), (self._removed_texts, self._removed)):
            if texts:
                keys.append(document_keys(texts))
                self._pending_pairs += len(keys[-1])
                texts.clear()
        self._pending_chars = 0

    def flush(self) -> None:
        """Merge everything gathered into the table (within the caller's transaction)."""
        self._fingerprint_pending()
        added = np.concatenate(self._added) if self._added else np.empty(0, np.uint64)
        removed = np.concatenate(self._removed) if self._removed else np.empty(0, np.uint64)
        self.discard()
        if len(added) or len(removed):
            _merge(self._db, added, removed)


def document_keys(docs: Iterable[tuple[int, str]]) -> np.ndarray:
    """(fingerprint << 32 | document number) of every distinct fingerprint of each (number, text)."""
    numbers, texts = zip(*docs)
    keys = fingerprint_pairs(texts)
    owners = np.asarray(numbers, np.uint64)[(keys & _LOW_HALF).astype(np.intp)]
    return (keys >> _HALF << _HALF) | owners


def _merge(db: sqlite3.Connection, added: np.ndarray, removed: np.ndarray) -> None:
    """Every touched row: its stored documents, minus the removed ones, plus the added ones.

    New documents have higher numbers than any stored, so their numbers are usually just
    appended to a row's bytes; a row losing or regaining a document is merged with numpy.
    Rows are written in key order, new ones inserted and others updated (faster than REPLACE).
    """
    plus, minus = _by_fingerprint(added), _by_fingerprint(removed)
    touched = sorted(plus.keys() | minus.keys()) if minus else list(plus)
    for start in range(0, len(touched), _LOOKUP_BATCH):  # a slice at a time: stored rows stay few
        _merge_rows(db, touched[start:start + _LOOKUP_BATCH], plus, minus)


def _merge_rows(db: sqlite3.Connection, touched: list[int], plus: dict[int, bytes],
                minus: dict[int, bytes]) -> None:
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
    keys = sorted_distinct(keys)
    hashes = keys >> _HALF
    starts = np.flatnonzero(np.concatenate(([True], hashes[1:] != hashes[:-1])))
    ends = np.append(starts[1:], len(keys))
    signed = _signed(hashes[starts])
    order = np.argsort(signed, kind="stable")
    docs = (keys & _LOW_HALF).astype("<u4").tobytes()
    return {hash_: docs[4 * a:4 * b]
            for hash_, a, b in zip(signed[order].tolist(), starts[order].tolist(), ends[order].tolist())}


def _stored_rows(db: sqlite3.Connection, hashes: Iterable[int]) -> dict[int, bytes]:
    """The stored documents' bytes of those of these fingerprints that have a row."""
    hashes = list(hashes)
    found: dict[int, bytes] = {}
    for start in range(0, len(hashes), _LOOKUP_BATCH):
        found.update(db.execute("SELECT hash, docs FROM shingles WHERE hash IN (SELECT value FROM json_each(?))",
                                (json.dumps(hashes[start:start + _LOOKUP_BATCH]),)))
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


def shared_shingles(db: sqlite3.Connection, fingerprints: list[int], common: int
                    ) -> tuple[np.ndarray, np.ndarray, int]:
    """(documents, how many of `fingerprints` each has, how many fingerprints counted).

    A fingerprint in more than `common` documents is not counted (it says little and reading
    its documents is slow), unless all are: then the _RAREST_WHEN_ALL_COMMON rarest are, so a
    stock phrase found in thousands of documents still gets some. Documents come best first
    (most fingerprints, then lowest number).
    """
    sizes = db.execute("SELECT hash, length(docs) / 4 FROM shingles WHERE hash IN (SELECT value FROM json_each(?))",
                       (json.dumps(fingerprints),)).fetchall() if fingerprints else []
    counted = [hash_ for hash_, size in sizes if size <= common]
    if not counted and sizes:
        counted = [hash_ for hash_, _ in sorted(sizes, key=lambda row: row[1])[:_RAREST_WHEN_ALL_COMMON]]
    blobs = [docs for (docs,) in db.execute("SELECT docs FROM shingles WHERE hash IN (SELECT value FROM json_each(?))",
                                            (json.dumps(counted),))] if counted else []
    unfound = len(set(fingerprints)) - len(sizes)
    if not blobs:
        return np.empty(0, np.uint32), np.empty(0, np.intp), unfound
    docs, counts = np.unique(np.frombuffer(b"".join(blobs), "<u4"), return_counts=True)
    order = np.lexsort((docs, -counts))
    return docs[order], counts[order], len(counted) + unfound
