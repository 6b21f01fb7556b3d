"""Which documents of the case and corpus a sentence talks about, and how well a reference entry describes one.

    documents_in(sentence, paragraph, essay, context) -> [Candidate]   # best first, with reasons
    cited_document(candidates) -> Candidate | None                      # only when one clearly wins
    entry_matches(reference, source) -> float                           # 0 (another work) .. 1 (this one)

A sentence's evidence is its quotations anchored in the corpus (the strongest), the days it names
(a missing year from the essay's context), the actors it names as authors or recipients, words for
a kind of document, and rare words of a title. A sentence that continues the one before it ("He
asked:", "It states, ...") inherits that sentence's evidence; any other sentence gets half of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from fontes.anchor import Anchor, anchor_quote
from fontes.anchor.words import STOP_WORDS
from fontes.audit.context import Audit
from fontes.audit.evidence.catalogue import Known, date_bounds
from fontes.audit.evidence.date_mentions import DateMention
from fontes.audit.evidence.document_clues import TYPE_WORDS, masked, type_words_in, words_of
from fontes.audit.evidence.entries import (
    entry_day,
    entry_family,
    entry_year,
    frus_documents,
    looks_scholarly,
    plain,
    same_url,
    source_family,
    title_of,
)
from fontes.audit.evidence.restatement import Restatement, restated_in
from fontes.audit.reading.essay import Essay, Paragraph, Quotation, Reference, Sentence
from fontes.dates import format_date
from fontes.errors import FontesError
from fontes.model import Case, Source

#: Quotations shorter than this are phrases (scare quotes, titles): no evidence of a source.
MIN_QUOTE_WORDS = 6
FOUND = ("verbatim", "near-verbatim", "misquote", "paraphrase")
#: How far the winner must lead the next candidate that is also specific.
CLEAR_MARGIN = 1.5
#: An entry describes a source clearly from this score on, and only when no other source comes close.
CLEAR_ENTRY = 0.75
ENTRY_MARGIN = 0.1
#: Kinds of document that are scholarship, not sources.
SECONDARY_TYPES = frozenset({"article", "book", "chapter", "monograph", "thesis", "review"})
_ANAPHORA = frozenset({"he", "she", "it", "they", "this", "these", "that", "those", "its", "his", "her",
                       "their", "there", "such"})


@dataclass
class Candidate:
    """A document a sentence may talk about: its score and why."""

    source: str
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    anchor: Anchor | None = None  # a quotation of the sentence anchored in this document
    quotation: Quotation | None = None
    restatement: Restatement | None = None  # a quotation this document restates loosely
    dated: bool = False  # the essay names its day
    pinned: bool = False  # and one of its authors or recipients, or a rare word of its title
    direct: bool = False  # the sentence itself (or a lead-in it continues) names it, not only its kind

    @property
    def specific(self) -> bool:
        """The evidence points at this very document, not only at its day or its author."""
        return self.anchor is not None or (self.dated and (self.pinned or self.restatement is not None))

    def add(self, points: float, reason: str, direct: bool) -> None:
        self.score += points
        if reason not in self.reasons:
            self.reasons.append(reason)
        self.direct = self.direct or direct


@dataclass
class _View:
    """One stretch of essay text looked at for evidence: the sentence, or a lead-in to it."""

    sentence: Sentence
    weight: float
    direct: bool
    where: str
    days: list[tuple[DateMention, tuple]] = field(default_factory=list)  # (mention, (earliest, latest))
    actors: list = field(default_factory=list)
    kinds: dict = field(default_factory=dict)
    words: set[str] = field(default_factory=set)


def documents_in(sentence: Sentence, paragraph: Paragraph, essay: Essay, context) -> list[Candidate]:
    """The documents `sentence` talks about, best first, each with its score and reasons."""
    context = context.with_essay(essay)
    catalogue = context.catalogue
    views = [_look(_View(sentence, 1.0, True, ""), paragraph.index, context)]
    views += [_look(view, index, context) for view, index in _lead_ins(sentence, essay)]
    pool: dict[str, Known] = {}
    for view in views:
        for _, (earliest, latest) in view.days:
            for known in catalogue.on_dates(earliest, latest):
                pool.setdefault(known.id, known)
    quoted = _anchor_quotations(sentence, context)
    for anchor, _ in quoted:
        known = catalogue.get(anchor.source)
        if known is not None:
            pool.setdefault(known.id, known)
    if not pool:
        named = {m.actor for view in views for m in view.actors}
        for known in catalogue.all_case():
            if named & set().union(*_actors_of(known.source, context)):
                pool.setdefault(known.id, known)
    rare = context.rare_title_words
    found: dict[str, Candidate] = {}
    for known in pool.values():
        candidate = found.setdefault(known.id, Candidate(known.id))
        for view in views:
            _weigh(candidate, known.source, view, context, rare)
    for anchor, quotation in quoted:
        if anchor.source in found:
            _credit_anchor(found[anchor.source], anchor, quotation)
    _look_for_quotations_in_named(sentence, found, catalogue, context)
    return sorted(found.values(), key=lambda c: (-c.score, c.source))


def cited_document(candidates: list[Candidate]) -> Candidate | None:
    """The one document the sentence clearly cites, or None when no candidate clearly wins."""
    if not candidates:
        return None
    top = candidates[0]
    if not (top.specific and top.direct):
        return None
    runner_up = next((c for c in candidates[1:] if c.specific), None)
    if runner_up is not None and top.score - runner_up.score < CLEAR_MARGIN:
        return None
    return top


# -- evidence of one view ------------------------------------------------------------------------

def _look(view: _View, paragraph_index: int, context: Audit) -> _View:
    """Fill a view with what its sentence names: days (quotations and bounds left out), actors, kinds, words."""
    text = masked(view.sentence)
    for mention in context.sentence_dates.get((paragraph_index, view.sentence.index), []):
        if not mention.resolved or mention.bound:
            continue
        view.days.append((mention, (mention.earliest, mention.latest)))
        for year in mention.other_years:
            shifted = mention.shifted(year)
            if shifted:
                view.days.append((mention, shifted))
    view.actors = context.actor_index.mentions(text, view.sentence.start)
    view.kinds = type_words_in(text)
    view.words = set(words_of(text))
    return view


def _weigh(candidate: Candidate, source: Source, view: _View, context: Audit, rare: frozenset[str]) -> None:
    w, where, direct = view.weight, view.where, view.direct
    bounds = date_bounds(source.date)
    for mention, (earliest, latest) in view.days:
        if bounds is None:
            continue
        shown = mention.text + ("" if mention.year_given else f" (read as {earliest.year} from the essay)")
        if mention.is_day and bounds == (earliest, latest):
            candidate.add(2.0 * w, f"dated {format_date(source.date)}, the essay's {shown}{where}", direct)
            candidate.dated = True
        elif bounds[0] <= latest and earliest <= bounds[1] and (bounds[1] - bounds[0]).days <= 31 \
                and (latest - earliest).days <= 31:
            candidate.add(0.6 * w, f"dated {format_date(source.date)}, within the essay's {shown}{where}", direct)
    authors, recipients = _actors_of(source, context)
    for mention in view.actors:
        if mention.actor in authors:
            candidate.add(1.0 * w, f"by {mention.text}{where}", direct)
            candidate.pinned = True
        elif mention.actor in recipients:
            candidate.add(0.8 * w, f"to {mention.text}{where}", direct)
            candidate.pinned = True
    named_kind = [word for word, types in view.kinds.items() if source.doc_type in types]
    if named_kind:  # many documents of a day are telegrams: the kind adds weight, pins nothing, names nothing
        candidate.add(0.5 * w, f"a {source.doc_type} ({named_kind[0]!r}){where}", False)
    shared = sorted(view.words & _title_words(source.title) & rare)
    if shared:
        candidate.add(0.7 * w * min(2, len(shared)), f"title word {', '.join(map(repr, shared[:2]))}{where}", direct)
        candidate.pinned = True


def _actors_of(source: Source, context: Audit) -> tuple[set[str], set[str]]:
    return context.actor_ids(tuple(source.authors)), context.actor_ids(tuple(source.recipients))


def _title_words(title: str) -> set[str]:
    return {w for w in words_of(title) if len(w) >= 4 and w not in STOP_WORDS and w not in TYPE_WORDS}


def rare_title_words(case: Case) -> frozenset[str]:
    """Title words of the case's sources that few titles share (at most 2% of them, and 3 at most)."""
    counts: dict[str, int] = {}
    for source in case.sources:
        for word in _title_words(source.title):
            counts[word] = counts.get(word, 0) + 1
    actor_words = {w.lower() for a in case.actors for n in a.names() for w in re.findall(r"[A-Za-z]+", n)}
    limit = max(1, min(3, int(0.02 * len(case.sources))))
    return frozenset(w for w, n in counts.items() if n <= limit and w not in actor_words)


