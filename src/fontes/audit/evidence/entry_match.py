"""How well a reference-list entry describes a source, and which source of the case or corpus it describes best.

entry_matches(reference, source) -> float          # 0 (another work) .. 1 (this one)
best_source_for(reference, catalogue) -> EntryMatch  # audit.described_entries holds one per entry
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from fontes.anchor.words import STOP_WORDS
from fontes.audit.evidence.catalogue import Catalogue, Known, date_bounds
from fontes.audit.evidence.entries import (
    ARCHIVAL_DOCUMENT,
    COLLECTION,
    entry_date,
    entry_day,
    entry_document,
    entry_family,
    entry_year,
    frus_documents,
    looks_scholarly,
    plain,
    same_url,
    source_family,
    title_of,
)
from fontes.audit.evidence.words import lowercase_words
from fontes.audit.reading.essay import Reference
from fontes.model import Source

#: An entry describes a source clearly from this score on, and only when no other source comes close.
CLEAR_ENTRY = 0.75
ENTRY_MARGIN = 0.1
#: Kinds of document that are scholarship, not sources.
SECONDARY_TYPES = frozenset({"article", "book", "chapter", "monograph", "thesis", "review"})


def entry_matches(reference: Reference, source: Source) -> float:
    """How well a reference-list entry describes `source`: 0 (another work) to 1 (this very document)."""
    entry = _entry_facts(
        reference.raw, reference.title, reference.date, reference.year, reference.url, reference.publisher
    )
    if entry.named:
        return 1.0 if source.id in entry.named else 0.0
    if entry.url and source.url and same_url(entry.url, source.url):
        return 1.0
    title, bounds, theirs = _source_facts(source.id, source.title, source.date, source.archive, source.url)
    score = _similarity(entry.title, title)
    if entry.year and bounds:
        score += 0.05 if bounds[0].year <= entry.year <= bounds[1].year else -0.25
    if entry.day and bounds and bounds[0].month == bounds[1].month and bounds[0].year == bounds[1].year:
        month, number = entry.day
        if month != bounds[0].month:
            score -= 0.3 if number else 0.1
        elif number is not None and bounds[0] == bounds[1]:
            score += 0.15 if number == bounds[0].day else -0.4  # many documents share a title, not a day
    if entry.family and theirs:
        score += 0.05 if entry.family == theirs else -0.3
    return max(0.0, min(1.0, score))


@dataclass(frozen=True)
class _EntryFacts:
    named: frozenset[str]
    url: str
    title: str
    year: int | None
    day: tuple[int, int | None] | None
    family: str | None


@lru_cache(maxsize=4096)
def _entry_facts(raw: str, title: str, date: str, year: int | None, url: str, publisher: str) -> _EntryFacts:
    reference = Reference(
        number=None,
        raw=raw,
        start=0,
        end=len(raw),
        title=title,
        date=date,
        year=year,
        url=url,
        publisher=publisher,
    )
    return _EntryFacts(
        frozenset(frus_documents(reference)),
        url,
        _title_key(title_of(reference)),
        entry_year(reference),
        entry_day(reference),
        entry_family(reference),
    )


@lru_cache(maxsize=65536)
def _source_facts(source_id: str, title: str, date: str | None, archive: str, url: str):
    source = Source(id=source_id, title=title, date=date, archive=archive, url=url)
    return _title_key(title), date_bounds(date), source_family(source)


def title_similarity(entry_title: str, source_title: str) -> float:
    """How far an entry's title describes a source's title (0..1): rapidfuzz token_set_ratio (with
    token_sort_ratio), or the share of the entry's words that the source's title holds when the entry
    has four or more ("Dean Acheson's 'Perimeter Speech' on Asia" for "Secretary of State Dean G.
    Acheson's speech, Crisis in Asia ..."). Titles sharing fewer than three words are compared on their
    content words whole (token_sort_ratio), so that one common word does not make a match."""
    return _similarity(_title_key(entry_title), _title_key(source_title))


def _similarity(left: str, right: str) -> float:
    if not left or not right:
        return 0.0
    entry_words = {w for w in left.split() if w not in STOP_WORDS and len(w) >= 3 and not w.isdigit()}
    shared = entry_words & set(right.split())
    if len(shared) < 3:  # compare the content words only: "from … to" is no likeness
        content = [" ".join(w for w in t.split() if w not in STOP_WORDS) for t in (left, right)]
        return fuzz.token_sort_ratio(*content) / 100
    contained = len(shared) / len(entry_words) if len(entry_words) >= 4 else 0.0
    # token_set_ratio is 100 whenever one title's words are a subset of the other's: averaged with
    # token_sort_ratio, the very title still ranks above a shorter one it contains.
    whole = (fuzz.token_set_ratio(left, right) + fuzz.token_sort_ratio(left, right)) / 200
    return max(whole, contained)


def _title_key(title: str) -> str:
    text = plain(title).casefold().replace("’", "'")
    text = re.sub(r"\bcde\b\.?", "comrade", text)
    text = re.sub(r"'s\b", "", text)
    return " ".join(re.findall(r"\w+", text))


@dataclass(frozen=True)
class EntryMatch:
    """The source an entry describes best, how well, and how well the next best."""

    known: Known | None
    score: float
    runner_up: float

    @property
    def clear(self) -> bool:
        return (
            self.known is not None
            and self.score >= CLEAR_ENTRY
            and self.score - self.runner_up >= ENTRY_MARGIN
        )


#: An entry that opens with its sender, its recipient and its day: "Mao Zedong to Zhou Enlai, 13 October 1950",
#: after its kind ("Cable, Shtykov to Gromyko, 25 June 1950").
_PARTIES_AND_DAY = re.compile(
    r"^\s*(?:[-*]\s*)?(?:\[\^?\w+\]:?|\d{1,3}\.?(?=\s))?\s*"
    r"(?:(?:[A-Z][\w.]*\s+){0,2}(?:Telegram|Cable|Letter|Memorandum|Message|Note)\b[^,]{0,20},\s*)?"
    r"(?P<sender>[A-Z][^,;:]{1,60}?)\s+to\s+(?P<recipient>(?:the\s+)?[A-Z][^,;:]{1,60}?),\s*(?P<day>\d{1,2}\s+[A-Za-z]+\.?\s+\d{4}|[A-Za-z]+\.?\s+\d{1,2},\s+\d{4})\b"
)


def source_by_parties(reference: Reference, catalogue: Catalogue) -> Known | None:
    """The one source of that day from that sender to that recipient, when the entry opens with
    them (a title in another language, or none, cannot be matched by its words)."""
    found = sources_by_parties(reference, catalogue)
    return found[0] if len(found) == 1 else None


def sources_by_parties(reference: Reference, catalogue: Catalogue) -> list[Known]:
    """Every source of the day the entry gives, from the sender to the recipient it opens with."""
    m = _PARTIES_AND_DAY.match(reference.raw)
    date = entry_date(m.group("day")) if m else None
    if m is None or date is None:
        return []
    senders = catalogue.index.parties([m.group("sender")])
    recipients = catalogue.index.parties([m.group("recipient")])
    # an office no actor is known by ("the Secretary of State") is matched in the source's title
    office = " ".join(re.sub(r"^the\s+", "", m.group("recipient"), flags=re.IGNORECASE).lower().split())
    if not senders:
        return []
    day = dt.date(*date)
    found = {
        k.id: k
        for k in catalogue.on_dates(day, day)
        if k.days == (day, day)
        and senders & k.authors
        and (recipients & k.recipients if recipients else office in " ".join(k.source.title.lower().split()))
    }
    return list(found.values())


def best_source_for(reference: Reference, catalogue: Catalogue) -> EntryMatch:
    """The source of the case or corpus that the entry describes best: the one its sender,
    recipient and day name when they name one, else the best by title, date and archive."""
    if not frus_documents(reference):
        by_parties = source_by_parties(reference, catalogue)
        if by_parties is not None:
            return EntryMatch(by_parties, 1.0, 0.0)
    pool: dict[str, Known] = {k.id: k for k in catalogue.all_case()}
    for source_id in frus_documents(reference):
        known = catalogue.get(source_id)
        if known is not None:
            pool.setdefault(known.id, known)
    words = [w for w in lowercase_words(title_of(reference)) if len(w) >= 4 and w not in STOP_WORDS]
    for known in catalogue.by_words(words):
        pool.setdefault(known.id, known)
    scored = sorted(((entry_matches(reference, k.source), k.id) for k in pool.values()), reverse=True)
    if not scored:
        return EntryMatch(None, 0.0, 0.0)
    (best, best_id), runner_up = scored[0], scored[1][0] if len(scored) > 1 else 0.0
    if best_id in frus_documents(reference):
        runner_up = 0.0  # an entry may name several FRUS documents: each is named exactly
    return EntryMatch(pool[best_id], best, runner_up)


def is_secondary(reference: Reference, match: EntryMatch) -> bool:
    """A scholar's book or article: it looks like one and describes no primary source clearly
    (an entry naming an archival document or a document collection never is one)."""
    if entry_document(reference).kind in (ARCHIVAL_DOCUMENT, COLLECTION):
        return False
    if (
        match.known is not None
        and match.score >= CLEAR_ENTRY
        and match.known.source.doc_type in SECONDARY_TYPES
    ):
        return True
    return looks_scholarly(reference) and not frus_documents(reference) and match.score < 0.6
