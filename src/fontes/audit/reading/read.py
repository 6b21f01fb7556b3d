"""Read an essay (plain text, Markdown or .docx) into an `Essay`: the input of every audit check.

Paragraph, sentence and quotation texts are the words of their span of `Essay.text` with line
breaks (and a block quote's `>`) folded into single spaces; every offset is a code point of
`Essay.text`, end exclusive.
"""

from __future__ import annotations

import re
from pathlib import Path

from fontes.audit.reading.blocks import INTRODUCES, SUPERSCRIPT_DIGITS, TRAILING_MARKERS, Block, split_blocks
from fontes.audit.reading.essay import Essay, Marker, Paragraph, Quotation, Reference, Sentence
from fontes.audit.reading.markers import NUMBERED_MARKER, find_markers, note_label_numbers
from fontes.audit.reading.non_prose import blank_non_prose
from fontes.audit.reading.quotations import find_quotations, opens_with_quotation
from fontes.audit.reading.references import parse_reference, reference_blocks
from fontes.audit.reading.sentences import split_sentences
from fontes.audit.reading.source_text import essay_text
from fontes.errors import AuditError

#: A note's own number as notes printed after the text carry it: `8.` or `[8]`.
_NOTE_LABEL = re.compile(r"\s*(?:\d{1,3}\.?|\[\d{1,3}\])\s")


def read_essay(path: str | Path, *, refuse_empty: bool = False) -> Essay:
    """The essay in a .txt, .md or .docx file; raises AuditError when the file cannot be read
    (and, with `refuse_empty`, when it holds no words: an audit of nothing finds nothing)."""
    path = Path(path)
    text = essay_text(path)
    if refuse_empty and not text.strip():
        raise AuditError(
            "the essay is empty: there is nothing to audit", file=str(path), hint="is it the file you meant?"
        )
    return essay_from_text(text, str(path))


def essay_from_text(text: str, path: str = "<text>") -> Essay:
    """The essay in a text (Markdown understood); `path` only names it.

    Front matter, HTML comments and code blocks are blanked first: they are not the essay's prose.
    """
    text = blank_non_prose(text)
    blocks = split_blocks(text)
    taken, entry_blocks = reference_blocks(text, blocks)
    note_numbers = note_label_numbers([b.label for b in blocks if b.kind == "note"])
    references = [parse_reference(text, b, note_numbers.get(b.label)) for b in entry_blocks]
    body = [b for i, b in enumerate(blocks) if b.kind != "note" and (i not in taken or b.kind == "heading")]
    bare_numbers = _bare_note_numbers(text, body, references)
    superscripts = any(r.raw[:1] in SUPERSCRIPT_DIGITS for r in references)
    paragraphs: list[Paragraph] = []
    for position, block in enumerate(body):
        following = body[position + 1] if position + 1 < len(body) else None
        continued = following is not None and opens_with_quotation(following.raw(text))
        paragraphs.append(
            _paragraph(text, block, len(paragraphs), note_numbers, continued, bare_numbers, superscripts)
        )
    _tie_block_quotations_to_their_introductions(paragraphs)
    title = paragraphs[0].text if paragraphs and paragraphs[0].heading and body[0] is blocks[0] else ""
    return Essay(path=path, text=text, title=title, paragraphs=paragraphs, references=references)


def words_of(span: str) -> str:
    """A span's words on one line: line breaks and block-quote marks folded into single spaces."""
    return " ".join(re.sub(r"(?m)^[ \t]*>[ \t]?", "", span).split())


def _bare_note_numbers(text: str, body: list[Block], references: list[Reference]) -> int:
    """The highest note number when the notes are numbered `n.` or `[n]` and the body has no
    bracketed marker (its note numbers are flattened superscripts, `held.3`); else 0."""
    numbered = [r for r in references if r.number is not None]
    if not numbered or not all(_NOTE_LABEL.match(r.raw) for r in numbered):
        return 0
    if any(NUMBERED_MARKER.search(text, b.content_start, b.end) for b in body):
        return 0
    return max(r.number or 0 for r in numbered)