def _lead_ins(sentence: Sentence, essay: Essay) -> list[tuple[_View, int]]:
    """The sentences before `sentence` that introduce it (up to two; none past a marker or a heading),
    with their paragraph's index."""
    order = list(essay.sentences())
    at = next((i for i, (_, s) in enumerate(order) if s.start == sentence.start), None)
    views: list[tuple[_View, int]] = []
    weight, current, direct = 1.0, sentence, True
    while at is not None and at > 0 and len(views) < 2:
        paragraph, previous = order[at - 1]
        same_paragraph = order[at][0].index == paragraph.index
        ends_with_colon = previous.text.rstrip().endswith(":")
        if paragraph.heading or previous.markers or not (same_paragraph or ends_with_colon):
            break
        continues = ends_with_colon or _continues(current)
        weight *= 1.0 if continues else 0.5
        direct = direct and continues
        views.append((_View(previous, weight, direct, " (in the sentence before)"), paragraph.index))
        if not continues:
            break
        at, current = at - 1, previous
    return views


def _continues(sentence: Sentence) -> bool:
    """The sentence goes on from the one before: it opens with a pronoun or in lower case."""
    words = re.findall(r"[A-Za-z]+", sentence.text[:40])
    if not words:
        return False
    first = sentence.text.lstrip(" \"'“‘([")[:1]
    return words[0].lower() in _ANAPHORA or first.islower()


