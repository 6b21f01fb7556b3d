"""The essay against its own reference list: a sentence that dates or numbers the document its
marker cites otherwise than the entry does ("14 December" in the text, "November 14" in the entry).

One of the two is wrong whatever the corpus holds, so this needs no corpus. Precision first: the
sentence must cite that one entry, give one day, and give it to a thing of the entry's kind ("the
telegram of …", "in their conversation of …"; not "met on …" for a telegram that reports the
meeting), and the day must differ from the entry's as a slip does (same year, and the same month
or the same day of another month); a number differs only when both are a telegram's number.
"""

from __future__ import annotations

import datetime as dt
import re

from fontes.audit.context import Audit
from fontes.audit.evidence.claims import SentenceClaim
from fontes.audit.evidence.entries import ARCHIVAL_DOCUMENT, EntryDocument, entry_document, plain
from fontes.audit.lexicon.document_kinds import KIND_WORDS, TITLE_KINDS
from fontes.audit.reading.essay import Essay, Reference
from fontes.dates import format_date
from fontes.model import Finding, FindingEvidence, FindingLocation

_NUMBERED = re.compile(r"\b(?:telegram|cable)\s+(?:no\.\s*|number\s+)?(\d{2,6})\b", re.IGNORECASE)
_MEMORANDUM = re.compile(r"\b(memorandum|minutes|notes|record)\b", re.IGNORECASE)


def check_own_entries(essay: Essay, context: Audit) -> list[Finding]:
    """Dates and telegram numbers that contradict the essay's own entry for the cited document."""
    audit = context.with_essay(essay)
    findings: list[Finding] = []
    for claim in audit.body_claims:
        numbers = {n for m in claim.sentence.markers for n in m.numbers}
        if len(numbers) != 1:
            continue
        entry = audit.entries.get(numbers.pop())
        if entry is None:
            continue
        document = entry_document(entry)
        if document.kind != ARCHIVAL_DOCUMENT or not _same_kind(claim, document):
            continue
        finding = _date_against_entry(claim, entry, document) or _number_against_entry(claim, entry, document)
        if finding:
            findings.append(finding)
    return findings


def _families(heading: str) -> set[str]:
    families = {family for pattern, kinds in TITLE_KINDS if pattern.search(heading) for family in kinds}
    if _MEMORANDUM.search(heading) and not families:
        families.add("report")
    return families


def _same_kind(claim: SentenceClaim, document: EntryDocument) -> bool:
    """The sentence speaks of a thing of the kind the entry's document is."""
    return bool(claim.kinds & _families(document.heading))


def _date_against_entry(claim: SentenceClaim, entry: Reference, document: EntryDocument) -> Finding | None:
    if document.day is None or claim.state_at:
        return None
    days = [m for m in claim.dates if m.is_day and not m.bound and m.year_given]
    if len({m.earliest for m in days}) != 1:
        return None
    mention, written = days[0], days[0].earliest
    try:
        listed = dt.date(*document.day)
    except ValueError:
        return None
    if written is None or written == listed or written.year != listed.year:
        return None
    if written.month != listed.month and written.day != listed.day:
        return None  # not a slip: the sentence may date something else the document reports
    before = claim.masked[
        max(0, mention.start - claim.sentence.start - 50) : mention.start - claim.sentence.start
    ]
    if not {family for family, pattern in KIND_WORDS.items() if pattern.search(before)} & _families(
        document.heading
    ):
        return (
            None  # the day is not given to a thing of the document's kind ("met on 2 April", for a telegram)
        )
    message = (
        f"The sentence dates the document of entry [{entry.number}] {format_date(written.isoformat())}; "
        f"the essay's own entry dates it {format_date(listed.isoformat())} (“{document.heading}”)."
    )
    return _finding(claim, entry, mention.start, mention.end, message)


def _number_against_entry(claim: SentenceClaim, entry: Reference, document: EntryDocument) -> Finding | None:
    if not document.number:
        return None
    found = [m for m in _NUMBERED.finditer(claim.masked)]
    if len(found) != 1 or found[0].group(1) == document.number:
        return None
    m = found[0]
    message = (
        f"The sentence numbers the telegram of entry [{entry.number}] {m.group(1)}; the essay's own "
        f"entry numbers it {document.number} (“{document.heading}”)."
    )
    start = claim.sentence.start + m.start(1)
    return _finding(claim, entry, start, start + len(m.group(1)), message)


def _finding(claim: SentenceClaim, entry: Reference, start: int, end: int, message: str) -> Finding:
    return Finding(
        kind="date-mismatch",
        severity="error",
        location=FindingLocation(
            paragraph=claim.paragraph.index, sentence=claim.sentence.index, start=start, end=end
        ),
        message=message,
        excerpt=claim.sentence.text,
        evidence=[
            FindingEvidence(
                source=f"reference [{entry.number}]", url=entry.url or None, quote=plain(entry.raw)
            )
        ],
    )
