"""The one document an entry of the reference list names, and the words that document holds.

named_document(audit, number) -> Known | None   # the FRUS document it names, else the source it clearly describes
document_stems(audit, known) -> set[str]        # the content stems of its title, stored text, notes and summary

The checks that weigh a sentence against the entry its marker names (a shifted run, a date, the
kind of source, a quotation without a marker) read the entry's document through these two.
"""

from __future__ import annotations

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
