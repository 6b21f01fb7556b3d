"""Does each citation marker point to the entry that describes the document its sentence cites?

A marker is flagged only when its sentence clearly cites one primary document (a quotation anchored
in it, or its day named with its author, recipient or a rare word of its title) and the entry
describes a different one, or is a secondary work while another entry of the list names the
document itself. A run of three or more markers that each point k entries past the right one is a
systematic shift, reported once besides the individual findings. Sentences citing a scholar's work
for an interpretation are never flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fontes.audit.context import Audit
from fontes.audit.evidence.catalogue import Known, describe
from fontes.audit.evidence.claims import SentenceClaim
from fontes.audit.evidence.documents import Candidate
from fontes.audit.evidence.entries import (
    ARCHIVAL_DOCUMENT,
    COLLECTION,
    entry_document,
    entry_year,
    frus_documents,
    plain,
    title_of,
)
from fontes.audit.evidence.entry_match import (
    CLEAR_ENTRY,
    SECONDARY_TYPES,
    EntryMatch,
    entry_matches,
    is_secondary,
)
from fontes.audit.reading.essay import Essay, Marker, Paragraph, Reference, Sentence
from fontes.model import Finding, FindingEvidence, FindingLocation

#: An entry describes the cited document from this score on: the citation is right.
MATCHES = 0.6
#: Below this score the entry does not describe the cited document at all.
UNRELATED = 0.4
#: A systematic shift is this many markers in a row off by the same number of entries.
SHIFT_RUN = 3
_EXCERPT = 240


@dataclass
class _Verdict:
    """One marker's number weighed against the document its sentence cites."""

    paragraph: Paragraph
    sentence: Sentence
    marker: Marker
    number: int
    cited: Candidate
    source: Known
    better: int | None  # the entry that names the cited document, if one clearly does
    problem: str | None  # "different", "secondary", or None when the entry is right

    @property
    def offset(self) -> int | None:
        if self.problem is None:
            return 0
        return None if self.better is None else self.number - self.better


def check_reference_alignment(essay: Essay, context: Audit) -> list[Finding]:
    """Markers whose entry is not the document their sentence cites, and systematic shifts of them."""
    audit = context.with_essay(essay)
    entries = audit.entries
    if not entries:
        return []
    described = audit.described_entries
    scholars = _scholars(essay, audit, described)
    verdicts: list[_Verdict] = []
    for claim in audit.claims:
        numbers = [n for m in claim.sentence.markers for n in m.numbers if n in entries]
        if not numbers or _names_a_scholar(claim, scholars):
            continue
        cited = audit.cited(claim)
        known = audit.catalogue.get(cited.source) if cited else None
        if known is None or known.source.doc_type in SECONDARY_TYPES:
            continue
        verdicts += _weigh_markers(claim.paragraph, claim.sentence, cited, known, entries, described)
    shifted = _shift_runs(verdicts)
    in_runs = {id(v) for _, run in shifted for v in run}
    findings = [_finding(v, entries, described, id(v) in in_runs) for v in verdicts if v.problem]
    return findings + [_shift_finding(k, run, entries) for k, run in shifted]


def _weigh_markers(paragraph, sentence, cited, known, entries, described) -> list[_Verdict]:
    """The verdict on each marker number of a sentence that clearly cites `known`: right markers
    (kept, to break a run of shifted ones) and wrong ones."""
    source = known.source
    numbered = [(m, n) for m in sentence.markers for n in m.numbers if n in entries]
    scores = {n: entry_matches(entries[n], source) for _, n in numbered}
    if any(score >= MATCHES for score in scores.values()):
        # one of the sentence's markers names the document; the others cite something else
        return [
            _Verdict(paragraph, sentence, m, n, cited, known, None, None)
            for m, n in numbered
            if scores[n] >= MATCHES
        ]
    better = _entry_naming(source, entries)
    single = len(scores) == 1
    verdicts = []
    for marker, number in numbered:
        problem = _problem(entries[number], described[number], scores[number], source.id, better, single)
        if problem is not None:
            verdicts.append(
                _Verdict(
                    paragraph,
                    sentence,
                    marker,
                    number,
                    cited,
                    known,
                    better if better != number else None,
                    problem,
                )
            )
    return verdicts


