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
from fontes.audit.evidence.entry_documents import document_stems, misdated_entry, named_document
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


@dataclass
class Alignment:
    """Each marker weighed against the document its sentence cites, and the shifted runs among them."""

    verdicts: list[_Verdict]
    runs: list[list[_Verdict]]

    def offset_at(self, marker: Marker) -> int | None:
        """How many entries past its document a marker of a shifted run points, or None."""
        for run in self.runs:
            if any(v.marker.start == marker.start for v in run):
                return run[0].offset
        return None


def check_reference_alignment(essay: Essay, context: Audit) -> list[Finding]:
    """Markers whose entry is not the document their sentence cites, and systematic shifts of them."""
    audit = context.with_essay(essay)
    if not audit.entries:
        return []
    alignment = audit.alignment
    entries, described = audit.entries, audit.described_entries
    in_runs = {id(v) for run in alignment.runs for v in run}
    findings = [_finding(v, entries, described, id(v) in in_runs) for v in alignment.verdicts if v.problem]
    return findings + [_shift_finding(run, entries) for run in alignment.runs]


def align(audit: Audit) -> Alignment:
    """The verdict on every marker of a sentence that clearly cites a document, and the shifted runs,
    each run widened to every later occurrence of its markers (audit.alignment holds it)."""
    entries = audit.entries
    described = audit.described_entries
    scholars = _scholars(audit._read_essay(), audit, described)
    verdicts: list[_Verdict] = []
    for claim in audit.claims:
        numbers = [n for m in claim.sentence.markers for n in m.numbers if n in entries]
        if not numbers or _names_a_scholar(claim, scholars):
            continue
        cited = audit.cited(claim)
        known = audit.catalogue.get(cited.source) if cited else None
        if known is None or known.source.doc_type in SECONDARY_TYPES or misdated_entry(audit, claim):
            continue  # a misdated document of the entry is the date check's finding
        verdicts += _weigh_markers(claim.paragraph, claim.sentence, cited, known, entries, described)
    runs = _shift_runs(verdicts)
    if not runs:
        verdicts, runs = _runs_with_word_evidence(verdicts, audit, scholars)
    for run in runs:
        extra = _rest_of_run(run, verdicts, audit, scholars)
        run += extra
        run.sort(key=lambda v: v.marker.start)
        verdicts += extra
    verdicts.sort(key=lambda v: (v.marker.start, v.number))
    return Alignment(verdicts, runs)


#: A run seeded by sentences that cite their document clearly needs this many of them in it.
_CLEAR_IN_RUN = 2


def _runs_with_word_evidence(
    verdicts: list[_Verdict], audit: Audit, scholars: set[str]
) -> tuple[list[_Verdict], list[list[_Verdict]]]:
    """Shifted runs found when sentences whose document shows only in their words fill the gaps of
    clear ones: two clear markers off by k, and a marker between or after them whose sentence holds
    clearly more of the document k entries before than of its own entry's."""
    offsets = [v.offset for v in verdicts if v.problem and v.offset and len(v.marker.numbers) == 1]
    for k in sorted({o for o in offsets if o is not None and offsets.count(o) >= _CLEAR_IN_RUN}):
        weighed = {(v.marker.start, v.number) for v in verdicts}
        soft = [
            verdict
            for claim in audit.body_claims
            if not _names_a_scholar(claim, scholars)
            for marker in claim.sentence.markers
            if len(marker.numbers) == 1 and (marker.start, marker.numbers[0]) not in weighed
            for verdict in [_shifted_occurrence(claim, marker, marker.numbers[0], k, audit, strict=True)]
            if verdict is not None
        ]
        merged = sorted(verdicts + soft, key=lambda v: (v.marker.start, v.number))
        soft_ids = {id(v) for v in soft}
        runs = [
            run for run in _shift_runs(merged) if sum(id(v) not in soft_ids for v in run) >= _CLEAR_IN_RUN
        ]
        if runs:
            kept = {id(v) for run in runs for v in run}
            return [v for v in merged if id(v) not in soft_ids or id(v) in kept], runs
    return verdicts, []


