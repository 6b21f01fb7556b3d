"""The corpus store: one SQLite file holding sources, their texts, notes and page breaks, with FTS5.

Metadata are columns (authors and recipients as JSON lists; the EDTF date also as ISO
earliest/latest days so date filters are plain comparisons). An FTS5 index over title, text,
notes and summary reads its content from those tables (external content), so the text is
stored once. A shingle index (shingle_index.py) names the documents sharing a quotation's
three-word shingles, for `candidates`. Every `add` is one transaction: a failure or a killed
process leaves the store as it was. The rollback journal (not WAL) keeps the store a single file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Self

import numpy as np

from fontes.corpus import shingle_index
from fontes.corpus.document import Document, PageBreak
from fontes.corpus.languages import native_query, native_terms, text_language, without_native_words
from fontes.corpus.prepared import ORIGIN, SOURCE_COLUMNS, SUMMARY, TITLE, PreparedBatch, prepare, unencodable
from fontes.corpus.search import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    TOKENIZER,
    any_of_terms,
    date_bounds,
    fts_query,
    names_pattern,
    normalise_name,
    tokens,
)
from fontes.corpus.sentence_vectors import SentenceVectors
from fontes.corpus.shingles import quotation_fingerprints
from fontes.corpus.snippets import snippet_outside_notes, without_notes
from fontes.errors import CorpusError
from fontes.model import Source

#: The schema this code writes; PRAGMA user_version of a store.
SCHEMA_VERSION = 4

#: PRAGMA application_id of a fontes store ("fnts"), to tell it from any other SQLite file.
APPLICATION_ID = 0x666E7473

#: bm25 weights of the FTS columns: a word in the title counts most, one in a note least.
RANK = "bm25(5.0, 1.0, 0.5, 2.0)"

#: The index of the sources by date (for date filters); an add into an empty store builds it at its end.
_DATE_INDEX = "sources_by_date"
_DATE_INDEX_SQL = f"CREATE INDEX {_DATE_INDEX} ON sources (date_earliest, date_latest)"

_SCHEMA_V1 = f"""
CREATE TABLE sources (
    doc           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    date          TEXT,                    -- EDTF as given
    date_earliest TEXT,                    -- ISO day, for range filters
    date_latest   TEXT,
    authors       TEXT NOT NULL DEFAULT '[]',   -- JSON list of names
    recipients    TEXT NOT NULL DEFAULT '[]',
    archive       TEXT NOT NULL DEFAULT '',
    archive_ref   TEXT NOT NULL DEFAULT '',
    url           TEXT NOT NULL DEFAULT '',
    doc_type      TEXT NOT NULL DEFAULT '',
    language_note TEXT NOT NULL DEFAULT '',
    credibility   REAL NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    summary       TEXT NOT NULL DEFAULT '',
    place         TEXT NOT NULL DEFAULT '',
    text_complete INTEGER,                 -- 1, 0, or NULL when unknown
    mirror_urls   TEXT NOT NULL DEFAULT '[]',
    origin        TEXT NOT NULL DEFAULT '',
    ingested_at   TEXT NOT NULL
);
{_DATE_INDEX_SQL};
CREATE TABLE texts (doc INTEGER PRIMARY KEY REFERENCES sources (doc), text TEXT NOT NULL);
CREATE TABLE notes (doc INTEGER PRIMARY KEY REFERENCES sources (doc), notes TEXT NOT NULL);
CREATE TABLE pages (
    doc    INTEGER NOT NULL REFERENCES sources (doc),
    seq    INTEGER NOT NULL,
    offset INTEGER NOT NULL,
    page   TEXT NOT NULL,
    PRIMARY KEY (doc, seq)
);
CREATE VIEW search_content AS
    SELECT s.doc AS doc, s.title AS title, t.text AS text, coalesce(n.notes, '') AS notes,
           s.summary AS summary
    FROM sources s JOIN texts t ON t.doc = s.doc LEFT JOIN notes n ON n.doc = s.doc;