def _problem(
    entry: Reference, match: EntryMatch, score: float, cited_id: str, better: int | None, single: bool
) -> str | None:
    """ "different" when the entry clearly describes another document; "secondary" when it is a
    scholar's work (or describes nothing known) while another entry names the cited document."""
    if score >= UNRELATED:
        return None
    if (
        match.known is not None
        and match.known.id != cited_id
        and match.score >= CLEAR_ENTRY
        and match.known.source.doc_type not in SECONDARY_TYPES
    ):
        return "different"
    if better is not None and single and (is_secondary(entry, match) or match.score < 0.5):
        return "secondary"
    return None


def _entry_naming(source, entries: dict[int, Reference]) -> int | None:
    """The entry that clearly names `source`: the best, at CLEAR_ENTRY or above, ahead of the rest."""
    scored = sorted(((entry_matches(r, source), n) for n, r in entries.items()), reverse=True)
    if not scored or scored[0][0] < CLEAR_ENTRY:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < 0.1:
        return None
    return scored[0][1]


# -- scholars ------------------------------------------------------------------------------------


def _scholars(essay: Essay, context, described: dict[int, EntryMatch]) -> set[str]:
    """Surnames of the scholars the essay's list and the case cite (never an actor's name)."""
    actor_words = {
        w.casefold() for a in context.case.actors for n in a.names() for w in re.findall(r"\w+", n)
    }
    names: list[str] = []
    for entry in essay.references:
        match = described.get(entry.number) if entry.number is not None else None
        if entry.authors and (match is None or is_secondary(entry, match)):
            names += entry.authors
    names += [a for s in context.case.sources if s.doc_type in SECONDARY_TYPES for a in s.authors]
    words = {w for name in names for w in re.findall(r"[A-Z][a-z]{2,}", name)}
    return {w.casefold() for w in words if w.casefold() not in actor_words}


#: Words that make a sentence about scholarship rather than about a document.
_SCHOLARSHIP = frozenset(
    {
        "historian",
        "historians",
        "scholar",
        "scholars",
        "historiography",
        "argue",
        "argues",
        "argued",
        "contend",
        "contends",
        "contended",
        "opinion",
        "interpretation",
        "interpretations",
        "revisionist",
        "revisionists",
        "traditionalist",
        "traditionalists",
    }
)


def _names_a_scholar(claim: SentenceClaim, scholars: set[str]) -> bool:
    """The sentence names a scholar of the list or the case, or speaks of scholarship ("historians argue")."""
    return bool(claim.words & scholars or claim.words & _SCHOLARSHIP)


# -- findings ------------------------------------------------------------------------------------


def _finding(
    verdict: _Verdict, entries: dict[int, Reference], described: dict[int, EntryMatch], in_run: bool
) -> Finding:
    """An error when the entry is another primary document, or when the marker is part of a shift;
    a warning when a lone marker points to a secondary work while another entry names the document."""
    entry = entries[verdict.number]
    source = verdict.source.source
    match = described[verdict.number]
    if verdict.problem == "different":
        named = sorted(frus_documents(entry))
        if named:
            what = f"entry [{verdict.number}], which names {', '.join(named)}"
        elif match.runner_up >= CLEAR_ENTRY and match.score - match.runner_up < 0.1:
            what = f"entry [{verdict.number}], another document ({_entry_words(entry)})"
        elif match.known is not None:
            what = (
                f"entry [{verdict.number}], which describes {describe(match.known.source)} [{match.known.id}]"
            )
        else:
            what = f"entry [{verdict.number}], another document ({_entry_words(entry)})"
    elif entry_document(entry).kind in (ARCHIVAL_DOCUMENT, COLLECTION):
        what = f"entry [{verdict.number}], {entry_document(entry).kind} that is not this one ({_entry_words(entry)})"
    else:
        what = f"entry [{verdict.number}], a secondary work ({_entry_words(entry)})"
    message = (
        f"{verdict.marker.text} points to {what}; the sentence cites {describe(source)} "
        f"[{source.id}]: {'; '.join(verdict.cited.reasons[:4])}"
    )
    if verdict.better is not None:
        message += f". Entry [{verdict.better}] matches: {_entry_words(entries[verdict.better])}"
    else:
        message += ". No entry of the list clearly describes that document"
    evidence = [
        _source_evidence(verdict),
        FindingEvidence(
            source=f"reference [{verdict.number}]", url=entry.url or None, quote=plain(entry.raw)
        ),
    ]
    if verdict.problem == "different" and match.known is not None:
        other = match.known.source
        evidence.append(FindingEvidence(source=other.id, url=other.url or None, quote=describe(other)))
    if verdict.better is not None:
        better = entries[verdict.better]
        evidence.append(
            FindingEvidence(
                source=f"reference [{verdict.better}]", url=better.url or None, quote=plain(better.raw)
            )
        )
    severity = "error" if verdict.problem == "different" or in_run else "warning"
    return Finding(
        kind="reference-mismatch",
        severity=severity,
        location=FindingLocation(
            paragraph=verdict.paragraph.index,
            sentence=verdict.sentence.index,
            start=verdict.marker.start,
            end=verdict.marker.end,
            marker=verdict.marker.text,
        ),
        message=message,
        excerpt=_excerpt(verdict.sentence.text),
        evidence=evidence,
    )


