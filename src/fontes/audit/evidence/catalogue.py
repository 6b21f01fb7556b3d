"""The documents an audit can name: the case's sources and the corpus's, looked up by id, date or words.

The one index of documents: it decides which exist (the case's first, then the corpus's), and
reads each one's dates and its senders and recipients (as actor ids) once; the dated records
and the document matching take them from here. It is also the one place the audit reads the
corpus: the case is small and read whole; the corpus is only queried (by id, by date, by words),
each stored document fetched once, so the audit stays fast on a corpus of any size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fontes.dates import format_date, parse_date_or_none
from fontes.model import Source

if TYPE_CHECKING:
    from fontes.audit.evidence.actor_names import ActorIndex
    from fontes.corpus import Store
    from fontes.corpus.document import Document

#: At most this many corpus documents are taken from one date or word query.
POOL_LIMIT = 60


@dataclass(frozen=True)
class Known:
    """A source as the audit knows it: its metadata, its days, its senders and recipients (actor
    ids), whether the corpus holds its text, and if whole."""

    source: Source
    in_corpus: bool = False
    text_complete: bool | None = None
    days: tuple[dt.date, dt.date] | None = None  # earliest and latest day; None when undated
    uncertain: bool = False  # the date is marked uncertain or approximate
    authors: frozenset[str] = frozenset()
    recipients: frozenset[str] = frozenset()
    language: str = ""  # of the stored copy (ISO 639-1; '' when unknown)
    characters: int = 0  # the stored copy's length

    @property
    def id(self) -> str:
        return self.source.id


@dataclass
class Catalogue:
    """Sources by id, from the case first and then the corpus store (when there is one)."""

    case_sources: dict[str, Source]
    index: ActorIndex  # reads the senders' and recipients' names as actor ids
    store: Store | None = None
    _known: dict[str, Known | None] = field(default_factory=dict)
    _documents: dict[str, Document | None] = field(default_factory=dict)

    def get(self, source_id: str) -> Known | None:
        if source_id not in self._known:
            self._known[source_id] = self._lookup(source_id)
        return self._known[source_id]

    def document(self, source_id: str) -> Document | None:
        """The stored corpus document of this id (fetched once), or None."""
        if self.store is None:
            return None
        if source_id not in self._documents:
            self._documents[source_id] = self.store.get(source_id)
        return self._documents[source_id]

    def corpus_on_dates(self, earliest: dt.date, latest: dt.date, limit: int) -> list[str]:
        """Ids of up to `limit` corpus documents whose dates overlap [earliest, latest] (one store query)."""
        if self.store is None:
            return []
        return [h.id for h in self.store.search("", date_from=earliest, date_to=latest, limit=limit)]

    def _lookup(self, source_id: str) -> Known | None:
        document = self.document(source_id)
        in_case = self.case_sources.get(source_id)
        if document is None:
            return self._known_as(in_case, False, None) if in_case else None
        # The corpus's metadata for a corpus document; the case's (with actor ids) when it has one.
        return self._known_as(
            in_case or document.source, True, document.text_complete, document.language, len(document.text)
        )

    def _known_as(
        self,
        source: Source,
        in_corpus: bool,
        text_complete: bool | None,
        language: str = "",
        characters: int = 0,
    ) -> Known:
        parsed = parse_date_or_none(source.date)
        return Known(
            source,
            in_corpus=in_corpus,
            text_complete=text_complete,
            language=language,
            characters=characters,
            days=(parsed.earliest, parsed.latest) if parsed else None,
            uncertain=bool(parsed and (parsed.uncertain or parsed.approximate)),
            authors=self.index.parties(source.authors),
            recipients=self.index.parties(source.recipients),
        )

    def text(self, source_id: str) -> str | None:
        """The stored text of a corpus document, or None."""
        document = self.document(source_id)
        return document.text if document is not None else None

    def on_dates(self, earliest: dt.date, latest: dt.date) -> list[Known]:
        """Sources whose date could fall within [earliest, latest]: the case's and the corpus's."""
        ids = [k.id for k in self.all_case() if k.days and k.days[0] <= latest and earliest <= k.days[1]]
        ids += self.corpus_on_dates(earliest, latest, POOL_LIMIT)
        return [k for k in (self.get(i) for i in dict.fromkeys(ids)) if k is not None]

    def by_words(self, words: list[str], limit: int = 10) -> list[Known]:
        """Corpus documents holding all of `words`, else the longest three, else either longest one."""
        if self.store is None or not words:
            return []
        longest = sorted(dict.fromkeys(words), key=len, reverse=True)
        for query in (words, longest[:3], longest[:1], longest[1:2]):
            if not query:
                continue
            hits = self.store.search(" ".join(query), limit=limit)
            if hits:
                return [k for k in (self.get(h.id) for h in hits) if k is not None]
        return []

    def holding_phrase(self, phrase: str, limit: int = 3) -> list[Document]:
        """Up to `limit` stored corpus documents that hold `phrase` as written (one store query)."""
        if self.store is None:
            return []
        found = (self.document(h.id) for h in self.store.search(f'"{phrase}"', limit=limit))
        return [d for d in found if d is not None]

    def all_case(self) -> list[Known]:
        """The case's sources, in the case's order."""
        return [k for k in (self.get(i) for i in self.case_sources) if k is not None]


def date_bounds(date: str | None) -> tuple[dt.date, dt.date] | None:
    """The earliest and latest day of an EDTF date, or None when it has none or is invalid."""
    parsed = parse_date_or_none(date)
    return (parsed.earliest, parsed.latest) if parsed else None


def describe(source: Source) -> str:
    """A source in a few words: its title and date."""
    return f"{source.title} ({format_date(source.date)})"