CREATE VIRTUAL TABLE search USING fts5 (
    title, text, notes, summary,
    content = 'search_content', content_rowid = 'doc', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search (search, rank) VALUES ('rank', '{RANK}');
"""

#: Schema 3: the same full-text index, its words stemmed (TOKENIZER), rebuilt from the stored texts.
_SEARCH_WITH_STEMS = [
    "DROP TABLE search",
    f"""CREATE VIRTUAL TABLE search USING fts5 (
    title, text, notes, summary,
    content = 'search_content', content_rowid = 'doc', tokenize = '{TOKENIZER}'
)""",
    f"INSERT INTO search (search, rank) VALUES ('rank', '{RANK}')",
    "INSERT INTO search (search) VALUES ('rebuild')",
]


#: Schema 4: each document's language, and the index of the words the English one cannot find
#: (Han character pairs, Russian stems: languages.native_terms), its rowid the document number.
_NATIVE_SEARCH = [
    "ALTER TABLE sources ADD COLUMN language TEXT NOT NULL DEFAULT ''",
    "CREATE VIRTUAL TABLE native_search USING fts5 (terms, tokenize = 'unicode61 remove_diacritics 0')",
]


def _fill_languages(db: sqlite3.Connection) -> None:
    """Schema 4 on a store written before it: every stored text's language and native terms."""
    last = 0
    while True:  # a thousand documents at a time, so memory stays flat in a large store
        rows = db.execute(
            "SELECT s.doc, s.title, t.text FROM sources s JOIN texts t ON t.doc = s.doc "
            "WHERE s.doc > ? ORDER BY s.doc LIMIT 1000",
            (last,),
        ).fetchall()
        if not rows:
            return
        db.executemany(
            "UPDATE sources SET language = ? WHERE doc = ?", [(text_language(t), d) for d, _, t in rows]
        )
        native = [(doc, native_terms(f"{title}\n{text}")) for doc, title, text in rows]
        db.executemany("INSERT INTO native_search (rowid, terms) VALUES (?, ?)", [n for n in native if n[1]])
        last = rows[-1][0]


def _statements(script: str) -> list[str]:
    """Split a schema script into statements (executescript would commit mid-transaction)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements


#: Schema version -> the statements that bring a store from the version before it to this one.
#: A step is an SQL statement or a function of the connection; each version's steps run in
#: one transaction. 2: the shingle index of `candidates`, built from the stored texts.
#: 3: search by word stems. 4: languages, and search in Chinese and Russian.
MIGRATIONS: dict[int, list[str | Callable[[sqlite3.Connection], None]]] = {
    1: [*_statements(_SCHEMA_V1)],
    2: [shingle_index.SCHEMA, shingle_index.rebuild],
    3: [*_SEARCH_WITH_STEMS],
    4: [*_NATIVE_SEARCH, _fill_languages],
}

_SOURCE_COLUMNS = (*SOURCE_COLUMNS, "ingested_at")
_LOW_HALF, _HALF = np.uint64(0xFFFFFFFF), np.uint64(32)

#: Words in more than this share of documents (or this many) are left out of candidate
#: queries unless nothing rarer is left: they select nothing and make the query slow.
_COMMON_SHARE = 0.2
_COMMON_CAP = 1000
#: Shingles in more documents than this are not counted for candidates (they say little and
#: reading their documents is slow); a document sharing fewer than _MIN_SHARED_SHINGLES of
#: a quotation's shingles, or under _KEEP_SHARE of what the best shares, is not a candidate.
_COMMON_SHINGLE_DOCS = 1000
_MIN_SHARED_SHINGLES = 2
_KEEP_SHARE = 0.6
#: When the best document shares at least this share of the quotation's shingles, the
#: quotation is (nearly) verbatim there and the rarest words are not needed.
_DECISIVE_SHARE = 0.5
#: A quotation's longest distinct words examined, and its rarest words queried.
_WORDS_EXAMINED = 40
_CANDIDATE_TERMS = 12
_SNIPPET_TOKENS = 16
#: Ids looked up in one query (SQLite allows 999 parameters in old builds).
_IDS_PER_QUERY = 500
_LISTING_SNIPPET_CHARS = 160
#: One `add` writes its documents this many characters of text (or documents) at a time.
_BATCH_CHARS = 8_000_000
_BATCH_DOCS = 5_000
#: Bytes of new terms the full-text index gathers before it writes them as a segment (FTS5's
#: `hashsize`, 1 MB by default): a large add writes and merges fewer, larger segments (about
#: 7 % less CPU for the writer of a 100,000-document ingest), for some 20 MB more memory.
_SEARCH_PENDING_BYTES = 16 << 20


@dataclass(frozen=True)
class Hit:
    """One search result; `snippet` marks matched words with [[ ]] and `score` is higher for better."""

    id: str
    title: str
    date: str | None
    authors: list[str]
    recipients: list[str]
    score: float
    snippet: str


@dataclass(frozen=True)
class AddCounts:
    """How many documents one `add` created, how many it replaced, and how many it found as stored."""

    added: int
    updated: int
    unchanged: int = 0


class Store:
    """The corpus: open or create it with `Store(path)`; use it as a context manager to close it."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self._sentence_vectors: SentenceVectors | None = None
        if str(path) != ":memory:":
            if self.path.is_dir():
                raise CorpusError(
                    "is a folder, not a corpus store", file=str(self.path), hint="give the path of a .db file"
                )
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise CorpusError(
                    f"cannot create its folder: {exc.strerror}",
                    file=str(self.path),
                    hint="give another --db path, or set FONTES_DB",
                ) from None
        try:
            self._db = sqlite3.connect(str(path), isolation_level=None, timeout=10.0)
        except sqlite3.Error as exc:
            raise CorpusError(f"cannot open the corpus store: {exc}", file=str(self.path)) from None
        self._db.create_function("fontes_names_match", 2, _names_match_sql, deterministic=True)
        self._shingles = shingle_index.ShingleWriter(self._db)
        try:
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA synchronous = FULL")
            self._migrate()
        except sqlite3.OperationalError as exc:  # locked, read-only, unreadable
            self._db.close()
            raise CorpusError(f"cannot open the corpus store: {exc}", file=str(self.path)) from None
        except sqlite3.DatabaseError as exc:  # "file is not a database", a damaged file
            self._db.close()
            raise CorpusError(
                f"is not a fontes corpus store ({exc})",
                file=str(self.path),
                hint="give another --db path, or move this file away",
            ) from None
        except CorpusError:
            self._db.close()
            raise

    def sentence_vectors(self, model) -> SentenceVectors:
        """Every sentence's vector (sentence_vectors.py): the saved ones when current, else built
        now in one pass; then kept (memory-mapped) while this store is open."""
        if self._sentence_vectors is None:
            self._sentence_vectors = SentenceVectors.for_store(self, model)
        return self._sentence_vectors

    def closest_in_meaning(self, text: str, model, limit: int, tried: Iterable[str] = ()) -> list[str]:
        """Ids of the documents whose sentences are closest in meaning to `text`, best first,
        leaving out `tried`. Every sentence of the corpus is a candidate (sentence_vectors.py:
        exactly in a small corpus, after a ranking by signs in a large one), not only those of
        the documents sharing the text's words: a restatement seldom shares its rare words."""
        vectors = self.sentence_vectors(model)
        skipped = set(self._numbers(list(tried)).values())
        found = vectors.nearest(model.embed([text])[0], limit + len(skipped))
        numbers = [n for n, _ in found if n not in skipped][:limit]
        if not numbers:
            return []
        ids = dict(
            self._db.execute(
                f"SELECT doc, id FROM sources WHERE doc IN ({', '.join('?' * len(numbers))})", numbers
            )
        )
        return [ids[n] for n in numbers if n in ids]

    def numbered_texts(self) -> Iterator[tuple[int, str]]:
        """(document number, text) of every document, in the order of the numbers, read as used."""
        yield from self._db.execute("SELECT doc, text FROM texts ORDER BY doc")

    def state(self) -> tuple[int, int, int]:
        """How many documents, the sum and the largest of their numbers: what an index built
        beside the store must match (with the file's modification time) to be current."""
        count, total, largest = self._db.execute(
            "SELECT count(*), coalesce(sum(doc), 0), coalesce(max(doc), 0) FROM sources"
        ).fetchone()
        return count, total, largest

    @staticmethod
    def default_path() -> Path:
        """$FONTES_DB, else $XDG_DATA_HOME/fontes/corpus.db, else ~/.local/share/fontes/corpus.db."""
        if os.environ.get("FONTES_DB"):
            return Path(os.environ["FONTES_DB"]).expanduser()
        data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
        return Path(data_home) / "fontes" / "corpus.db"

    # -- opening ----------------------------------------------------------------------------

    def _migrate(self) -> None:
        """Create the schema in a new file, or bring an older store up to SCHEMA_VERSION."""
        app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        has_tables = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        if app_id != APPLICATION_ID and has_tables:
            raise CorpusError(
                "is an SQLite file but not a fontes corpus store",
                file=str(self.path),
                hint="give another --db path, or move this file away",
            )
        if version > SCHEMA_VERSION:
            raise CorpusError(
                f"was written by a newer fontes (store schema {version}, this fontes "
                f"reads up to {SCHEMA_VERSION})",
                file=str(self.path),
                hint="upgrade fontes (pip install -U fontes)",
            )
        for step in range(version + 1, SCHEMA_VERSION + 1):
            with self._transaction():
                for statement in MIGRATIONS[step]:
                    if callable(statement):
                        statement(self._db)
                    else:
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self._db.execute(f"PRAGMA user_version = {step}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db, self.path)

    # -- writing ----------------------------------------------------------------------------

    def add(self, docs: Iterable[Document]) -> AddCounts:
        """Add documents in ONE transaction; a document whose id is stored already replaces it.

        If anything fails (a bad document, an exception from the iterable, a killed process),
        nothing of this call remains. The iterable is read and written a batch at a time
        (each table and the search index take a batch in one statement), so memory stays flat
        however many documents it yields.
        """
        return self.add_prepared(prepare(batch) for batch in _batches(docs))

    def add_prepared(self, batches: Iterable[PreparedBatch]) -> AddCounts:
        """`add` for documents prepared already (prepared.py), perhaps by other processes."""
        self._sentence_vectors = None  # rebuilt on the next lookup by meaning
        added = updated = unchanged = 0
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._transaction():
            self._shingles.discard()  # nothing left of an add that failed
            self._gather_search_terms_in_bulk()
            largest = self._db.execute("SELECT max(doc) FROM sources").fetchone()[0] or 0
            given = _GivenNumbers(largest)
            into_empty = largest == 0
            if into_empty:  # built once from every row at the end: cheaper than row by row
                self._db.execute(f"DROP INDEX {_DATE_INDEX}")
            for batch in batches:
                counts = self._add_batch(batch, now, given)
                added, updated = added + counts.added, updated + counts.updated
                unchanged += counts.unchanged
            self._shingles.flush()
            if into_empty:
                self._db.execute(_DATE_INDEX_SQL)
        return AddCounts(added, updated, unchanged)

    def _gather_search_terms_in_bulk(self) -> None:
        """Set the full-text index's `hashsize` (kept in the store) unless it is set already."""
        pending = _SEARCH_PENDING_BYTES
        if not self._db.execute(
            "SELECT 1 FROM search_config WHERE k = 'hashsize' AND v = ?", (pending,)
        ).fetchone():
            self._db.execute("INSERT INTO search (search, rank) VALUES ('hashsize', ?)", (pending,))

    def _add_batch(self, batch: PreparedBatch, now: str, given: _GivenNumbers) -> AddCounts:
        """Write one batch inside the caller's transaction; a later document replaces one of its id.

        A document whose id an earlier batch of the same add gave counts as updated (the later
        one replaces the earlier), as it does within one batch, even when it holds the same:
        so the counts do not depend on where the batches (or a file's parts) were cut."""
        latest: dict[str, int] = {}  # id -> the place of its last document in the batch
        for index, id_ in enumerate(batch.ids()):
            latest[id_] = index
        updated = len(batch) - len(latest)  # given twice: the later one replaces the earlier
        stored = self._numbers(list(latest))
        stored_now = self._comparable(stored.values())
        unchanged = [
            id_ for id_, number in stored.items() if stored_now.get(number) == batch.comparable(latest[id_])
        ]
        repeated = sum(given.earlier(stored[id_]) for id_ in unchanged)
        updated += repeated
        given.mark(stored.values())
        for id_ in unchanged:  # stored as it is: nothing to rewrite
            del latest[id_], stored[id_]
        # Numbered before the removals: a new document must not take a replaced one's number.
        following = (self._db.execute("SELECT max(doc) FROM sources").fetchone()[0] or 0) + 1
        for replaced in stored.values():
            self._remove(replaced)
        updated += len(stored)
        numbered = []  # (number, place in the batch)
        for id_, index in latest.items():
            number = stored.get(id_)
            if number is None:
                number, following = following, following + 1
            numbered.append((number, index))
        try:
            self._insert(batch, numbered, now)
        except UnicodeEncodeError:  # a reader let half a character (a lone surrogate) through
            raise unencodable(batch) from None
        return AddCounts(len(latest) - len(stored), updated, len(unchanged) - repeated)

    def _numbers(self, ids: list[str]) -> dict[str, int]:
        """Which of these ids are stored, and under which document number."""
        found: dict[str, int] = {}
        for start in range(0, len(ids), _IDS_PER_QUERY):
            chunk = ids[start : start + _IDS_PER_QUERY]
            found.update(
                self._db.execute(
                    f"SELECT id, doc FROM sources WHERE id IN ({', '.join('?' * len(chunk))})", chunk
                )
            )
        return found

    def _comparable(self, numbers: Iterable[int]) -> dict[int, tuple]:
        """The stored documents of these numbers as `PreparedBatch.comparable` gives a new one."""
        numbers = list(numbers)
        found: dict[int, tuple] = {}
        columns = ", ".join("s." + c for c in SOURCE_COLUMNS[:ORIGIN])
        for start in range(0, len(numbers), _IDS_PER_QUERY):
            chunk = numbers[start : start + _IDS_PER_QUERY]
            marks = ", ".join("?" * len(chunk))
            pages: dict[int, list[tuple[int, str]]] = {}
            for doc, offset, page in self._db.execute(
                f"SELECT doc, offset, page FROM pages WHERE doc IN ({marks}) ORDER BY doc, seq", chunk
            ):
                pages.setdefault(doc, []).append((offset, page))
            for doc, *row, text, notes in self._db.execute(
                f"SELECT s.doc, {columns}, t.text, coalesce(n.notes, '') FROM sources s "
                "JOIN texts t ON t.doc = s.doc LEFT JOIN notes n ON n.doc = s.doc "
                f"WHERE s.doc IN ({marks})",
                chunk,
            ):
                found[doc] = (tuple(row), text, notes, tuple(pages.get(doc, ())))
        return found

    def _remove(self, doc: int) -> None:
        """Take one document out of the indexes and the tables (the indexes first: they read them)."""
        (text,) = self._db.execute("SELECT text FROM texts WHERE doc = ?", (doc,)).fetchone()
        self._shingles.remove(doc, text)
        self._db.execute(
            "INSERT INTO search (search, rowid, title, text, notes, summary) "
            "SELECT 'delete', doc, title, text, notes, summary FROM search_content WHERE doc = ?",
            (doc,),
        )
        self._db.execute("DELETE FROM native_search WHERE rowid = ?", (doc,))
        for table in ("pages", "notes", "texts", "sources"):
            self._db.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))

    def _insert(self, batch: PreparedBatch, numbered: list[tuple[int, int]], now: str) -> None:
        """Write numbered documents (number, place in the batch): each table in one statement,
        then the search index and the shingle index."""
        db = self._db
        columns = ", ".join(("doc",) + SOURCE_COLUMNS + ("ingested_at",))
        marks = ", ".join("?" * (len(SOURCE_COLUMNS) + 2))
        sources, texts, notes = batch.sources, batch.texts, batch.notes
        db.executemany(
            f"INSERT INTO sources ({columns}) VALUES ({marks})",
            [(number, *sources[i], now) for number, i in numbered],
        )
        db.executemany(
            "INSERT INTO texts (doc, text) VALUES (?, ?)", [(number, texts[i]) for number, i in numbered]
        )
        db.executemany(
            "INSERT INTO notes (doc, notes) VALUES (?, ?)",
            [(number, notes[i]) for number, i in numbered if notes[i]],
        )
        db.executemany(
            "INSERT INTO pages (doc, seq, offset, page) VALUES (?, ?, ?, ?)",
            [
                (number, seq, offset, page)
                for number, i in numbered
                for seq, (offset, page) in enumerate(batch.pages[i])
            ],
        )
        db.executemany(
            "INSERT INTO search (rowid, title, text, notes, summary) VALUES (?, ?, ?, ?, ?)",
            [(number, sources[i][TITLE], texts[i], notes[i], sources[i][SUMMARY]) for number, i in numbered],
        )
        db.executemany(
            "INSERT INTO native_search (rowid, terms) VALUES (?, ?)",
            [(number, batch.native[i]) for number, i in numbered if batch.native[i]],
        )
        if numbered and len(batch.keys):
            owners = np.zeros(len(batch), np.uint64)  # 0: not written (replaced in the batch, unchanged)
            for number, i in numbered:
                owners[i] = number
            keys = batch.keys
            numbers = owners[(keys & _LOW_HALF).astype(np.intp)]
            kept = numbers != 0
            self._shingles.add_keys((n for n, _ in numbered), (keys[kept] >> _HALF << _HALF) | numbers[kept])

    # -- reading ----------------------------------------------------------------------------

    def get(self, id: str) -> Document | None:
        """The stored document with this id, or None."""
        row = self._db.execute(
            f"SELECT s.doc, {', '.join('s.' + c for c in _SOURCE_COLUMNS)}, t.text, "
            "coalesce(n.notes, '') FROM sources s JOIN texts t ON t.doc = s.doc "
            "LEFT JOIN notes n ON n.doc = s.doc WHERE s.id = ?",
            (id,),
        ).fetchone()
        if row is None:
            return None
        number, *meta, text, notes = row
        m = dict(zip(_SOURCE_COLUMNS, meta))
        pages = [
            PageBreak(offset=o, page=p)
            for o, p in self._db.execute(
                "SELECT offset, page FROM pages WHERE doc = ? ORDER BY seq", (number,)
            )
        ]
        source = Source(
            id=m["id"],
            title=m["title"],
            date=m["date"],
            authors=json.loads(m["authors"]),
            recipients=json.loads(m["recipients"]),
            archive=m["archive"],
            archive_ref=m["archive_ref"],
            url=m["url"],
            doc_type=m["doc_type"],
            language_note=m["language_note"],
            credibility=m["credibility"],
            note=m["note"],
        )
        complete = m["text_complete"]
        return Document(
            source=source,
            text=text,
            notes=notes,
            pages=pages,
            text_complete=None if complete is None else bool(complete),
            summary=m["summary"],
            place=m["place"],
            mirror_urls=json.loads(m["mirror_urls"]),
            language=m["language"],
            origin=m["origin"],
        )

    def refuse_if_empty(self) -> None:
        """CorpusError when the store holds no document: "no hits" would mislead the reader."""
        if len(self) == 0:
            raise CorpusError(
                "the corpus is empty: no document has been ingested",
                file=str(self.path),
                hint="fontes ingest ../shared/corpus/ (or your own files)",
            )

    def documents_in_order(self) -> Iterator[tuple[str, str, str | None, str]]:
        """(id, title, date, text) of every document in the order stored, read as they are used."""
        yield from self._db.execute(
            "SELECT s.id, s.title, s.date, t.text FROM sources s JOIN texts t ON t.doc = s.doc ORDER BY s.doc"
        )

    def titles_in_order(self) -> Iterator[tuple[str, str, str | None]]:
        """(id, title, date) of every document in the order stored: the headers, without the texts."""
        yield from self._db.execute("SELECT id, title, date FROM sources ORDER BY doc")

    def ids(self) -> list[str]:
        """Every stored id, sorted."""
        return [r[0] for r in self._db.execute("SELECT id FROM sources ORDER BY id")]

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM sources").fetchone()[0]

    def __contains__(self, id: object) -> bool:
        return self._db.execute("SELECT 1 FROM sources WHERE id = ?", (id,)).fetchone() is not None

    def search(
        self,
        query: str = "",
        *,
        date_from: str | dt.date | None = None,
        date_to: str | dt.date | None = None,
        authors: Iterable[str] | None = None,
        recipients: Iterable[str] | None = None,
        archive: str | None = None,
        limit: int = 20,
    ) -> list[Hit]:
        """Ranked hits (bm25) for the plain words of `query`, filtered; no words lists by date.

        A document matches the dates when its own range overlaps [date_from, date_to];
        authors/recipients match when any given name occurs, as whole words and ignoring case,
        in one of its authors/recipients; archive matches a part of the archive's name.
        """
        where, params = self._filters(date_from, date_to, authors, recipients, archive)
        native = native_query(query or "")
        match = fts_query(without_native_words(query or "") if native else (query or ""))
        if native:
            where.append("s.doc IN (SELECT rowid FROM native_search WHERE native_search MATCH ?)")
            params.append(native)
        if match:
            sql = (  # the snippet from the text (column 1), never the curators' notes (column 2)
                "SELECT s.id, s.title, s.date, s.authors, s.recipients, -search.rank, "
                f"snippet(search, 1, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…', {_SNIPPET_TOKENS}), t.text "
                "FROM search JOIN sources s ON s.doc = search.rowid JOIN texts t ON t.doc = s.doc "
                f"WHERE search MATCH ? {''.join(' AND ' + w for w in where)} "
                "ORDER BY search.rank LIMIT ?"
            )
            params = [match, *params, limit]
        elif (query or "").strip() and not match and not native:
            return []  # only punctuation: nothing can match
        else:
            shown = "t.text" if native else f"substr(t.text, 1, {_LISTING_SNIPPET_CHARS * 2})"
            sql = (
                f"SELECT s.id, s.title, s.date, s.authors, s.recipients, 0.0, {shown}, '' "
                "FROM sources s JOIN texts t ON t.doc = s.doc "
                f"{'WHERE ' + ' AND '.join(where) if where else ''} "
                "ORDER BY s.date_earliest IS NULL, s.date_earliest, s.date_latest, s.id LIMIT ?"
            )
            params = [*params, limit]
        hits = []
        rows = self._db.execute(sql, params)
        for id_, title, date, authors_json, recipients_json, score, snippet, text in rows:
            if match:
                snippet = snippet_outside_notes(text, snippet, _LISTING_SNIPPET_CHARS)
            else:
                own = without_notes(snippet)
                snippet = _native_snippet(own, query or "") if native else _opening(own)
            hits.append(
                Hit(
                    id=id_,
                    title=title,
                    date=date,
                    authors=json.loads(authors_json),
                    recipients=json.loads(recipients_json),
                    score=float(score),
                    snippet=" ".join(snippet.split()),
                )
            )
        return hits

    @staticmethod
    def _filters(date_from, date_to, authors, recipients, archive) -> tuple[list[str], list]:
        where: list[str] = []
        params: list = []
        low, high = date_bounds(date_from, date_to)
        if low:
            where.append("s.date_latest >= ?")
            params.append(low)
        if high:
            where.append("s.date_earliest <= ?")
            params.append(high)
        for column, names in (("authors", authors), ("recipients", recipients)):
            if names is None:
                continue
            if isinstance(names, str):
                names = [names]
            pattern = names_pattern(names)
            if pattern is not None:
                where.append(f"fontes_names_match(s.{column}, ?)")
                params.append(pattern.pattern)
        if archive:
            where.append("s.archive LIKE ? ESCAPE '\\'")
            params.append("%" + re.sub(r"([%_\\])", r"\\\1", archive) + "%")
        return where, params

    def candidates(self, text: str, limit: int = 10) -> list[str]:
        """Ids of the documents most likely to hold a quotation of `text`, best first.

        The documents sharing most of the quotation's three-word shingles (shingles.py) come
        first; an ellipsis (… or ...) marks words left out, and no shingle runs across it.
        When even the best shares under half of them (OCR noise, changed words, a paraphrase,
        a quotation of two words), the documents richest in its rarest words fill the list.
        About 1 ms at 50,000 documents; ~10 ms when the words are needed.
        """
        ids, decisive = self._shingle_candidates(text, limit)
        if decisive:
            return ids
        return (ids + [id_ for id_ in self._word_candidates(text, limit) if id_ not in ids])[:limit]

    def _shingle_candidates(self, text: str, limit: int) -> tuple[list[str], bool]:
        """The documents sharing most of the quotation's shingles, and whether the best shares most."""
        docs, counts, counted = shingle_index.shared_shingles(
            self._db, quotation_fingerprints(text), common=_COMMON_SHINGLE_DOCS
        )
        if not len(docs):
            return [], False
        best = int(counts[0])
        enough = max(min(_MIN_SHARED_SHINGLES, counted), _KEEP_SHARE * best)
        numbers = docs[counts >= enough][:limit].tolist()
        found = (
            dict(
                self._db.execute(
                    f"SELECT doc, id FROM sources WHERE doc IN ({', '.join('?' * len(numbers))})", numbers
                )
            )
            if numbers
            else {}
        )
        return [found[n] for n in numbers if n in found], bool(numbers) and best >= _DECISIVE_SHARE * counted

    def _word_candidates(self, text: str, limit: int) -> list[str]:
        """The documents richest in the quotation's rarest words: an FTS5 OR ranked by bm25.

        Words in more than a fifth of the documents (or 1,000) select nothing and are left
        out; in a small store, the three rarest are used when nothing rarer is left.
        """
        words = sorted(dict.fromkeys(tokens(text)), key=len, reverse=True)[:_WORDS_EXAMINED]
        if not words:
            return []
        documents = self._db.execute("SELECT max(doc) FROM sources").fetchone()[0] or 0  # ~len(self), fast
        common = max(1, min(_COMMON_CAP, int(_COMMON_SHARE * documents)))
        counts = {w: self._count_in_text(w, cap=common + 1) for w in words}
        present = sorted((w for w in words if counts[w]), key=lambda w: counts[w])
        chosen = [w for w in present if counts[w] <= common][:_CANDIDATE_TERMS]
        if not chosen and common < _COMMON_CAP:  # ranking a few common words is cheap only here
            chosen = present[:3]
        if not chosen:
            return []
        rows = self._db.execute(
            "SELECT s.id FROM search JOIN sources s ON s.doc = search.rowid "
            "WHERE search MATCH ? ORDER BY search.rank LIMIT ?",
            (any_of_terms(chosen, column="text"), limit),
        )
        return [r[0] for r in rows]

    def _count_in_text(self, term: str, cap: int) -> int:
        """How many documents have `term` in their text, counted up to `cap` (so it stays fast)."""
        return self._db.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search WHERE search MATCH ? LIMIT ?)",
            (any_of_terms([term], column="text"), cap),
        ).fetchone()[0]

    def check(self) -> None:
        """Raise CorpusError when the full-text index disagrees with the tables."""
        try:
            self._db.execute("INSERT INTO search (search, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            raise CorpusError(
                f"the search index is damaged: {exc}",
                file=str(self.path),
                hint="re-ingest the sources into a new store",
            ) from None


