"""The dated things an essay's sentences can refer to: the case's sources and events, and the corpus.

Which documents exist, their days, senders and recipients come from the audit's one `Catalogue`;
a record adds what the date and name checks compare (kinds, names, words).

Each becomes a `DatedRecord`: its date, who wrote and received it or took part, who it names,
what kind of thing it is (a message, a meeting, a speech, a decision, a report), whether it is a
draft, and its words (title, archive summary, text, the case's anchored quotations of it).
The case's notes are left out of the words: they comment on essays, and an essay's own words
must never make a record look like the one it describes.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fontes.audit.evidence.catalogue import Catalogue, Known
from fontes.audit.evidence.words import content_stems, near_pairs
from fontes.audit.lexicon.document_kinds import KIND_FAMILIES, TITLE_KINDS
from fontes.dates import parse_date_or_none
from fontes.model import Case, Event

if TYPE_CHECKING:
    from fontes.corpus.document import Document

_DRAFT = re.compile(r"\bdraft\b", re.IGNORECASE)
_QUOTED = re.compile(r"[“\"]([^”\"]{20,})[”\"]|(?<!\w)'(.{20,}?[.!?])'(?!\w)|(?<!\w)'([^']{20,})'(?!\w)")
_NOTE_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z'\"“])")


@dataclass
class DatedRecord:
    """A source or an event of the case, or a corpus document, as the date and name checks see it."""

    id: str
    origin: str  # "source" (of the case), "event" (of the case) or "corpus"
    title: str
    date: str
    earliest: dt.date
    latest: dt.date
    uncertain: bool
    authors: frozenset[str] = frozenset()
    recipients: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()  # everyone taking part: authors, recipients, event actors
    named: frozenset[str] = frozenset()  # actors its words name
    kinds: frozenset[str] = frozenset()
    draft: bool = False
    text: str = ""  # its own words, to quote: the corpus text, else the case's quotations of it
    summary: str = ""  # the archive's summary, or the event's summary
    url: str = ""
    credibility: float = 0.9
    sources: tuple[str, ...] = ()  # an event's sources
    events: tuple[str, ...] = ()  # the events a source belongs to
    stems: Counter = field(default_factory=Counter)
    passages: list = field(default_factory=list)  # (stems, near pairs) of each window of two sentences

    @property
    def is_day(self) -> bool:
        return self.earliest == self.latest

    @property
    def involved(self) -> frozenset[str]:
        return self.actors | self.named

    def on(self, earliest: dt.date, latest: dt.date) -> bool:
        """True when the record could be of the essay's day(s)."""
        return self.earliest <= latest and earliest <= self.latest


_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z“\"\[(‘'])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Cde|Cdes|Mr|Mrs|Dr|No|Nos|Gen|Genl|Col|Lt|St|Vol|pp?|cf|ca|Ed)|\b[A-Z])\.$"
)


def own_sentences(text: str) -> list[str]:
    """A record's text as sentences: lines first, then full stops (not after "Cde." or an initial)."""
    sentences: list[str] = []
    for line in (text or "").splitlines():
        line = " ".join(line.split())
        start = 0
        for m in _SENTENCE_END.finditer(line):
            if _ABBREVIATION.search(line[: m.start()]):
                continue
            sentences.append(line[start : m.start()])
            start = m.end()
        if line[start:]:
            sentences.append(line[start:])
    return [s for s in sentences if s.strip()]


def _passages(*texts: str) -> list[tuple[frozenset[str], set[frozenset[str]]]]:
    """Each window of two sentences of each text, as its stems and its near pairs."""
    found = []
    for text in texts:
        sentences = own_sentences(text)
        for i in range(len(sentences)):
            stems = content_stems(" ".join(sentences[i : i + 2]))
            if stems:
                found.append((frozenset(stems), near_pairs(stems)))
    return found


def _kinds(kind: str, title: str) -> frozenset[str]:
    families = set(KIND_FAMILIES.get(kind.lower(), frozenset()))
    for pattern, family in TITLE_KINDS:
        if pattern.search(title):
            families |= family
    return frozenset(families)


def _note_quotations(note: str) -> list[str]:
    """Passages a note quotes from its document, leaving out every sentence about an essay."""
    kept = [s for s in _NOTE_SENTENCE.split(note or "") if "essay" not in s.lower()]
    return [next(g for g in groups if g) for s in kept for groups in _QUOTED.findall(s)]


#: At most this many corpus documents are taken from one date query.
POOL_LIMIT = 300


