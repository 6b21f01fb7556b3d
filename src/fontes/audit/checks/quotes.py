"""Is every quotation of the essay the source's own words?

Each quotation of six words or more is anchored in the document its marker's entry names, in the
whole corpus, and in the document the sentence itself describes; the most faithful anchor wins.
A shorter one (two words or more, not stop words only) may be a scare quote or a title, so it is
checked only in the document the text ties it to, and reported only when that document holds it
changed (one word of a number, negation, date or name is enough: `anchor.short`). A verbatim quotation raises no finding: it is right, and
precision comes first. Near-verbatim and paraphrased quotations are warnings that give the source's
real wording; a misquotation is an error naming the words that differ. A quotation found nowhere is
an error only when the text ties it to a document whose whole text the corpus holds in the
quotation's language; otherwise it is `info` (an excerpt, another language, or no source named:
the corpus cannot show it wrong).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fontes.anchor import Anchor
from fontes.anchor.align import ParsedQuote
from fontes.anchor.result import FIDELITY_ORDER
from fontes.anchor.short import locate_short
from fontes.anchor.words import is_content_word
from fontes.audit.context import Audit
from fontes.audit.evidence.catalogue import Known, describe
from fontes.audit.evidence.claims import SentenceClaim
from fontes.audit.evidence.entries import frus_documents, plain
from fontes.audit.evidence.entry_documents import named_document
from fontes.audit.evidence.entry_match import CLEAR_ENTRY, sources_by_parties
from fontes.audit.evidence.quoted import FOUND, anchored
from fontes.audit.evidence.restatement import Restatement, restated_in
from fontes.audit.reading.essay import Essay, Marker, Paragraph, Quotation, Sentence
from fontes.corpus.languages import language_name, text_language
from fontes.model import Finding, FindingEvidence, FindingLocation

#: Quotations of this many words or more are checked (the short ones only where a marker ties them).
_SHORT_WORDS = 2
#: A quotation missing a mark is reported from this many words (fewer is a stray mark).
_LOOSE_WORDS = 3
SEVERITY = {"near-verbatim": "warning", "paraphrase": "warning", "misquote": "error"}
_SHOWN_DIFFERENCES = 6


@dataclass
class _Placed:
    """Where a quotation was found: an anchor, or a loose restatement in a named document."""

    known: Known | None
    anchor: Anchor | None = None
    restatement: Restatement | None = None

    @property
    def fidelity(self) -> str:
        if self.anchor is not None:
            return self.anchor.fidelity
        return "paraphrase" if self.restatement is not None else "not-found"


def check_quotations(essay: Essay, context: Audit) -> list[Finding]:
    """A finding for every quotation that is not the verbatim words of a source (none without a corpus)."""
    if context.store is None:
        return []
    audit = context.with_essay(essay)
    findings = []
    for claim in audit.claims:
        paragraph, sentence = claim.paragraph, claim.sentence
        described: list[Known] | None = None  # the document the sentence describes, looked up once
        for quotation in _outermost(claim.long_quotations):
            marker = _marker_of(quotation, sentence)
            from_entry = _entry_documents(marker, audit)
            placed = _best([_in_documents(quotation, from_entry, audit), _in_corpus(quotation, audit)])
            if placed.fidelity == "not-found":
                if described is None:
                    found = _sentence_document(claim, audit)
                    described = [found] if found else []
                placed = _best([placed, _in_documents(quotation, described, audit, loose=True)])
            uncited = _uncited(quotation, claim, placed, audit) if marker is None else None
            if uncited is not None:
                findings.append(uncited)
            if placed.fidelity == "verbatim":
                continue
            cited = (described[0] if described else None) or (from_entry[0] if len(from_entry) == 1 else None)
            finding = _finding(quotation, paragraph, sentence, marker, placed, cited)
            if placed.fidelity == "paraphrase" and marker is None and not _describes(claim, placed, audit):
                finding = _untied_paraphrase(finding)
            findings.append(finding)
        findings += _short_quotation_findings(claim, audit)
        findings += [
            _loose(q, paragraph, sentence) for q in sentence.loose_quotations if _words(q) >= _LOOSE_WORDS
        ]
    return findings


def _uncited(quotation: Quotation, claim: SentenceClaim, placed: _Placed, audit: Audit) -> Finding | None:
    """A warning for a quotation without a marker that is found in a document an entry of the list
    names (unless the next marker of its paragraph, or one of the sentence before, names that entry)."""
    if placed.known is None or placed.fidelity == "not-found":
        return None
    numbers = [n for n in sorted(audit.entries) if _names(audit, n, placed.known.id)]
    if not numbers:
        return None
    later = [m for s in claim.paragraph.sentences for m in s.markers if m.start >= quotation.end]
    if later and set(later[0].numbers) & set(numbers):
        return None
    before = [s for s in claim.paragraph.sentences if s.index == claim.sentence.index - 1]
    if before and {n for m in before[0].markers for n in m.numbers} & set(numbers):
        return None  # the sentence before cites the document; this one goes on quoting it
    source = placed.known.source
    shown = ", ".join(f"[{n}]" for n in numbers)
    message = (
        f"This quotation carries no marker, but it is found in {describe(source)} [{source.id}], "
        f"which entry {shown} of the list names: cite it with {shown}"
    )
    entry = audit.entries[numbers[0]]
    return Finding(
        kind="quote-uncited",
        severity="warning",
        location=FindingLocation(
            paragraph=claim.paragraph.index,
            sentence=claim.sentence.index,
            start=quotation.start,
            end=quotation.end,
        ),
        message=message,
        excerpt=quotation.text if len(quotation.text) <= 240 else quotation.text[:239].rstrip() + "…",
        evidence=[
            FindingEvidence(source=source.id, url=source.url or None, quote=_placed_words(placed)),
            FindingEvidence(
                source=f"reference [{numbers[0]}]", url=entry.url or None, quote=plain(entry.raw)
            ),
        ],
    )


def _names(audit: Audit, number: int, source_id: str) -> bool:
    """Entry `number` names the document `source_id` (one of the FRUS documents it lists, or the one it describes)."""
    entry = audit.entries[number]
    if source_id in frus_documents(entry):
        return True
    named = named_document(audit, number)
    return named is not None and named.id == source_id


def _placed_words(placed: _Placed) -> str:
    if placed.anchor is not None and placed.anchor.selector is not None:
        return " ".join(placed.anchor.selector.exact.split())
    if placed.restatement is not None:
        return " ".join(placed.restatement.words.split())
    return describe(placed.known.source) if placed.known else ""


def _describes(claim: SentenceClaim, placed: _Placed, audit: Audit) -> bool:
    """Whether the sentence's own words (its day, a sender or recipient, a rare title word; not the
    quotation) point at the document the quotation was placed in."""
    cited = audit.cited(claim)
    if cited is None or placed.known is None:
        return False
    return (cited.pinned or cited.dated) and cited.source == placed.known.id


def _untied_paraphrase(finding: Finding) -> Finding:
    """A paraphrase found in a document the text names in no way: a lead, not a fault (`info`)."""
    message = finding.message.replace("Paraphrase presented as a quotation: these are not", "Perhaps not", 1)
    return finding.model_copy(
        update={"severity": "info", "message": f"{message} (the text names no source for this quotation)"}
    )


def _short_quotation_findings(claim: SentenceClaim, audit: Audit) -> list[Finding]:
    """Quotations of two to five words are checked only in the document the text ties them to, and
    only when distinctive; a finding only when that document holds them changed (near-verbatim or
    misquoted; the aligner judges from three words), never for words it does not hold (a short
    phrase may be the essay's own)."""
    findings = []
    long = claim.long_quotations
    for quotation in claim.sentence.quotations:
        if quotation in long or _words(quotation) < _SHORT_WORDS or not _distinctive(quotation.text):
            continue
        marker = _marker_of(quotation, claim.sentence)
        tied = [k for k in _entry_documents(marker, audit) if k.text_complete is not False]
        if not tied:
            continue
        placed = _in_documents(quotation, tied, audit)
        if placed.fidelity not in ("verbatim", "misquote", "near-verbatim"):
            placed = _changed_word(quotation, tied, audit) or placed
        if placed.fidelity in ("misquote", "near-verbatim") and placed.known is not None:
            findings.append(
                _finding(quotation, claim.paragraph, claim.sentence, marker, placed, placed.known)
            )
    return findings


def _changed_word(quotation: Quotation, tied: list[Known], audit: Audit) -> _Placed | None:
    """A quotation too short to align, found in a tied document with one meaning-bearing word
    changed (`anchor.short`). Two words may stand as they are in some other document by chance
    ("three points"), so only the tied document's words count."""
    found = []
    for known in tied:
        match = locate_short(ParsedQuote.parse(quotation.text), audit.catalogue.text(known.id) or "")
        if match is not None and match.fidelity == "misquote":
            found.append(_Placed(known, Anchor.from_match(known.id, match)))
    return found[0] if len(found) == 1 else None  # two documents changed two ways: which is cited?


def _words(quotation: Quotation) -> int:
    return len(re.findall(r"\w+", quotation.text))


def _distinctive(text: str) -> bool:
    """Not stop words only: a content word longer than three letters, or a number."""
    return any(is_content_word(w) and (len(w) > 3 or w.isdigit()) for w in re.findall(r"\w+", text.lower()))


def _loose(quotation: Quotation, paragraph: Paragraph, sentence: Sentence) -> Finding:
    """A quotation missing a mark: read as far as the sentence allows, and said so (not checked)."""
    where = "its end" if quotation.missing_mark == "closing" else "its start"
    return Finding(
        kind="quote-fidelity",
        severity="info",
        location=FindingLocation(
            paragraph=paragraph.index, sentence=sentence.index, start=quotation.start, end=quotation.end
        ),
        message=(
            f"A quotation mark is missing: the {quotation.missing_mark} mark of this quotation is not there, so "
            f"it was read to the sentence's {where.split()[1]} and not checked against the sources"
        ),
        excerpt=quotation.text if len(quotation.text) <= 240 else quotation.text[:239].rstrip() + "…",
    )


def _outermost(quotations: list[Quotation]) -> list[Quotation]:
    """A quotation inside another quotation is judged with it, not again on its own."""
    return [
        q
        for q in quotations
        if not any(o is not q and o.start <= q.start and q.end <= o.end for o in quotations)
    ]


def _marker_of(quotation: Quotation, sentence: Sentence) -> Marker | None:
    """The marker that follows the quotation in its sentence, else the sentence's last marker
    (a block quotation's: the one of the sentence introducing it)."""
    after = [m for m in sentence.markers if m.start >= quotation.end]
    if after:
        return after[0]
    if sentence.markers:
        return sentence.markers[-1]
    return quotation.introduced_by[-1] if quotation.introduced_by else None


def _entry_documents(marker: Marker | None, audit: Audit) -> list[Known]:
    """The corpus documents that the marker's entries clearly describe."""
    if marker is None:
        return []
    catalogue = audit.catalogue
    documents: list[Known] = []
    for number in marker.numbers:
        entry = audit.entries.get(number)
        if entry is None:
            continue
        named = [catalogue.get(i) for i in sorted(frus_documents(entry))]
        if named:
            documents += [k for k in named if k is not None]
            continue
        match = audit.described_entries[number]
        if match.clear and match.known is not None:
            documents.append(match.known)
        elif match.score >= CLEAR_ENTRY:
            # several documents fit as well (two telegrams of one day between the same men): the
            # quotation is sought in each of those its sender, recipient and day name, never in
            # whichever of them sorts first
            documents += sources_by_parties(entry, catalogue)
    return [k for k in documents if k.in_corpus]


def _sentence_document(claim: SentenceClaim, audit: Audit) -> Known | None:
    cited = audit.cited(claim)
    return audit.catalogue.get(cited.source) if cited else None


def _in_documents(
    quotation: Quotation, documents: list[Known], context: Audit, loose: bool = False
) -> _Placed:
    """The quotation in the first of `documents` that holds it (loosely restated too, when `loose`)."""
    placed = _Placed(None)
    for known in documents:
        if not known.in_corpus:
            continue
        anchor = anchored(quotation.text, context, known.id)
        placed = _best([placed, _Placed(known, anchor if anchor.fidelity in FOUND else None)])
        if placed.fidelity == "not-found" and loose:
            restatement = restated_in(quotation.text, context.catalogue.text(known.id) or "")
            if restatement is not None:
                placed = _Placed(known, restatement=restatement)
    if placed.known is None and documents:
        placed = _Placed(documents[0])
    return placed


def _in_corpus(quotation: Quotation, context: Audit) -> _Placed:
    anchor = anchored(quotation.text, context)
    if anchor.fidelity not in FOUND or anchor.source is None:
        return _Placed(None)
    return _Placed(context.catalogue.get(anchor.source), anchor)


def _best(options: list[_Placed]) -> _Placed:
    """The most faithful placement (the first of equals: the marker's own document wins ties)."""

    def rank(p: _Placed):
        score = p.anchor.score if p.anchor is not None else (p.restatement.recall if p.restatement else 0.0)
        loose = 0 if p.anchor is not None or p.restatement is None else 1
        return FIDELITY_ORDER.index(p.fidelity), loose, -score

    found = [p for p in options if p.fidelity != "not-found"]
    if found:
        return min(found, key=rank)
    return next((p for p in options if p.known is not None), options[0])


# -- findings ------------------------------------------------------------------------------------


def _finding(
    quotation: Quotation,
    paragraph: Paragraph,
    sentence: Sentence,
    marker: Marker | None,
    placed: _Placed,
    cited: Known | None,
) -> Finding:
    location = FindingLocation(
        paragraph=paragraph.index,
        sentence=sentence.index,
        start=quotation.start,
        end=quotation.end,
        marker=marker.text if marker else None,
    )
    excerpt = quotation.text if len(quotation.text) <= 240 else quotation.text[:239].rstrip() + "…"
    if placed.fidelity == "not-found" or placed.known is None:
        return _not_found(location, excerpt, cited, text_language(quotation.text))
    source = placed.known.source
    anchor, restatement = placed.anchor, placed.restatement
    if anchor and anchor.selector:
        words = anchor.selector.exact
    else:
        words = restatement.words if restatement else ""
    words = " ".join(words.split())
    name = f"{describe(source)} [{source.id}]"
    if anchor is not None and placed.fidelity == "misquote":
        # the differences that change the sense; else (words put for others) every difference
        changed = [d for d in anchor.diff if d.meaning] or list(anchor.diff)
        shown = "; ".join(
            f"“{d.quote}” where the source has “{d.source}”" + (f" ({d.meaning})" if d.meaning else "")
            for d in changed[:_SHOWN_DIFFERENCES]
        )
        message = f"Misquotation of {name}: {shown}. The source reads: “{words}”"
    elif anchor is not None and placed.fidelity == "near-verbatim":
        shown = "; ".join(f"“{d.quote}” for “{d.source}”" for d in anchor.diff[:_SHOWN_DIFFERENCES])
        message = f"Near-verbatim quotation of {name}, with small differences ({shown}). The source reads: “{words}”"
    elif restatement is not None:
        message = (
            f"Paraphrase presented as a quotation: these are not the words of {name}, which says it "
            f"(loosely) in other words: “{words}”"
        )
    else:
        message = (
            f"Paraphrase presented as a quotation: these are not the words of {name}, which says it "
            f"in other words: “{words}”"
        )
    evidence = [FindingEvidence(source=source.id, url=source.url or None, quote=words)]
    return Finding(
        kind="quote-fidelity",
        severity=SEVERITY[placed.fidelity],
        location=location,
        message=message,
        excerpt=excerpt,
        evidence=evidence,
    )


def _not_found(location: FindingLocation, excerpt: str, cited: Known | None, quoted_language: str) -> Finding:
    """Not in the corpus: a finding only as strong as what the corpus can show.

    An error only when the text ties the quotation to a document whose whole text is stored,
    in the quotation's language; otherwise `info`: the quotation could not be checked.
    """
    if cited is not None and checkable(cited, quoted_language):
        source = cited.source
        message = (
            f"Not in {describe(source)} [{source.id}]: the corpus holds that document's full text, and "
            f"neither these words nor a passage restating them were found in it"
        )
        return Finding(
            kind="quote-fidelity",
            severity="error",
            location=location,
            message=message,
            excerpt=excerpt,
            evidence=[FindingEvidence(source=source.id, url=source.url or None, quote=describe(source))],
        )
    evidence = []
    if cited is None:
        message = (
            "Not in the corpus; the text ties this quotation to a source the corpus does not hold, "
            "so it could not be checked"
            if location.marker
            else "Not in the corpus; the text names no source"
        )
    else:
        source = cited.source
        message = (
            f"Not found in {describe(source)} [{source.id}]: {_what_is_stored(cited, quoted_language)}; "
            "the quotation could not be checked"
        )
        evidence.append(FindingEvidence(source=source.id, url=source.url or None, quote=describe(source)))
    return Finding(
        kind="quote-fidelity",
        severity="info",
        location=location,
        message=message,
        excerpt=excerpt,
        evidence=evidence,
    )


def checkable(known: Known, quoted_language: str) -> bool:
    """Whether the stored copy could show a quotation is wrong: whole, and in the quotation's language."""
    same_language = not known.language or not quoted_language or known.language == quoted_language
    return known.in_corpus and known.text_complete is True and same_language


def _what_is_stored(known: Known, quoted_language: str) -> str:
    """What the corpus holds of a document, said so that the reader sees why nothing was checked."""
    kind = known.source.doc_type or "document"
    if not known.in_corpus:
        return "the corpus does not hold its text"
    if known.language and quoted_language and known.language != quoted_language:
        return f"the stored copy is the {language_name(known.language)} original"
    if known.text_complete is False:
        return f"the stored copy holds only the first {known.characters:,} characters of this {kind}"
    return "the corpus does not say whether its stored copy is the whole text"
