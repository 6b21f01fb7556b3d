"""Every sentence of the corpus as a vector, kept beside the store, so that finding the
documents closest in meaning to a quotation is one matrix product.

Built lazily, on the first lookup by meaning, and saved as `<store>.sentences.npz` (float16):
a corpus that is never searched by meaning pays nothing at ingest, and the file is rebuilt
when the store has changed since (its ids or its modification time differ).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

#: A sentence: up to its closing mark or a line end.
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)
#: Rows multiplied at a time (float16 on disk and in memory, float32 for the product: numpy has
#: no fast float16 product, and the whole matrix in float32 would double the memory).
CHUNK = 65_536
#: A sentence shorter than this (characters) carries too little meaning to index.
MIN_SENTENCE = 20


class _Doc(Protocol):
    text: str


class SentenceStore(Protocol):
    path: Path

    def ids(self) -> list[str]: ...

    def get(self, id: str) -> _Doc | None: ...


def sentences(text: str) -> list[str]:
    """The sentences of a text worth a vector."""
    return [s for s in (m.group().strip() for m in SENTENCE.finditer(text)) if len(s) >= MIN_SENTENCE]


@dataclass
class SentenceVectors:
    """The corpus's sentence vectors: `vectors[i]` belongs to document `ids[owner[i]]`."""

    ids: list[str]
    owner: np.ndarray  # int32, one per sentence
    vectors: np.ndarray  # float16, unit rows
    fingerprint: str

    @classmethod
    def build(cls, store: SentenceStore, model) -> SentenceVectors:
        ids = store.ids()
        texts, owner = [], []
        for number, doc_id in enumerate(ids):
            document = store.get(doc_id)
            for sentence in sentences(document.text if document else ""):
                texts.append(sentence)
                owner.append(number)
        vectors = model.embed(texts).astype(np.float16) if texts else np.zeros((0, 1), np.float16)
        return cls(ids, np.asarray(owner, dtype=np.int32), vectors, fingerprint(store, ids))

    @classmethod
    def for_store(cls, store: SentenceStore, model) -> SentenceVectors:
        """The saved vectors when they are current, else built now and saved beside the store."""
        path = vectors_path(store)
        current = fingerprint(store)
        if path is not None and path.is_file():
            try:
                with np.load(path, allow_pickle=False) as saved:
                    if str(saved["fingerprint"]) == current:
                        return cls(list(saved["ids"]), saved["owner"], saved["vectors"], current)
            except (OSError, KeyError, ValueError):
                pass  # unreadable or from another version: rebuilt below
        built = cls.build(store, model)
        if path is not None:
            built.save(path)
        return built

    def save(self, path: Path) -> None:
        """Write to a temporary file beside `path`, then rename: never a half-written file."""
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp.npz")
        os.close(handle)
        try:
            np.savez(
                temporary,
                ids=np.asarray(self.ids, dtype=str),
                owner=self.owner,
                vectors=self.vectors,
                fingerprint=np.asarray(self.fingerprint),
            )
            os.replace(temporary, path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)  # a read-only folder: kept in memory only

    def nearest_documents(self, vector: np.ndarray, limit: int) -> list[tuple[str, float]]:
        """The documents holding the sentences closest to `vector`, best cosine first."""
        if not len(self.vectors):
            return []
        cosines = np.concatenate(
            [
                self.vectors[at : at + CHUNK].astype(np.float32) @ vector.astype(np.float32)
                for at in range(0, len(self.vectors), CHUNK)
            ]
        )
        top = min(len(cosines), limit * 20)
        best = np.argpartition(-cosines, top - 1)[:top]
        found: dict[str, float] = {}
        for row in best[np.argsort(-cosines[best])]:
            found.setdefault(self.ids[self.owner[row]], float(cosines[row]))
            if len(found) == limit:
                break
        return list(found.items())


def vectors_path(store: SentenceStore) -> Path | None:
    """`<store>.sentences.npz`, or None for an in-memory store."""
    if str(store.path) == ":memory:":
        return None
    return store.path.with_name(store.path.name + ".sentences.npz")


def fingerprint(store: SentenceStore, ids: list[str] | None = None) -> str:
    """What the vectors were built from: the store's ids and its file's modification time."""
    digest = hashlib.sha256("\n".join(ids if ids is not None else store.ids()).encode())
    if str(store.path) != ":memory:" and store.path.exists():
        digest.update(str(store.path.stat().st_mtime_ns).encode())
    return digest.hexdigest()