class Records:
    """The dated records of a case (and, asked by date, of its corpus), with the rarity of each word."""

    def __init__(self, case: Case, catalogue: Catalogue):
        self.case = case
        self.catalogue = catalogue
        self.index = catalogue.index
        self.items: list[DatedRecord] = []
        self.by_id: dict[str, DatedRecord] = {}
        quotes: dict[str, list[str]] = {}
        for item in case.evidence:
            quotes.setdefault(item.source, []).append(item.quote)
        memberships: dict[str, list[str]] = {}
        for event in case.events:
            for source_id in event.sources:
                memberships.setdefault(source_id, []).append(event.id)
        for known in catalogue.all_case():
            self._add(
                self._from_source(
                    known,
                    catalogue.document(known.id),
                    quotes.get(known.id, []),
                    tuple(memberships.get(known.id, ())),
                    "source",
                )
            )
        for event in case.events:
            self._add(self._from_event(event))
        self._rarity()

    def _add(self, record: DatedRecord | None) -> None:
        if record is not None:
            self.items.append(record)
            self.by_id[record.id] = record

    def around(self, earliest: dt.date, latest: dt.date) -> list[DatedRecord]:
        """The records that could be of these days: the case's, and the corpus's other documents
        (asked of the store by date, so a corpus of any size costs one query)."""
        found = [r for r in self.items if r.on(earliest, latest)]
        for doc_id in self.catalogue.corpus_on_dates(earliest, latest, POOL_LIMIT):
            record = self.by_id.get(doc_id)
            if record is None:
                known, document = self.catalogue.get(doc_id), self.catalogue.document(doc_id)
                record = self._from_source(known, document, [], (), "corpus") if known and document else None
                if record is None:
                    continue
                self.by_id[record.id] = record
            if record.origin == "corpus" and record.on(earliest, latest):
                found.append(record)
        return found

    def _from_source(
        self, known: Known, document: Document | None, quotes: list[str], events: tuple[str, ...], origin: str
    ) -> DatedRecord | None:
        """The record of a source the catalogue knows; None when it has no date."""
        source = known.source
        if known.days is None or source.date is None:
            return None
        text = document.text if document is not None else " … ".join(quotes + _note_quotations(source.note))
        summary = document.summary if document is not None else ""
        authors, recipients = known.authors, known.recipients
        words = " ".join([source.title, summary, text, *quotes])
        record = DatedRecord(
            id=source.id,
            origin=origin,
            title=source.title,
            date=source.date,
            earliest=known.days[0],
            latest=known.days[1],
            uncertain=known.uncertain,
            authors=authors,
            recipients=recipients,
            actors=authors | recipients,
            named=frozenset(m.actor for m in self.index.mentions(words)),
            kinds=_kinds(source.doc_type, source.title),
            draft=bool(_DRAFT.search(source.title)),
            text=text,
            summary=summary,
            url=source.url,
            credibility=source.credibility,
            events=events,
        )
        record.stems = Counter(content_stems(words))
        record.passages = _passages(source.title, summary, text, *quotes)
        return record

    def _from_event(self, event: Event) -> DatedRecord | None:
        parsed = parse_date_or_none(event.date)
        if parsed is None:
            return None
        first = re.split(r"(?<=[.!?])\s", event.summary, maxsplit=1)[0]
        record = DatedRecord(
            id=event.id,
            origin="event",
            title=first,
            date=event.date,
            earliest=parsed.earliest,
            latest=parsed.latest,
            uncertain=parsed.uncertain or parsed.approximate,
            actors=frozenset(a for a in event.actors if a in self.index.actors),
            named=frozenset(m.actor for m in self.index.mentions(event.summary)),
            kinds=KIND_FAMILIES.get(event.kind.lower(), frozenset()),
            text=event.summary,
            summary=event.summary,
            sources=tuple(event.sources),
            credibility=min(
                (self.by_id[s].credibility for s in event.sources if s in self.by_id), default=0.9
            ),
        )
        record.stems = Counter(content_stems(event.summary))
        record.passages = _passages(event.summary)
        return record

    def _rarity(self) -> None:
        counts: Counter = Counter()
        for record in self.items:
            counts.update(set(record.stems))
        total = max(1, len(self.items))
        self._idf = {word: math.log((total + 1) / (n + 0.5)) for word, n in counts.items()}
        ordered = sorted(self._idf.values())
        self._unseen = ordered[len(ordered) // 2] if ordered else 1.0  # a word the case never uses: middling

    def rarity(self, word: str) -> float:
        """How rare a stem is among the records (inverse document frequency)."""
        return self._idf.get(word, self._unseen)

    def similarity(self, stems: list[str], record: DatedRecord) -> float:
        """How much of a sentence's content one passage of a record shares: its rare words, and
        more for words that stand near each other in both (a shared phrase)."""
        return max((self._passage_score(stems, passage) for passage in record.passages), default=0.0)

    def _passage_score(self, stems: list[str], passage) -> float:
        words, pairs = passage
        score = sum(self.rarity(w) for w in set(stems) if w in words)
        score += sum(sum(self.rarity(w) for w in pair) / 2 for pair in near_pairs(stems) & pairs)
        return score

    def shared_words(self, stems: list[str], record: DatedRecord) -> list[str]:
        """The sentence's words found in the record's best passage, rarest first."""
        if not record.passages:
            return []
        best = max(record.passages, key=lambda p: self._passage_score(stems, p))
        return sorted({w for w in stems if w in best[0]}, key=lambda w: -self.rarity(w))
