"""Which documents of the case and corpus a sentence's claim fits, best first, and which it clearly cites.

    documents_in(claim, audit) -> [Candidate]   # best first, with reasons (audit.documents(claim) holds them)
    cited_document(candidates) -> Candidate | None   # only when one clearly wins

A sentence's evidence is its quotations anchored in the corpus (the strongest), the days it names
(a missing year from the essay's context), the actors it names as authors or recipients, words for
a kind of document, and rare words of a title. A sentence that continues the one before it ("He
asked:", "It states, ...") inherits that sentence's evidence; any other sentence gets half of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fontes.anchor import Anchor
from fontes.anchor.words import STOP_WORDS
from fontes.audit.evidence.catalogue import Known
from fontes.audit.evidence.claims import SentenceClaim
from fontes.audit.evidence.quoted import FOUND, anchored
from fontes.audit.evidence.restatement import Restatement, restated_in
from fontes.audit.evidence.words import lowercase_words
from fontes.audit.lexicon.document_kinds import TYPE_WORDS
from fontes.audit.reading.essay import Quotation, Sentence
from fontes.dates import format_date
from fontes.model import Case

if TYPE_CHECKING:
    from fontes.audit.context import Audit

#: How far the winner must lead the next candidate that is also specific.
CLEAR_MARGIN = 1.5
_ANAPHORA = frozenset(
    {
        "he",
        "she",
        "it",
        "they",
        "this",
        "these",
        "that",
        "those",
        "its",
        "his",
        "her",
        "their",
        "there",
        "such",
    }
)


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


@dataclass(frozen=True)
class _View:
    """One claim looked at for evidence of a document: the sentence's own, or a lead-in's (weighed less)."""

    claim: SentenceClaim
    weight: float
    direct: bool
    where: str


def documents_in(claim: SentenceClaim, audit: Audit) -> list[Candidate]:
    """The documents the claim's sentence talks about, best first, each with its score and reasons."""
    catalogue = audit.catalogue
    views = [_View(claim, 1.0, True, ""), *_lead_ins(claim, audit.claims)]
    pool: dict[str, Known] = {}
    for view in views:
        for _, (earliest, latest) in view.claim.days:
            for known in catalogue.on_dates(earliest, latest):
                pool.setdefault(known.id, known)
    quoted = _anchor_quotations(claim, audit)
    for anchor, _ in quoted:
        held = catalogue.get(anchor.source) if anchor.source else None
        if held is not None:
            pool.setdefault(held.id, held)
    if not pool:
        named = {m.actor for view in views for m in view.claim.exact_mentions}
        for known in catalogue.all_case():
            if named & (known.authors | known.recipients):
                pool.setdefault(known.id, known)
    found: dict[str, Candidate] = {}
    for known in pool.values():
        candidate = found.setdefault(known.id, Candidate(known.id))
        for view in views:
            _weigh(candidate, known, view, audit)
    for anchor, quotation in quoted:
        if anchor.source in found:
            _credit_anchor(found[anchor.source], anchor, quotation)
    _look_for_quotations_in_named(claim, found, audit)
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


def _weigh(candidate: Candidate, known: Known, view: _View, audit: Audit) -> None:
    _weigh_days(candidate, known, view)
    source = known.source
    w, where, direct = view.weight, view.where, view.direct
    for mention in view.claim.exact_mentions:
        if mention.actor in known.authors:
            candidate.add(1.0 * w, f"by {mention.text}{where}", direct)
            candidate.pinned = True
        elif mention.actor in known.recipients:
            candidate.add(0.8 * w, f"to {mention.text}{where}", direct)
            candidate.pinned = True
    named_kind = [word for word, types in view.claim.type_words.items() if source.doc_type in types]
    if named_kind:  # many documents of a day are telegrams: the kind adds weight, pins nothing, names nothing
        candidate.add(0.5 * w, f"a {source.doc_type} ({named_kind[0]!r}){where}", False)
    shared = sorted(view.claim.words & _title_words(source.title) & audit.rare_title_words)
    if shared:
        candidate.add(
            0.7 * w * min(2, len(shared)), f"title word {', '.join(map(repr, shared[:2]))}{where}", direct
        )
        candidate.pinned = True


