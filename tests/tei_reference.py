"""The reference TEI flattener: a plain walk over every node, feeding a TextBuilder.

It was fontes's flattener until src/fontes/corpus/tei_text.py replaced it with a faster one
that rewrites the element and lets lxml serialise its text; it stays here as the
specification that one is checked against (tests/test_tei_text.py): slow, but every rule
reads as one branch of `_Walker.node`. It does not change the element it reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from fontes.corpus.document import PageBreak
from fontes.corpus.text_builder import TextBuilder, normalise_space

#: Elements that stand on their own line(s): each starts and ends a paragraph of the text.
BLOCKS = frozenset(
    {
        "p",
        "head",
        "opener",
        "closer",
        "dateline",
        "signed",
        "salute",
        "item",
        "table",
        "row",
        "attachment",
        "div",
        "postscript",
        "byline",
        "docAuthor",
        "docDate",
        "trailer",
        "argument",
        "epigraph",
        "ab",
        "lg",
        "l",
        "address",
        "addrLine",
        "listBibl",
        "figure",
        "sp",
        "speaker",
        "stage",
        "castList",
    }
)

#: Inside these, every child element is a paragraph of its own (classification, dateline, ...).
_STACKED = frozenset({"opener", "closer"})

#: Which reading of a `choice` the text shows.
_PREFERRED_READINGS = ("corr", "reg", "expan")


def local_name(element: etree._Element) -> str:
    """`{namespace}name` -> `name` (TEI and FRUS elements alike)."""
    return element.tag.rpartition("}")[2]


@dataclass
class FlatDocument:
    """What a TEI document element says, in plain text."""

    title: str
    text: str
    pages: list[PageBreak]
    trailing_pages: list[str]
    notes: list[str] = field(default_factory=list)
    source_note: str = ""


def flatten_document(div: etree._Element, title_head: etree._Element | None) -> FlatDocument:
    """Text, title (from `title_head`, footnotes removed), notes and page breaks of `div`."""
    walker = _Walker(title_head)
    walker.children(div)
    return FlatDocument(
        title=normalise_space(walker.title.text),
        text=walker.body.text,
        pages=walker.body.pages,
        trailing_pages=walker.body.trailing_pages,
        notes=[n for n in walker.notes if n],
        source_note=walker.source_note,
    )


def plain_text(element: etree._Element) -> str:
    """An element's text on one line, footnotes left out (for names and places)."""
    walker = _Walker(None)
    walker.children(element)
    return normalise_space(walker.body.text)


class _Walker:
    """One pass over the element tree, writing into the body, the title or a footnote."""

    def __init__(self, title_head: etree._Element | None):
        self.title_head = title_head
        self.body = TextBuilder()
        self.title = TextBuilder()
        self.out = self.body
        self.notes: list[str] = []
        self.source_note = ""
        self._source_note_seen = False
        self._in_note = 0

    def children(self, element: etree._Element) -> None:
        self.out.add(element.text)
        for child in element:
            self.node(child)
            self.out.add(child.tail)

    def node(self, element: etree._Element) -> None:
        if not isinstance(element.tag, str):  # comment, processing instruction, entity
            return
        name = local_name(element)
        if name == "note":
            self.note(element)
        elif name == "pb":
            if not self._in_note:  # a page turning inside a footnote does not move the body
                self.out.page_break(element.get("n") or "")
        elif name == "lb":
            self.out.line_break()
        elif element is self.title_head:
            outer, self.out = self.out, self.title
            self.children(element)
            self.out = outer
        elif name == "list":
            self.list(element)
        elif name == "cell":
            self.out.space()
            self.children(element)
            self.out.space()
        elif name == "choice":
            self.choice(element)
        elif self.is_block(element, name):
            self.out.end_block()
            self.children(element)
            self.out.end_block()
        else:
            self.children(element)

    def is_block(self, element: etree._Element, name: str) -> bool:
        if name in BLOCKS:
            return True
        if name == "quote":
            return "block" in (element.get("rend") or "") or any(
                isinstance(c.tag, str) and local_name(c) in ("p", "lg", "list") for c in element
            )
        parent = element.getparent()
        return parent is not None and local_name(parent) in _STACKED

    def note(self, element: etree._Element) -> None:
        is_source = element.get("type") == "source"
        slot = len(self.notes)
        self.notes.append("")
        builder = TextBuilder(block_separator="\n")
        outer, self.out = self.out, builder
        self._in_note += 1
        self.children(element)
        self._in_note -= 1
        self.out = outer
        if is_source and not self._source_note_seen:
            self._source_note_seen = True
            self.source_note = normalise_space(builder.text)
            return
        if builder.text:
            label = element.get("n") or ("source" if is_source else "*")
            self.notes[slot] = f"[{label}] {builder.text}"

    def list(self, element: etree._Element) -> None:
        """Items are paragraphs; a `label` ("(a)", "1.") opens the item that follows it."""
        self.out.end_block()
        self.out.add(element.text)
        after_label = False
        for child in element:
            name = local_name(child) if isinstance(child.tag, str) else ""
            if name == "label":
                self.out.end_block()
                self.children(child)
                self.out.space()
                after_label = True
            elif name == "item":
                if not after_label:
                    self.out.end_block()
                self.children(child)
                self.out.end_block()
                after_label = False
            else:
                self.node(child)
                after_label = after_label and name in ("", "pb", "lb")
            self.out.add(child.tail)
        self.out.end_block()

    def choice(self, element: etree._Element) -> None:
        readings = {local_name(c): c for c in element if isinstance(c.tag, str)}
        for preferred in _PREFERRED_READINGS:
            if preferred in readings:
                self.children(readings[preferred])
                return
        self.children(element)