def _source_evidence(verdict: _Verdict) -> FindingEvidence:
    """The cited document's own words: the passage the quotation anchors to, else its title and date."""
    source, cited = verdict.source.source, verdict.cited
    if cited.anchor is not None and cited.anchor.selector is not None:
        words = cited.anchor.selector.exact
    elif cited.restatement is not None:
        words = cited.restatement.words
    else:
        words = describe(source)
    return FindingEvidence(source=source.id, url=source.url or None, quote=" ".join(words.split()))


def _entry_words(entry: Reference) -> str:
    """An entry in a few words: a FRUS entry as written, else its title with its day and year."""
    if frus_documents(entry):
        return re.sub(r"^\s*[-*]?\s*\[\d+\]\s*", "", plain(entry.raw)).rstrip(". ")
    title = title_of(entry)
    when = " ".join(str(part) for part in (entry.date, entry_year(entry)) if part)
    return f"{title}, {when}" if when else title


def _excerpt(text: str) -> str:
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 1].rstrip() + "…"


# -- systematic shifts ---------------------------------------------------------------------------


def _shift_runs(verdicts: list[_Verdict]) -> list[tuple[int, list[_Verdict]]]:
    """Runs of SHIFT_RUN or more single-number markers in a row, each off by the same k entries (k != 0),
    each with its k.

    A marker whose right entry is unknown neither extends nor breaks a run; a right one breaks it.
    """
    runs: list[tuple[int, list[_Verdict]]] = []
    current: list[_Verdict] = []
    current_k = 0
    for verdict in verdicts:
        if len(verdict.marker.numbers) != 1:
            continue
        k = verdict.offset
        if k is None:
            continue
        if current and k == current_k:
            current.append(verdict)
            continue
        if len(current) >= SHIFT_RUN:
            runs.append((current_k, current))
        current, current_k = ([verdict] if k != 0 else []), k
    if len(current) >= SHIFT_RUN:
        runs.append((current_k, current))
    return runs


def _shift_finding(k: int, run: list[_Verdict], entries: dict[int, Reference]) -> Finding:
    """One finding for a run of markers all off by k entries: marker n cites entry n - k."""
    pairs = ", ".join(f"{v.marker.text} → [{v.number - k}]" for v in run)
    first, last = run[0], run[-1]
    markers = sorted({v.number for v in run})
    span = f"[{markers[0]}]–[{markers[-1]}]" if len(markers) > 1 else f"[{markers[0]}]"
    entries_word = "entry" if abs(k) == 1 else "entries"
    direction = "past" if k > 0 else "before"
    message = (
        f"Systematic shift: {len(run)} markers in a row ({span}) point {abs(k)} {entries_word} {direction} "
        f"the document their sentence cites ({pairs}); markers from {first.marker.text} on "
        f"may all be off by {k:+d}"
    )
    evidence = [
        FindingEvidence(
            source=v.source.id,
            url=v.source.source.url or None,
            quote=f"{v.marker.text}: {describe(v.source.source)}; entry [{v.number - k}]: "
            f"{_entry_words(entries[v.number - k])}",
        )
        for v in run
    ]
    return Finding(
        kind="reference-mismatch",
        severity="error",
        location=FindingLocation(
            paragraph=first.paragraph.index,
            sentence=first.sentence.index,
            start=first.marker.start,
            end=last.marker.end,
            marker=span,
        ),
        message=message,
        excerpt=_excerpt(first.sentence.text),
        evidence=evidence,
    )
