"""Is the entry a marker names the kind of source that can support its sentence?

Three mismatches, each a *reference-mismatch* that names the entry of the list fitting better, or
says that none does:

- a sentence reporting a historian's analysis or an interpretation ("as one historian has shown",
  "historians argue", figures compiled later) cited to a primary document (a telegram, minutes, a
  directive) that the sentence does not itself cite by its day, people or quotation, and whose
  stored words hold less than half of the sentence's content words (a warning);
- a sentence about an event of a day cited to a document dated two days or more before, which does not
  itself speak of the day (an order for what is to come does) (an error);
- a sentence about a matter its entry's document never mentions: not one content word of the
  sentence, nor one of its people, in the document's stored text, title, notes or summary; or
  under a quarter of them while another entry's document clearly holds more (a warning).

Markers the alignment check already reports are left to it; a marker with several entries is not judged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fontes.audit.checks.dates import dates_a_document, names_day
from fontes.audit.checks.references import _names_a_scholar, _scholars
from fontes.audit.context import Audit
from fontes.audit.evidence.catalogue import Known, date_bounds, describe
from fontes.audit.evidence.claims import SentenceClaim
from fontes.audit.evidence.entries import plain, title_of
from fontes.audit.evidence.entry_documents import document_stems, document_words, named_document
from fontes.audit.evidence.entry_match import SECONDARY_TYPES, is_secondary
from fontes.audit.reading.essay import Essay, Marker
from fontes.dates import format_date
from fontes.model import Finding, FindingEvidence, FindingLocation

#: Phrases that make a sentence report scholarship or a later judgement rather than a document.
_INTERPRETATION = re.compile(
    r"\b(?:has|have|had)\s+(?:shown|demonstrated|argued|suggested|concluded|established)\b|"
    r"\bcompiled\s+(?:later|afterwards|since|after the war)\b|"
    r"\blater\s+(?:compiled|estimates?|figures|tallies|counts|scholarship|research)\b|"
    r"\bin\s+(?:hindsight|retrospect)\b|\bhistorical\s+(?:judge?ment|verdict|consensus)\b",
    re.IGNORECASE,
)
#: Words that make a sentence speak of what was to come, or of a state: an earlier document may support it.
_ANTICIPATION = re.compile(
    r"\b(?:had|would|warned|warning|predicted|expected|expecting|anticipated|foresaw|feared|planned|"
    r"plans?|intended|ordered|decided|scheduled|set|fixed|took\s+effect|came\s+into\s+force|carried\s+out|"
    r"implemented|since|until|before|after|already|still|following)\b",
    re.IGNORECASE,
)
#: A sentence must hold this many content words before its entry's silence on all of them tells.
_MIN_CONTENT_WORDS = 4
#: A stored text this short says too little for its silence to tell.
_MIN_TEXT_CHARS = 150
#: A document dated this many days before the event cannot tell of it.
_BEFORE_DAYS = 2
#: A primary document holding this share of a sentence's content words supports it, historian or not.
_SUPPORTED_SHARE = 0.5
#: A document holding less than this share of the sentence's words holds little of it ...
_LITTLE_SHARE = 0.25
#: ... and another entry's document holding this many (and twice as many) holds it clearly.
_BETTER_CLEARLY = 3
#: The words a better entry's document must share with the sentence.
_BETTER_SHARED = 2


@dataclass
class _Judged:
    """One marker of a sentence and the single document its entry names."""

    claim: SentenceClaim
    marker: Marker
    number: int
    known: Known


def check_source_kinds(essay: Essay, context: Audit) -> list[Finding]:
    """Markers whose entry is the wrong kind of source for their sentence."""
    audit = context.with_essay(essay)
    if not audit.entries:
        return []
    scholars = _scholars(essay, audit, audit.described_entries)
    reported = {v.marker.start for v in audit.alignment.verdicts if v.problem}
    findings: list[Finding] = []
    for claim in audit.body_claims:
        for marker in claim.sentence.markers:
            if marker.start in reported or len(marker.numbers) != 1:
                continue
            known = named_document(audit, marker.numbers[0])
            if known is None or known.source.doc_type in SECONDARY_TYPES:
                continue
            judged = _Judged(claim, marker, marker.numbers[0], known)
            finding = (
                _interpretation(judged, audit, scholars)
                or _before_the_event(judged, audit, scholars)
                or _another_matter(judged, audit, scholars)
            )
            if finding is not None:
                findings.append(finding)
    return findings


def _cites_it_itself(judged: _Judged, audit: Audit) -> bool:
    """The sentence names the document by its own evidence (its day and people, a quotation of it)."""
    cited = audit.cited(judged.claim)
    if cited is not None and cited.source == judged.known.id:
        return True
    return any(c.source == judged.known.id and c.anchor is not None for c in audit.documents(judged.claim))


# -- a historian's analysis cited to a primary document ------------------------------------------


def _interpretation(judged: _Judged, audit: Audit, scholars: set[str]) -> Finding | None:
    claim = judged.claim
    entry = audit.entries[judged.number]
    if not (_names_a_scholar(claim, scholars) or _INTERPRETATION.search(claim.masked)):
        return None
    if is_secondary(entry, audit.described_entries[judged.number]) or _cites_it_itself(judged, audit):
        return None
    stems = set(claim.stems)
    if stems and len(stems & document_stems(audit, judged.known)) >= _SUPPORTED_SHARE * len(stems):
        return None  # the document itself says most of it: the historian's name is a courtesy
    named = claim.words & scholars
    better = [
        n
        for n, r in sorted(audit.entries.items())
        if n != judged.number
        and is_secondary(r, audit.described_entries[n])
        and {a.casefold() for name in r.authors for a in re.findall(r"\w+", name)} & named
    ]
    source = judged.known.source
    if len(better) == 1:
        instead = f"Entry [{better[0]}] fits better: {_entry_words(audit, better[0])}"
    elif named:
        who = ", ".join(sorted(w.title() for w in named))
        instead = f"No entry of the list is a work by {who}, whom the sentence names"
    else:
        instead = "No entry of the list is the historian's work the sentence reports"
    message = (
        f"The sentence reports a historian's analysis or a later judgement, but {judged.marker.text} points "
        f"to entry [{judged.number}], a primary document ({describe(source)} [{source.id}]). {instead}"
    )
    return _finding(judged, audit, "warning", message, better[0] if len(better) == 1 else None)


# -- an event cited to a document dated before it ------------------------------------------------


def _before_the_event(judged: _Judged, audit: Audit, scholars: set[str]) -> Finding | None:
    claim = judged.claim
    days = [m for m in claim.dates if not m.bound and m.earliest is not None]
    if len(days) != 1 or not days[0].is_day or claim.state_at or _ANTICIPATION.search(claim.masked):
        return None
    mention, day = days[0], days[0].earliest
    if day is None:
        return None
    base = claim.sentence.start
    if dates_a_document(claim.sentence.text, mention.start - base, mention.end - base):
        return None  # the day is the document's own: the date check weighs it
    if _names_a_scholar(claim, scholars) or not judged.known.in_corpus:
        return None
    bounds = date_bounds(judged.known.source.date)
    if bounds is None or (day - bounds[1]).days < _BEFORE_DAYS:
        return None  # the day before may be the night before, or another time zone
    if not mention.year_given and bounds[1].year != day.year:
        return None
    if names_day(document_words(audit, judged.known), day):
        return None  # it speaks of the day: an order or a plan for it
    better = _better_entry(judged, audit, lambda k: _dated_from(k, day))
    source = judged.known.source
    instead = (
        f"Entry [{better}] fits better: {_entry_words(audit, better)}"
        if better is not None
        else "No entry of the list is a document of that day or after it that tells of it"
    )
    message = (
        f"The sentence reports what happened on {format_date(day.isoformat())}, but "
        f"{judged.marker.text} points to entry [{judged.number}], {describe(source)} [{source.id}], "
        f"dated before it. {instead}"
    )
    return _finding(judged, audit, "error", message, better)


def _dated_from(known: Known, day) -> bool:
    bounds = date_bounds(known.source.date)
    return bounds is not None and bounds[1] >= day


# -- a document whose subject is another matter --------------------------------------------------


def _another_matter(judged: _Judged, audit: Audit, scholars: set[str]) -> Finding | None:
    claim = judged.claim
    stems = set(claim.stems)
    if len(stems) < _MIN_CONTENT_WORDS or claim.long_quotations or _names_a_scholar(claim, scholars):
        return None
    known = judged.known
    words = document_words(audit, known)
    if not known.in_corpus or len(words) < _MIN_TEXT_CHARS or _cites_it_itself(judged, audit):
        return None
    own = stems & document_stems(audit, known)
    silent = not own and not _names_anyone(claim, known, words, audit)
    better = _better_entry(judged, audit, lambda k: True)
    if not silent:
        # a long document shares a word or two with anything: it is another matter only when it
        # holds little of the sentence and another entry's document clearly holds much more
        held = len(stems & document_stems(audit, named_document(audit, better))) if better else 0
        if len(own) >= _LITTLE_SHARE * len(stems) or held < max(_BETTER_CLEARLY, 2 * len(own) + 1):
            return None
    source = known.source
    instead = (
        f"Entry [{better}] fits better: {_entry_words(audit, better)}"
        if better is not None
        else "No entry of the list clearly tells of it"
    )
    what = (
        f"none of {', '.join(sorted(stems)[:5])}, nor its people"
        if silent
        else f"of its words only {', '.join(sorted(own)[:4])}"
    )
    message = (
        f"{judged.marker.text} points to entry [{judged.number}], {describe(source)} [{source.id}], whose "
        f"stored words do not tell what the sentence reports ({what}). {instead}"
    )
    return _finding(judged, audit, "warning", message, better)


def _names_anyone(claim: SentenceClaim, known: Known, words: str, audit: Audit) -> bool:
    """The document is by or to one of the sentence's people, or names one of them."""
    people = claim.actors
    parties = known.authors | known.recipients  # actor ids, read once by the catalogue
    return bool(people & parties) or any(audit.actor_index.spelled_in(words, a) for a in people)