def _rest_of_run(
    run: list[_Verdict], verdicts: list[_Verdict], audit: Audit, scholars: set[str]
) -> list[_Verdict]:
    """The occurrences of a shifted run's markers that no verdict weighed (a marker repeated by a
    sentence that names no day, the last marker of the essay): each is part of the run when its
    sentence shares more words with the document k entries before than with its own entry's."""
    k = run[0].offset
    if not k:
        return []
    lowest = min(v.number for v in run)
    weighed = {(v.marker.start, v.number) for v in verdicts}
    extra: list[_Verdict] = []
    for claim in audit.claims:
        if claim.paragraph.heading or _names_a_scholar(claim, scholars):
            continue
        for marker in claim.sentence.markers:
            if len(marker.numbers) != 1 or marker.start < run[0].marker.start:
                continue
            number = marker.numbers[0]
            if number < lowest or (marker.start, number) in weighed:
                continue
            verdict = _shifted_occurrence(claim, marker, number, k, audit)
            if verdict is not None:
                extra.append(verdict)
    return extra


#: The words a sentence must share with the document k entries before, to be taken as citing it.
_RUN_SHARED_WORDS = 2


def _shifted_occurrence(
    claim: SentenceClaim, marker: Marker, number: int, k: int, audit: Audit, strict: bool = False
) -> _Verdict | None:
    """A verdict for one occurrence of a run's marker, when its sentence fits entry number-k's
    document better than its own entry's (`strict`: by three words at least, and half as many again)."""
    meant = named_document(audit, number - k)
    if meant is None or not meant.in_corpus:
        return None
    own = named_document(audit, number)
    if own is not None and own.id == meant.id:
        return None
    stems = set(claim.stems)
    shared = stems & document_stems(audit, meant)
    held = len(stems & document_stems(audit, own))
    if len(shared) < _RUN_SHARED_WORDS or len(shared) <= held:
        return None
    if strict and (len(shared) < _RUN_SHARED_WORDS + 1 or len(shared) < 1.5 * held):
        return None
    match = audit.described_entries[number]
    primary = own is not None and own.source.doc_type not in SECONDARY_TYPES and match.score >= CLEAR_ENTRY
    cited = Candidate(
        meant.id, reasons=[f"it shares the words {', '.join(sorted(shared)[:4])} with this document"]
    )
    return _Verdict(
        claim.paragraph,
        claim.sentence,
        marker,
        number,
        cited,
        meant,
        number - k,
        "different" if primary else "secondary",
    )


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
        kind = entry_document(entry).kind
        what = f"entry [{verdict.number}], {kind} that is not this one ({_entry_words(entry)})"
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


def _shift_runs(verdicts: list[_Verdict]) -> list[list[_Verdict]]:
    """Runs of SHIFT_RUN or more single-number markers in a row, each off by the same k entries (k != 0).

    A marker whose right entry is unknown neither extends nor breaks a run; a right one breaks it.
    """
    runs: list[list[_Verdict]] = []
    current: list[_Verdict] = []
    for verdict in verdicts:
        if len(verdict.marker.numbers) != 1:
            continue
        k = verdict.offset
        if k is None:
            continue
        if current and k == current[0].offset:
            current.append(verdict)
            continue
        if len(current) >= SHIFT_RUN:
            runs.append(current)
        current = [verdict] if k != 0 else []
    if len(current) >= SHIFT_RUN:
        runs.append(current)
    return runs


def _shift_finding(run: list[_Verdict], entries: dict[int, Reference]) -> Finding:
    k = run[0].offset or 0  # a run is made of markers off by the same k != 0
    pairs = ", ".join(f"{v.marker.text} → [{v.better}]" for v in run)
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
            quote=f"{v.marker.text}: {describe(v.source.source)}; entry [{v.better}]: "
            f"{_entry_words(entries[v.better]) if v.better is not None else ''}",
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