INGEST_HINT = "load the archive first with fontes ingest ../shared/corpus/, or give --db PATH"


def open_corpus(path: str | os.PathLike[str] | None = None, *, create: bool = False) -> Store:
    """The corpus store at `path` (default: $FONTES_DB, else the user's data folder).

    Only a command that adds documents passes `create`; any other gets a CorpusError naming
    the path and the command to run, and no file is made.
    """
    where = Path(path) if path is not None else Store.default_path()
    if not create and str(where) != ":memory:" and not where.exists():
        raise CorpusError("no corpus store here", file=str(where), hint=INGEST_HINT)
    return Store(where)


def corpus_if_any(path: str | os.PathLike[str] | None = None) -> Path | None:
    """For the views a corpus only enriches (the HTML report, the web app): the store at `path`
    (which must exist), else the default store when there is one, else None."""
    if path is None and not Store.default_path().is_file():
        return None
    with open_corpus(path) as store:  # refuses a missing file, or one that is not a store
        return Path(store.path)


def _same_document(stored: Document | None, new: Document) -> bool:
    """Whether `new` holds exactly what is stored already; where it was read from does not count
    (the same documents in a moved or renamed file are unchanged)."""
    return stored is not None and stored.model_copy(update={"origin": new.origin}) == new


def _batches(docs: Iterable[Document]) -> Iterator[list[Document]]:
    """The documents in lists of about _BATCH_CHARS characters of text (or _BATCH_DOCS documents)."""
    batch: list[Document] = []
    chars = 0
    for doc in docs:
        if not isinstance(doc, Document):
            raise TypeError(f"Store.add takes Documents, not {type(doc).__name__}")
        batch.append(doc)
        chars += len(doc.text)
        if chars >= _BATCH_CHARS or len(batch) >= _BATCH_DOCS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _native_snippet(text: str, query: str) -> str:
    """The passage around the first word of a Chinese or Russian query, marked as FTS5 marks hits."""
    for word in query.split():
        at = text.find(word) if word.strip() else -1
        if at < 0:
            at = text.lower().find(word.lower()[: max(3, len(word) - 2)])  # a Russian word by its stem
            if at < 0:
                continue
            end = at
            while end < len(text) and text[end].isalnum():  # to the end of the inflected word
                end += 1
        else:
            end = at + len(word)
        low = max(0, at - _LISTING_SNIPPET_CHARS // 2)
        return (
            ("…" if low else "")
            + text[low:at]
            + f"{HIGHLIGHT_START}{text[at:end]}{HIGHLIGHT_END}"
            + text[end : end + _LISTING_SNIPPET_CHARS // 2]
            + "…"
        )
    return _opening(text)


def _opening(text: str) -> str:
    """The first words of a text for a listing, cut at a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= _LISTING_SNIPPET_CHARS:
        return flat
    return flat[:_LISTING_SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _names_match_sql(names_json: str, pattern: str) -> int:
    """SQL function: 1 when a JSON list of names holds one matching the (normalised) pattern."""
    regex = _compiled(pattern)
    return int(any(regex.search(normalise_name(n)) for n in json.loads(names_json)))


class _GivenNumbers:
    """Which stored documents one add has given already: those it numbered (above the largest
    number stored when it began) and the older ones it found stored, a byte per older number."""

    def __init__(self, largest_before: int):
        self._largest_before = largest_before
        self._older = np.zeros(largest_before + 1, np.bool_)

    def earlier(self, number: int) -> bool:
        """Whether this add gave the document of this number in an earlier batch."""
        return number > self._largest_before or bool(self._older[number])

    def mark(self, numbers: Iterable[int]) -> None:
        """Note the stored documents a batch gave (found unchanged or replaced)."""
        older = [n for n in numbers if n <= self._largest_before]
        if older:
            self._older[older] = True


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception; sqlite errors become CorpusError."""

    def __init__(self, db: sqlite3.Connection, path: Path):
        self._db, self._path = db, path

    def __enter__(self) -> None:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            hint = "another fontes is writing to it; try again" if "locked" in str(exc) else None
            raise CorpusError(
                f"cannot write to the corpus store: {exc}", file=str(self._path), hint=hint
            ) from None

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self._db.execute("COMMIT")
            return
        self._db.execute("ROLLBACK")
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.IntegrityError):
            raise CorpusError(f"the corpus store failed: {exc}", file=str(self._path)) from exc