# -- quotations ----------------------------------------------------------------------------------

def long_quotations(sentence: Sentence) -> list[Quotation]:
    """The sentence's quotations of MIN_QUOTE_WORDS words or more."""
    return [q for q in sentence.quotations if len(re.findall(r"\w+", q.text)) >= MIN_QUOTE_WORDS]


def anchored(quote: str, context: Audit, source_id: str | None = None) -> Anchor:
    """`quote` anchored in the corpus, or in one source of it (held by the Audit: checks share the answers)."""
    if context.store is None:
        return Anchor(source=None, fidelity="not-found")
    known = context.anchors
    if (quote, source_id) not in known:
        try:
            known[(quote, source_id)] = anchor_quote(quote, context.store, source_id)
        except FontesError:
            known[(quote, source_id)] = Anchor(source=source_id, fidelity="not-found")
    return known[(quote, source_id)]


def _anchor_quotations(sentence: Sentence, context) -> list[tuple[Anchor, Quotation]]:
    found = []
    for quotation in long_quotations(sentence):
        anchor = anchored(quotation.text, context)
        if anchor.fidelity in FOUND and anchor.source:
            found.append((anchor, quotation))
    return found


def _credit_anchor(candidate: Candidate, anchor: Anchor, quotation: Quotation) -> None:
    if candidate.anchor is not None and candidate.anchor.fidelity in FOUND[:2]:
        return
    points = 2.5 if anchor.fidelity == "paraphrase" else 3.0
    candidate.anchor, candidate.quotation = anchor, quotation
    candidate.add(points, f"its quotation is {_class_words(anchor.fidelity)} of this document's words", True)


def _class_words(fidelity: str) -> str:
    return {"verbatim": "word for word", "near-verbatim": "a near-verbatim rendering",
            "misquote": "a misquotation", "paraphrase": "a paraphrase"}.get(fidelity, fidelity)


def _look_for_quotations_in_named(sentence: Sentence, found: dict[str, Candidate], catalogue, context) -> None:
    """A quotation the corpus search missed, looked for in the documents the essay's words name."""
    quotations = long_quotations(sentence)
    if not quotations or context.store is None:
        return
    named = [c for c in found.values() if c.anchor is None and c.dated and c.direct]
    for candidate in named:
        known = catalogue.get(candidate.source)
        if known is None or not known.in_corpus:
            continue
        for quotation in quotations:
            anchor = anchored(quotation.text, context, candidate.source)
            if anchor.fidelity in FOUND:
                _credit_anchor(candidate, anchor, quotation)
                break
            restatement = restated_in(quotation.text, catalogue.text(candidate.source) or "")
            if restatement is not None:
                candidate.restatement, candidate.quotation = restatement, quotation
                candidate.add(1.0, "its quotation restates this document's words loosely", True)
                break


# -- reference entries ---------------------------------------------------------------------------

def entry_matches(reference: Reference, source: Source) -> float:
    """How well a reference-list entry describes `source`: 0 (another work) to 1 (this very document)."""
    entry = _entry_facts(reference.raw, reference.title, reference.date, reference.year, reference.url,
                         reference.publisher)
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
    reference = Reference(number=None, raw=raw, start=0, end=len(raw), title=title, date=date, year=year, url=url,
                          publisher=publisher)
    return _EntryFacts(frozenset(frus_documents(reference)), url, _title_key(title_of(reference)),
                       entry_year(reference), entry_day(reference), entry_family(reference))


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
        return self.known is not None and self.score >= CLEAR_ENTRY and self.score - self.runner_up >= ENTRY_MARGIN


def best_source_for(reference: Reference, context) -> EntryMatch:
    """The source of the case or corpus that the entry describes best."""
    catalogue = context.catalogue
    pool: dict[str, Known] = {k.id: k for k in catalogue.all_case()}
    for source_id in frus_documents(reference):
        known = catalogue.get(source_id)
        if known is not None:
            pool.setdefault(known.id, known)
    words = [w for w in words_of(title_of(reference)) if len(w) >= 4 and w not in STOP_WORDS]
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
    """A scholar's book or article: it looks like one and describes no primary source clearly."""
    if match.known is not None and match.score >= CLEAR_ENTRY and match.known.source.doc_type in SECONDARY_TYPES:
        return True
    return looks_scholarly(reference) and not frus_documents(reference) and match.score < 0.6


def describe(source: Source) -> str:
    """A source in a few words: its title and date."""
    return f"{source.title} ({format_date(source.date)})"
