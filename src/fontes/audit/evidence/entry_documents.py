"""The one document an entry of the reference list names, and the words that document holds.

named_document(audit, number) -> Known | None   # the FRUS document it names, else the source it clearly describes
document_stems(audit, known) -> set[str]        # the content stems of its title, stored text, notes and summary

The checks that weigh a sentence against the entry its marker names (a shifted run, a date, the
kind of source, a quotation without a marker) read the entry's document through these two.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from fontes.audit.evidence.catalogue import Known
from fontes.audit.evidence.entries import frus_documents
from fontes.audit.evidence.words import content_stems

if TYPE_CHECKING:
    from fontes.audit.context import Audit


def named_document(audit: Audit, number: int) -> Known | None:
    """The document entry `number` names: its one FRUS document, else the source it clearly describes."""
    entry = audit.entries.get(number)
    if entry is None:
        return None
    named = sorted(frus_documents(entry))
    if named:
        return audit.catalogue.get(named[0]) if len(named) == 1 else None
    match = audit.described_entries.get(number)
    return match.known if match is not None and match.clear else None


def document_words(audit: Audit, known: Known) -> str:
    """A document's title, stored text, notes and summary: every word the corpus keeps of it."""
    parts = [known.source.title]
    document = audit.catalogue.document(known.id) if known.in_corpus else None
    if document is not None:
        parts += [document.text, document.notes, document.summary]
    return "\n".join(p for p in parts if p)


def document_stems(audit: Audit, known: Known | None) -> set[str]:
    """The content stems of every word the corpus keeps of a document (none for no document)."""
    return set(content_stems(document_words(audit, known))) if known is not None else set()


#: The words of the sentence the entry's document must hold to be the one it misdates.
_MISDATED_SHARED = 3
#: How far (days) the entry's document may lie from the day the sentence gives it.
_MISDATED_DAYS = 31


def misdated_entry(audit: Audit, claim) -> tuple[int, Known] | None:
    """(number, document) when the sentence's one marker names a document it gives the wrong day:
    its day and author pin another document of that author (no quotation of it), but the entry's
    document, by the same author and within a month, holds as many of the sentence's words. The
    marker is then right and the date wrong ("Stalin's letter of 8 October" for the one of 5 October)."""
    cited = audit.cited(claim)
    numbers = [n for m in claim.sentence.markers for n in m.numbers]
    if cited is None or cited.anchor is not None or cited.restatement is not None or len(set(numbers)) != 1:
        return None
    day_document, named = audit.catalogue.get(cited.source), named_document(audit, numbers[0])
    if day_document is None or named is None or named.id == day_document.id or not named.in_corpus:
        return None
    if not (day_document.authors & named.authors) or named.days is None or day_document.days is None:
        return None
    if abs((named.days[0] - day_document.days[0]).days) > _MISDATED_DAYS:
        return None
    stems = set(claim.stems)
    held = len(stems & document_stems(audit, named))
    if held < _MISDATED_SHARED or held < len(stems & document_stems(audit, day_document)):
        return None
    return numbers[0], named


def cited_days(audit: Audit, claim) -> tuple[dt.date, dt.date] | None:
    """The days of the document the sentence's one marker names: the time of a sentence that names
    no day of its own ("Secretary of State Marshall then sent the draft [6]")."""
    numbers = {n for m in claim.sentence.markers for n in m.numbers}
    known = named_document(audit, numbers.pop()) if len(numbers) == 1 else None
    return known.days if known is not None else None
