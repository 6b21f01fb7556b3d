"""Documents made ready for the store: the rows of each table and the shingle fingerprints.

Preparing is the part of an add that needs no database (a source's row with its date bounds,
the page breaks as tuples, the fingerprints of the texts), so a worker process can do it
beside the one process that writes; `Store.add_prepared` then only numbers and writes rows.
A PreparedBatch holds plain tuples, strings and one numpy array: cheap to send between
processes, and far fewer Python objects than Documents.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from fontes.corpus.document import Document
from fontes.corpus.languages import native_terms, text_language
from fontes.corpus.shingle_index import document_keys
from fontes.dates import parse_date
from fontes.errors import CorpusError, DateError

#: The `sources` columns a document fills, in the order of a prepared row; the store adds
#: `ingested_at` when it writes.
SOURCE_COLUMNS = (
    "id",
    "title",
    "date",
    "date_earliest",
    "date_latest",
    "authors",
    "recipients",
    "archive",
    "archive_ref",
    "url",
    "doc_type",
    "language_note",
    "credibility",
    "note",
    "summary",
    "place",
    "text_complete",
    "mirror_urls",
    "language",
    "origin",
)
TITLE, SUMMARY, ORIGIN = (SOURCE_COLUMNS.index(c) for c in ("title", "summary", "origin"))


@dataclass
class PreparedBatch:
    """Rows of documents in the order read (a later one of an id replaces an earlier one).

    `keys` are `document_keys` whose document numbers are the documents' places in this
    batch (0, 1, ...): the store puts their real numbers in when it has chosen them.
    `failed` holds a line for each record of the batch's part of the file that could not be read.
    """

    sources: list[tuple] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pages: list[tuple[tuple[int, str], ...]] = field(default_factory=list)
    #: Each document's terms for the native index (languages.native_terms; '' for most).
    native: list[str] = field(default_factory=list)
    keys: np.ndarray = field(default_factory=lambda: np.empty(0, np.uint64))
    failed: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.sources)

    def ids(self) -> list[str]:
        return [row[0] for row in self.sources]

    def comparable(self, index: int) -> tuple:
        """What must equal the stored document for this one to count as unchanged (not its origin)."""
        return self.sources[index][:ORIGIN], self.texts[index], self.notes[index], self.pages[index]


def source_row(doc: Document) -> tuple:
    """The `sources` columns of a document (SOURCE_COLUMNS), its date checked and bounded."""
    source = doc.source
    earliest = latest = None
    if source.date:
        try:
            parsed = parse_date(source.date)
        except DateError as exc:
            raise CorpusError(exc.message, file=doc.origin or None, field="date", hint=exc.hint) from None
        earliest, latest = parsed.earliest.isoformat(), parsed.latest.isoformat()
    return (
        source.id,
        source.title,
        source.date,
        earliest,
        latest,
        _json_list(source.authors),
        _json_list(source.recipients),
        source.archive,
        source.archive_ref,
        source.url,
        source.doc_type,
        source.language_note,
        source.credibility,
        source.note,
        doc.summary,
        doc.place,
        None if doc.text_complete is None else int(doc.text_complete),
        _json_list(doc.mirror_urls),
        doc.language or text_language(doc.text),
        doc.origin,
    )


def _json_list(values: list[str]) -> str:
    """A list of names as the JSON the store keeps ("[]" without calling the encoder: most are empty)."""
    return json.dumps(values, ensure_ascii=False) if values else "[]"


def prepare(docs: Sequence[Document], failed: list[str] | None = None) -> PreparedBatch:
    """The rows and fingerprints of these documents (CorpusError for a date that is not EDTF)."""
    batch = PreparedBatch(failed=list(failed or []))
    for doc in docs:
        row = source_row(doc)
        batch.sources.append(row)
        batch.native.append(native_terms(f"{row[TITLE]}\n{doc.text}"))
        batch.texts.append(doc.text)
        batch.notes.append(doc.notes)
        batch.pages.append(tuple((p.offset, p.page) for p in doc.pages))
    if docs:
        batch.keys = document_keys(enumerate(batch.texts))
    return batch


def unencodable(batch: PreparedBatch) -> CorpusError:
    """The error naming the first document that holds text SQLite cannot store as UTF-8."""
    for row, text, notes, pages in zip(batch.sources, batch.texts, batch.notes, batch.pages):
        texts = [v for v in row if isinstance(v, str)] + [text, notes] + [page for _, page in pages]
        try:
            for value in texts:
                value.encode("utf-8")
        except UnicodeEncodeError:
            return CorpusError(
                "holds half a character (an unpaired surrogate)",
                file=row[ORIGIN] or None,
                field=row[0],
                hint="fix or remove the \\ud800-\\udfff escape in the source file",
            )
    return CorpusError("holds text that cannot be stored as UTF-8", hint="check the file's encoding")
