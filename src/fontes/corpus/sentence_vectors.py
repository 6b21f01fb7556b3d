"""Every sentence of the corpus as a vector, kept beside the store and memory-mapped, so that
finding the sentences closest in meaning to a quotation is a matrix product over few rows.

Built in one streamed pass (after an ingest, or on the first lookup by meaning when missing or
stale): the store's texts are read in document order, embedded a chunk at a time and written
as int8 rows (each with its own scale) to `<store>.sentences.i8`; `<store>.sentences.npz` holds
the few small arrays (which rows belong to which document, the scales) and the fingerprint of
the store they were built from. The rows are memory-mapped. A lookup reads every row in
chunks when the corpus is small enough for that to be cheap; in a larger one it first ranks
every sentence by the signs of its vector (256 bits a sentence, made on the first lookup and
kept: 1/8 of the rows' bytes) and computes the cosines of the PREFILTERED best only. Every
sentence is thus a candidate, whatever its words: a paraphrase rarely shares the quotation's
rare words, so lexical candidates lose its source as the corpus grows.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

#: A sentence: up to its closing mark or a line end.
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)
#: A sentence shorter than this (characters) carries too little meaning to index.
MIN_SENTENCE = 20
#: Sentences embedded and written at a time while building.
BUILD_CHUNK = 8_192
#: Rows multiplied at a time when every row is searched.
CHUNK = 65_536
#: Up to this many rows, a lookup computes the cosine of every sentence of the corpus (a few
#: ms); past it, only of the sentences whose signs agree most with the quotation's.
WHOLE_CORPUS_ROWS = 200_000
#: Sentences whose cosines are computed after the signs' ranking (the exact 50 best were all
#: among the best 2,000 by signs at 645,000 sentences).
PREFILTERED = 4_000
#: int8 rows: a component times this over the row's largest component.
_LEVELS = 127


class _Model(Protocol):
    @property
    def dimension(self) -> int: ...

    def embed(self, texts: list[str]) -> np.ndarray: ...


class SentenceStore(Protocol):
    path: Path

    def numbered_texts(self) -> Iterator[tuple[int, str]]: ...

    def state(self) -> tuple[int, int, int]: ...


def sentences(text: str) -> list[str]:
    """The sentences of a text worth a vector."""
    return [s for s in (m.group().strip() for m in SENTENCE.finditer(text)) if len(s) >= MIN_SENTENCE]


@dataclass
class SentenceVectors:
    """The corpus's sentence vectors: rows `first[i]:first[i+1]` belong to document number `docs[i]`."""

    docs: np.ndarray  # int64 document numbers, ascending
    first: np.ndarray  # int64, len(docs) + 1
    rows: np.ndarray  # int8 (sentences, dimension), memory-mapped when read from disk
    scales: np.ndarray  # float32, one per row: row * scale is the unit vector
    fingerprint: str
    _signs: np.ndarray | None = None  # uint8 (sentences, dimension / 8): the rows' signs, packed

    def __len__(self) -> int:
        return len(self.rows)

    @classmethod
    def for_store(cls, store: SentenceStore, model: _Model) -> SentenceVectors:
        """The saved vectors when they are current, else built now (and saved beside the store)."""
        current = fingerprint(store)
        saved = cls.load(store, current)
        return saved if saved is not None else cls.build(store, model, current)

    @classmethod
    def load(cls, store: SentenceStore, current: str) -> SentenceVectors | None:
        """The vectors saved beside the store, when they were built from its present state."""
        paths = vector_paths(store)
        if paths is None or not all(p.is_file() for p in paths):
            return None
        meta_path, rows_path = paths
        try:
            with np.load(meta_path, allow_pickle=False) as meta:
                if str(meta["fingerprint"]) != current:
                    return None
                docs, first, scales = meta["docs"], meta["first"], meta["scales"]
                dimension = int(meta["dimension"])
            count = len(scales)
            if rows_path.stat().st_size != count * dimension:
                return None
            rows = (
                np.memmap(rows_path, dtype=np.int8, mode="r", shape=(count, dimension))
                if count
                else np.zeros((0, dimension), np.int8)
            )
        except (OSError, KeyError, ValueError):
            return None  # unreadable or from another version: rebuilt
        return cls(docs, first, rows, scales, current)

    @classmethod
    def build(cls, store: SentenceStore, model: _Model, current: str | None = None) -> SentenceVectors:
        """Embed every sentence in one streamed pass; saved beside the store unless it is in memory."""
        current = current or fingerprint(store)
        paths = vector_paths(store)
        folder = paths[0].parent if paths else None
        handle, temporary = tempfile.mkstemp(dir=folder, prefix="sentences-", suffix=".i8.tmp")
        docs: list[int] = []
        first: list[int] = [0]
        scales: list[np.ndarray] = []
        try:
            with os.fdopen(handle, "wb") as out:
                for numbers, counts, texts in _chunks(store.numbered_texts()):
                    quantised, scale = quantise(model.embed(texts))
                    out.write(quantised.tobytes())
                    scales.append(scale)
                    for number, count in zip(numbers, counts):
                        if docs and docs[-1] == number:
                            first[-1] += count
                        else:
                            docs.append(number)
                            first.append(first[-1] + count)
            built = cls(
                np.asarray(docs, np.int64),
                np.asarray(first, np.int64),
                np.zeros((0, model.dimension), np.int8),
                np.concatenate(scales) if scales else np.zeros(0, np.float32),
                current,
            )
            saved = built.save(paths, temporary) if paths is not None else False
            if saved:  # memory-mapped from where it now lies
                return cls.load(store, current) or built
            built.rows = np.fromfile(temporary, dtype=np.int8).reshape(-1, model.dimension)
            return built
        finally:
            Path(temporary).unlink(missing_ok=True)

    def save(self, paths: tuple[Path, Path], rows_file: str) -> bool:
        """The rows (written already to `rows_file`) and then the small arrays, each renamed into
        place: a reader finds the old pair, the new pair, or a fingerprint that does not match."""
        meta_path, rows_path = paths
        handle, meta_tmp = tempfile.mkstemp(dir=meta_path.parent, prefix=meta_path.name, suffix=".tmp.npz")
        os.close(handle)
        try:
            np.savez(
                meta_tmp,
                docs=self.docs,
                first=self.first,
                scales=self.scales,
                dimension=np.asarray(self.rows.shape[1] if self.rows.ndim == 2 else 0),
                fingerprint=np.asarray(self.fingerprint),
            )
            os.replace(rows_file, rows_path)
            os.replace(meta_tmp, meta_path)
            return True
        except OSError:
            return False  # a read-only folder: kept in memory only
        finally:
            Path(meta_tmp).unlink(missing_ok=True)

    def nearest(
        self, vector: np.ndarray, limit: int, among: Iterable[int] | None = None
    ) -> list[tuple[int, float]]:
        """The document numbers holding the sentences closest to `vector`, best cosine first:
        among the documents `among` when given (only their rows are read), else among all
        (past WHOLE_CORPUS_ROWS, among the sentences whose signs agree most with it)."""
        if among is None and self.searches_everything():
            return self._best(self._all_cosines(vector), None, limit)
        if among is None:
            rows = self._agreeing_in_sign(vector, max(PREFILTERED, 20 * limit))
            cosines = (self.rows[rows].astype(np.float32) @ vector.astype(np.float32)) * self.scales[rows]
            return self._best(cosines, rows, limit)
        wanted = np.unique(np.fromiter(among, np.int64))
        places = np.searchsorted(self.docs, wanted)
        places = places[
            (places < len(self.docs)) & (self.docs[np.minimum(places, len(self.docs) - 1)] == wanted)
        ]
        if not len(places):
            return []
        rows = np.concatenate([np.arange(self.first[p], self.first[p + 1]) for p in places])
        if not len(rows):
            return []
        cosines = (self.rows[rows].astype(np.float32) @ vector.astype(np.float32)) * self.scales[rows]
        return self._best(cosines, rows, limit)

    def _agreeing_in_sign(self, vector: np.ndarray, count: int) -> np.ndarray:
        """Row numbers (ascending) of the `count` sentences whose vectors' signs agree most
        with `vector`'s: the fewest differing bits, a cheap stand-in for the angle."""
        signs = self.signs()
        query = np.packbits(vector > 0)
        differing = np.concatenate(
            [np.zeros(0, np.int32)]
            + [
                np.bitwise_count(np.bitwise_xor(signs[at : at + CHUNK], query)).sum(axis=1, dtype=np.int32)
                for at in range(0, len(signs), CHUNK)
            ]
        )
        if count >= len(differing):
            return np.arange(len(differing))
        return np.sort(np.argpartition(differing, count - 1)[:count])

    def signs(self) -> np.ndarray:
        """The rows' signs packed 8 to a byte, made from the rows once (a streamed pass)."""
        if self._signs is None:
            self._signs = np.concatenate(
                [np.zeros((0, (self.rows.shape[1] + 7) // 8), np.uint8)]
                + [
                    np.packbits(self.rows[at : at + CHUNK] > 0, axis=1)
                    for at in range(0, len(self.rows), CHUNK)
                ]
            )
        return self._signs

    def searches_everything(self) -> bool:
        """Whether a lookup can afford to read every row (a small corpus)."""
        return len(self.rows) <= WHOLE_CORPUS_ROWS

    def _all_cosines(self, vector: np.ndarray) -> np.ndarray:
        query = vector.astype(np.float32)
        return np.concatenate(
            [np.zeros(0, np.float32)]
            + [
                (self.rows[at : at + CHUNK].astype(np.float32) @ query) * self.scales[at : at + CHUNK]
                for at in range(0, len(self.rows), CHUNK)
            ]
        )

    def _best(self, cosines: np.ndarray, rows: np.ndarray | None, limit: int) -> list[tuple[int, float]]:
        if not len(cosines) or limit <= 0:
            return []
        top = min(len(cosines), limit * 20)
        best = np.argpartition(-cosines, top - 1)[:top]
        best = best[np.argsort(-cosines[best], kind="stable")]
        owners = np.searchsorted(self.first, best if rows is None else rows[best], side="right") - 1
        found: dict[int, float] = {}
        for place, at in zip(owners, best):
            found.setdefault(int(self.docs[place]), float(cosines[at]))
            if len(found) == limit:
                break
        return list(found.items())


def quantise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and the scale of each (a zero row keeps scale 0): a quarter of float32's bytes,
    cosines within about 0.01 of the exact ones."""
    largest = np.abs(vectors).max(axis=1) if len(vectors) else np.zeros(0, np.float32)
    scale = np.where(largest > 0, largest / _LEVELS, 0).astype(np.float32)
    safe = np.where(scale > 0, scale, 1)[:, None]
    return np.clip(np.rint(vectors / safe), -_LEVELS, _LEVELS).astype(np.int8), scale


def _chunks(numbered: Iterator[tuple[int, str]]) -> Iterator[tuple[list[int], list[int], list[str]]]:
    """(document numbers, sentences of each, the sentences) of about BUILD_CHUNK sentences."""
    numbers: list[int] = []
    counts: list[int] = []
    texts: list[str] = []
    for number, text in numbered:
        found = sentences(text)
        if not found:
            continue
        numbers.append(number)
        counts.append(len(found))
        texts.extend(found)
        if len(texts) >= BUILD_CHUNK:
            yield numbers, counts, texts
            numbers, counts, texts = [], [], []
    if texts:
        yield numbers, counts, texts


def vector_paths(store: SentenceStore) -> tuple[Path, Path] | None:
    """(`<store>.sentences.npz`, `<store>.sentences.i8`), or None for an in-memory store."""
    if str(store.path) == ":memory:":
        return None
    return store.path.with_name(store.path.name + ".sentences.npz"), store.path.with_name(
        store.path.name + ".sentences.i8"
    )


def vectors_path(store: SentenceStore) -> Path | None:
    """The file that says what the vectors were built from (`<store>.sentences.npz`)."""
    paths = vector_paths(store)
    return paths[0] if paths else None


def fingerprint(store: SentenceStore) -> str:
    """What the vectors are built from: how many documents, their numbers' sum and largest, and
    the store file's modification time (a replaced text keeps its number but changes the file)."""
    digest = hashlib.sha256(repr(store.state()).encode())
    if str(store.path) != ":memory:" and store.path.exists():
        digest.update(str(store.path.stat().st_mtime_ns).encode())
    return digest.hexdigest()