# -- the entry that fits better, and the finding --------------------------------------------------


def _better_entry(judged: _Judged, audit: Audit, admissible) -> int | None:
    """The one other entry whose document shares most words with the sentence (at least two, ahead of the rest)."""
    stems = set(judged.claim.stems)
    scored = []
    for number in sorted(audit.entries):
        known = named_document(audit, number) if number != judged.number else None
        if known is None or known.id == judged.known.id or not admissible(known):
            continue
        scored.append((len(stems & document_stems(audit, known)), number))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < _BETTER_SHARED:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


def _entry_words(audit: Audit, number: int) -> str:
    return title_of(audit.entries[number])


def _finding(judged: _Judged, audit: Audit, severity: str, message: str, better: int | None) -> Finding:
    claim, known = judged.claim, judged.known
    entry = audit.entries[judged.number]
    evidence = [
        FindingEvidence(source=f"reference [{judged.number}]", url=entry.url or None, quote=plain(entry.raw)),
        FindingEvidence(source=known.id, url=known.source.url or None, quote=describe(known.source)),
    ]
    if better is not None:
        other = audit.entries[better]
        evidence.append(
            FindingEvidence(source=f"reference [{better}]", url=other.url or None, quote=plain(other.raw))
        )
    return Finding(
        kind="reference-mismatch",
        severity=severity,
        location=FindingLocation(
            paragraph=claim.paragraph.index,
            sentence=claim.sentence.index,
            start=judged.marker.start,
            end=judged.marker.end,
            marker=judged.marker.text,
        ),
        message=message,
        excerpt=claim.sentence.text if len(claim.sentence.text) <= 240 else claim.sentence.text[:239] + "…",
        evidence=evidence,
    )
