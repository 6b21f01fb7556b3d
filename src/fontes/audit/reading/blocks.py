"""An essay's text cut into blocks: headings, paragraphs, block quotes, list items, note definitions.

A block is a span of `Essay.text`. Lines wrapped inside a paragraph stay one block; a paragraph
that a page break cut in two (it ends mid-sentence and the rest follows after a blank line) is
put back together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fontes.audit.reading.words import words

#: A Markdown heading line: `## 2. The Historiography`.
MARKDOWN_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
#: A numbered section heading: `2. The Historiography of the Korean War`, `II. Background`.
NUMBERED_HEADING = re.compile(r"[ \t]{0,3}(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.)[ \t]+(\S.*?)[ \t]*$")
#: Section names that stand alone on a line as a heading.
SECTION_NAMES = re.compile(
    r"(?:abstract|introduction|background|conclusions?|summary|discussion|acknowledge?ments?|appendix"
    r"|references?|bibliography|notes|endnotes|footnotes|works cited|sources|literature cited"
    r"|reference list|select bibliography|further reading|citations)\b.{0,40}",
    re.IGNORECASE,
)
#: Superscript digits, as a note's number is printed: `held.¹²`.
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
#: The start of a list item or a numbered entry: `- `, `* `, `1. `, `1) `, `[1] `, `- [1] `, `^1 `, `¹ `.
LIST_ITEM = re.compile(
    r"[ \t]{0,3}(?:[-*+•][ \t]+(?:\[\d{1,3}\][ \t]*)?|\d{1,3}[.)][ \t]+|\[\d{1,3}\][ \t]*|\^\d{1,3}[ \t]+"
    rf"|[{SUPERSCRIPT_DIGITS}]{{1,3}}[ \t]*)(?=\S)"
)
#: A Markdown footnote definition: `[^3]: text`.
NOTE_DEFINITION = re.compile(r"[ \t]{0,3}\[\^([^\]\s]+)\]:[ \t]*")
BLOCK_QUOTE_LINE = re.compile(r"[ \t]{0,3}>")
#: Words a paragraph cannot end on, so a blank line after them is a page break, not a paragraph end.
OPEN_ENDINGS = words(
    "a an the of to in on at by for with from into upon onto and or nor but than as that which who whom"
    " whose its his her their our my your this these those is was were are be been has have had not"
    " between among against about during without within toward towards"
)
SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")
#: A sentence introducing what follows: it ends in a colon, before any markers.
INTRODUCES = re.compile(r":\s*(?:\[\^?[\d,;–— -]+\]|\^\d{1,3}|\d{1,3})*\s*$")
#: Note markers ending a line or block; the whitespace before each is bounded (`\s*` took quadratic
#: time on a long run of spaces).
TRAILING_MARKERS = re.compile(r"(?:\s{0,20}\[\^?[\w,;–—\- ]+\])+\s*$")


@dataclass
class Block:
    """A span of the essay's text and what it is."""

    start: int
    end: int
    kind: str  # heading, text, quote, item, note
    level: int = 0  # a heading's depth
    label: str = ""  # a note definition's label
    content_start: int = 0  # where the words start, after `#`, `- `, `>` or `[^n]:`

    def raw(self, text: str) -> str:
        return text[self.content_start : self.end]


def lines_with_offsets(text: str):
    """(start, end, line) for every line of the text, end excluding the newline."""
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def split_blocks(text: str) -> list[Block]:
    """Every block of the text, in order, classified; page-broken paragraphs rejoined."""
    blocks: list[Block] = []
    for group in _line_groups(text):
        blocks.extend(_classify_group(text, group, first=not blocks))
    _mark_indented_quotes(text, blocks)
    return _split_plain_notes(text, _rejoin_page_breaks(text, blocks))


def _line_groups(text: str):
    """Runs of non-blank lines, cut again where a line starts a heading, item, note or quote."""
    group: list[tuple[int, int, str]] = []
    for start, end, line in lines_with_offsets(text):
        if not line.strip():
            if group:
                yield group
            group = []
            continue
        if group and _starts_unit(line, group):
            yield group
            group = []
        group.append((start, end, line))
    if group:
        yield group


def _starts_unit(line: str, group: list[tuple[int, int, str]]) -> bool:
    previous = group[-1][2]
    if MARKDOWN_HEADING.match(previous) or MARKDOWN_HEADING.match(line):
        return True
    if bool(BLOCK_QUOTE_LINE.match(line)) != bool(BLOCK_QUOTE_LINE.match(previous)):
        return True
    if NOTE_DEFINITION.match(line):
        return True
    if LIST_ITEM.match(line) and (LIST_ITEM.match(group[0][2]) or previous.rstrip().endswith(":")):
        return True
    return len(group) == 1 and line.lstrip()[:1].isupper() and _is_heading_line(previous, alone=False)


def _is_heading_line(line: str, alone: bool) -> bool:
    """A numbered section heading or a bare section name; `alone` when nothing follows it."""
    stripped = line.strip().rstrip(":")
    if not stripped or len(stripped) > 120:
        return False
    numbered = NUMBERED_HEADING.fullmatch(line)
    if numbered:
        words = numbered.group(1)
        return (
            len(words.split()) <= 15
            and words[0].isupper()
            and not re.search(r"[.,;]$", words)
            and (alone or len(words.split()) <= 8)
        )
    return bool(SECTION_NAMES.fullmatch(stripped)) and len(stripped.split()) <= 4