def _weigh_days(candidate: Candidate, known: Known, view: _View) -> None:
    """Points for a document dated the day the view names (more), or within a month of it (fewer)."""
    bounds, source = known.days, known.source
    if bounds is None:
        return
    w, where, direct = view.weight, view.where, view.direct
    for mention, (earliest, latest) in view.claim.days:
        shown = mention.text + ("" if mention.year_given else f" (read as {earliest.year} from the essay)")
        if mention.is_day and bounds == (earliest, latest):
            candidate.add(2.0 * w, f"dated {format_date(source.date)}, the essay's {shown}{where}", direct)
            candidate.dated = True
        elif (
            bounds[0] <= latest
            and earliest <= bounds[1]
            and (bounds[1] - bounds[0]).days <= 31
            and (latest - earliest).days <= 31
        ):
            candidate.add(
                0.6 * w, f"dated {format_date(source.date)}, within the essay's {shown}{where}", direct
            )


def _title_words(title: str) -> set[str]:
    return {w for w in lowercase_words(title) if len(w) >= 4 and w not in STOP_WORDS and w not in TYPE_WORDS}


def rare_title_words(case: Case) -> frozenset[str]:
    """Title words of the case's sources that few titles share (at most 2% of them, and 3 at most)."""
    counts: dict[str, int] = {}
    for source in case.sources:
        for word in _title_words(source.title):
            counts[word] = counts.get(word, 0) + 1
    actor_words = {w.lower() for a in case.actors for n in a.names() for w in re.findall(r"[A-Za-z]+", n)}
    limit = max(1, min(3, int(0.02 * len(case.sources))))
    return frozenset(w for w, n in counts.items() if n <= limit and w not in actor_words)


def _lead_ins(claim: SentenceClaim, claims: list[SentenceClaim]) -> list[_View]:
    """The sentences before the claim's that introduce it (up to two; none past a marker or a heading)."""
    at = next((i for i, c in enumerate(claims) if c.sentence.start == claim.sentence.start), None)
    views: list[_View] = []
    weight, current, direct = 1.0, claim.sentence, True
    while at is not None and at > 0 and len(views) < 2:
        previous = claims[at - 1]
        same_paragraph = claims[at].paragraph.index == previous.paragraph.index
        ends_with_colon = previous.sentence.text.rstrip().endswith(":")
        if previous.paragraph.heading or previous.sentence.markers or not (same_paragraph or ends_with_colon):
            break
        continues = ends_with_colon or _continues(current)
        weight *= 1.0 if continues else 0.5
        direct = direct and continues
        views.append(_View(previous, weight, direct, " (in the sentence before)"))
        if not continues:
            break
        at, current = at - 1, previous.sentence
    return views


def _continues(sentence: Sentence) -> bool:
    """The sentence goes on from the one before: it opens with a pronoun or in lower case."""
    words = re.findall(r"[A-Za-z]+", sentence.text[:40])
    if not words:
        return False
    first = sentence.text.lstrip(" \"'“‘([")[:1]
    return words[0].lower() in _ANAPHORA or first.islower()


# -- quotations ----------------------------------------------------------------------------------


def _anchor_quotations(claim: SentenceClaim, audit: Audit) -> list[tuple[Anchor, Quotation]]:
    found = []
    for quotation in claim.long_quotations:
        anchor = anchored(quotation.text, audit)
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
    return {
        "verbatim": "word for word",
        "near-verbatim": "a near-verbatim rendering",
        "misquote": "a misquotation",
        "paraphrase": "a paraphrase",
    }.get(fidelity, fidelity)


def _look_for_quotations_in_named(claim: SentenceClaim, found: dict[str, Candidate], audit: Audit) -> None:
    """A quotation the corpus search missed, looked for in the documents the essay's words name."""
    quotations = claim.long_quotations
    if not quotations or audit.store is None:
        return
    catalogue = audit.catalogue
    named = [c for c in found.values() if c.anchor is None and c.dated and c.direct]
    for candidate in named:
        known = catalogue.get(candidate.source)
        if known is None or not known.in_corpus:
            continue
        for quotation in quotations:
            anchor = anchored(quotation.text, audit, candidate.source)
            if anchor.fidelity in FOUND:
                _credit_anchor(candidate, anchor, quotation)
                break
            restatement = restated_in(quotation.text, catalogue.text(candidate.source) or "")
            if restatement is not None:
                candidate.restatement, candidate.quotation = restatement, quotation
                candidate.add(1.0, "its quotation restates this document's words loosely", True)
                break