def _tie_block_quotations_to_their_introductions(paragraphs: list[Paragraph]) -> None:
    """A block quotation without markers of its own takes those of the sentence introducing it,
    when that sentence ends in a colon ("Brandt ordered:[1]")."""
    for previous, paragraph in zip(paragraphs, paragraphs[1:]):
        if previous.heading or not previous.sentences or not paragraph.sentences:
            continue
        introduction = previous.sentences[-1]
        if not introduction.markers or not INTRODUCES.search(introduction.text):
            continue
        for sentence in paragraph.sentences:
            for quotation in sentence.quotations:
                if quotation.block and not sentence.markers:
                    quotation.introduced_by = list(introduction.markers)


def _paragraph(
    text: str,
    block: Block,
    index: int,
    note_numbers: dict[str, int],
    continued: bool,
    bare_numbers: int = 0,
    superscripts: bool = False,
) -> Paragraph:
    start, end = block.content_start, block.end
    if block.kind == "heading":
        return Paragraph(
            index=index, text=words_of(text[start:end]).strip("#*_ "), start=start, end=end, heading=True
        )
    markers = [
        m
        for m in find_markers(text, start, end, note_numbers, bare_numbers, superscripts)
        if not _own_label(text, block, m)
    ]
    loose: list[Quotation] = []
    if block.kind == "quote":
        quotations = _block_quotation(text, start, end)
        spans = [(start, end)]
    else:
        quotations = find_quotations(text, start, end, continued, loose)
        markers, quotations = _markers_outside_quotations(text, markers, quotations)
        spans = split_sentences(text, start, end, [(q.start, q.end) for q in quotations])
    sentences = [
        Sentence(
            index=i,
            text=words_of(text[s:e]),
            start=s,
            end=e,
            markers=[m for m in markers if s <= m.start < e],
            quotations=[q for q in quotations if s <= q.start < e],
            loose_quotations=[q for q in loose if s <= q.start < e],
        )
        for i, (s, e) in enumerate(spans)
    ]
    return Paragraph(index=index, text=words_of(text[start:end]), start=start, end=end, sentences=sentences)


def _own_label(text: str, block: Block, marker: Marker) -> bool:
    """A `[8]` opening a paragraph of its own is the label of a note, not a citation of one."""
    return marker.start == block.content_start and block.kind in ("text", "item") and marker.text[:1] == "["


#: A block quote's closing attribution line: "— Muccio to the Secretary of State, 25 June 1950".
_ATTRIBUTION = re.compile(r"\n[ \t]*(?:>[ \t]*)*(?:[—–―]|--|(?i:source|from):)[ \t]*\S[^\n]*$")


def _block_quotation(text: str, start: int, end: int) -> list[Quotation]:
    """A block quote's words, without its attribution line, the markers after it or quotation marks
    around it."""
    attribution = _ATTRIBUTION.search(text, start, end)
    end = attribution.start() if attribution else end
    trailing = TRAILING_MARKERS.search(text, start, end)
    stop = trailing.start() if trailing else end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if start < stop and text[start] in '“"«':
        start += 1
        closing = max(text.rfind(mark, start, stop) for mark in '”"»')
        if closing >= 0 and not text[closing + 1 : stop].strip(".,;:!? "):
            stop = closing
    words = words_of(text[start:stop])
    return [Quotation(text=words, start=start, end=stop, block=True)] if words else []


def _markers_outside_quotations(text: str, markers: list[Marker], quotations: list[Quotation]):
    """Numbers in brackets inside a quotation are the quoted text's own, unless they close it."""
    kept: list[Marker] = []
    for marker in markers:
        holder = next((q for q in quotations if q.start <= marker.start < q.end), None)
        if holder is None:
            kept.append(marker)
        elif not text[marker.end : holder.end].strip(" .,;:!?"):
            kept.append(marker)
            cut = marker.start
            while cut > holder.start and text[cut - 1].isspace():
                cut -= 1
            holder.end = cut
            holder.text = words_of(text[holder.start : cut])
    return kept, [q for q in quotations if q.text]