def _classify_group(text: str, group: list[tuple[int, int, str]], first: bool) -> list[Block]:
    start, end = group[0][0], group[-1][1]
    line = group[0][2]
    heading = MARKDOWN_HEADING.match(line)
    if heading:
        return [Block(start, end, "heading", len(heading.group(1)), content_start=start + heading.start(2))]
    if len(group) == 1 and (_is_heading_line(line, alone=True) or (first and _is_title_line(line))):
        return [Block(start, end, "heading", 1 if first else 2, content_start=start + _indent(line))]
    note = NOTE_DEFINITION.match(line)
    if note:
        return [Block(start, end, "note", label=note.group(1), content_start=start + note.end())]
    if BLOCK_QUOTE_LINE.match(line) and all(BLOCK_QUOTE_LINE.match(g[2]) for g in group):
        return _quote_blocks(group)
    item = LIST_ITEM.match(line)
    if item:
        bullet = line[: item.end()].strip()
        keep_number = not bullet.startswith(("-", "*", "+", "•"))
        offset = _indent(line) if keep_number else item.end()
        if not keep_number and re.search(r"\[\d{1,3}\]", bullet):
            offset = _indent(line) + line[_indent(line) :].index("[")
        return [Block(start, end, "item", content_start=start + offset)]
    return [Block(start, end, "text", content_start=start + _indent(line))]


def _quote_blocks(group: list[tuple[int, int, str]]) -> list[Block]:
    """A block quote; when its first paragraph (up to an empty `>` line) ends in a colon, that is the
    caption introducing the rest (a source box: "> **Source A.** Muccio reported:[1]"), prose."""
    blank = next(
        (i for i, g in enumerate(group) if not BLOCK_QUOTE_LINE.sub("", g[2], count=1).strip()), None
    )
    rest = [g for g in group[blank or 0 :] if BLOCK_QUOTE_LINE.sub("", g[2], count=1).strip()]
    if blank and rest and INTRODUCES.search(group[blank - 1][2]):
        return [_quote_block(group[:blank], "text"), _quote_block(rest, "quote")]
    return [_quote_block(group, "quote")]


def _quote_block(lines: list[tuple[int, int, str]], kind: str) -> Block:
    start, _, first = lines[0]
    inner = BLOCK_QUOTE_LINE.match(first).end()  # type: ignore[union-attr]
    inner += len(first[inner:]) - len(first[inner:].lstrip())
    return Block(start, lines[-1][1], kind, content_start=start + inner)


def _is_title_line(line: str) -> bool:
    words = line.split()
    if not 0 < len(words) <= 20 or LIST_ITEM.match(line) or TRAILING_MARKERS.search(line):
        return False
    return not re.search(r"[.;,!]$", line.strip())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _mark_indented_quotes(text: str, blocks: list[Block]) -> None:
    """Paragraphs indented as a whole are block quotes, where the other paragraphs are not indented."""
    body = [b for b in blocks if b.kind == "text"]
    indented = [
        b
        for b in body
        if all(
            _indent(line) >= 4 or line.startswith("\t")
            for _, _, line in lines_with_offsets(text[b.start : b.end])
        )
    ]
    if indented and len(indented) <= 0.3 * len(body):
        for block in indented:
            block.kind = "quote"


#: A note numbered by a bare number, as official histories print them: "3 FRUS 1950, VII, 127."
_PLAIN_NOTE_LINE = re.compile(r"[ \t]{0,3}(\d{1,3})[ \t]+(?=[A-Z“\"(])")
_NOTE_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b")


def _split_plain_notes(text: str, blocks: list[Block]) -> list[Block]:
    """The paragraphs ending the text that are runs of notes numbered by bare numbers ("3 The
    Ambassador ..., 25 June 1950"), cut into one item per note, its number as the label; only
    where the numbers rise and every note gives a year, so that no paragraph of prose is cut."""
    cut: list[Block] = []
    for block in reversed(blocks):
        notes = _plain_notes(text, block) if block.kind == "text" else None
        if notes is None:
            break
        cut = notes + cut
        blocks = blocks[:-1]
    return blocks + cut


def _plain_notes(text: str, block: Block) -> list[Block] | None:
    notes: list[Block] = []
    for start, end, line in lines_with_offsets(text[block.start : block.end]):
        number = _PLAIN_NOTE_LINE.match(line)
        if number:
            at = block.start + start
            notes.append(
                Block(at, block.start + end, "item", label=number.group(1), content_start=at + _indent(line))
            )
        elif notes and line.strip():
            notes[-1].end = block.start + end  # a note running over two lines
        else:
            return None
    numbers = [int(n.label) for n in notes]
    if not notes or numbers != sorted(set(numbers)):
        return None
    return notes if all(_NOTE_YEAR.search(n.raw(text)) for n in notes) else None


def _rejoin_page_breaks(text: str, blocks: list[Block]) -> list[Block]:
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.kind == block.kind == "text"
            and _continues(text, previous, block)
        ):
            previous.end = block.end
            continue
        joined.append(block)
    return joined


def _continues(text: str, first: Block, second: Block) -> bool:
    """True when `second` is the rest of `first`, cut off by a page break."""
    head = TRAILING_MARKERS.sub("", first.raw(text)).rstrip()
    tail = second.raw(text).lstrip()
    if not head or not tail or SENTENCE_END.search(head):
        return False
    if tail[0].islower():
        return not re.match(r"[a-z][.)]\s", tail)  # "a. ..." starts an item of its own
    last_word = head.split()[-1].lower()
    if last_word in OPEN_ENDINGS and (tail[0].isalpha() or tail[0] in "“\"‘'"):
        return True
    return _open_quote_closed_by(head, tail)


def _open_quote_closed_by(head: str, tail: str) -> bool:
    """`head` leaves a curly double quotation open and `tail` closes it before opening another."""
    if head.count("“") <= head.count("”"):
        return False
    close, reopen = tail.find("”"), tail.find("“")
    return close >= 0 and (reopen < 0 or close < reopen)
