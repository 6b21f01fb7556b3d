"""Flatten one TEI document element into quotable text, title and footnotes, kept apart.

The body keeps what a reader of the printed page quotes: paragraphs (and openers, closers,
list items, table rows) separated by blank lines. Footnotes (`note`) leave the body and are
numbered "[n] text"; the archival source note is set aside for the archive reference; page
breaks (`pb`) are zero-width and recorded as offsets.

For speed, Python never visits the words: the element is rewritten in place so that its text
alone says the layout (markers where paragraphs end, lines break, gaps are implied and pages
start; the unread readings of a `choice` and the content of `pb`/`lb` removed; footnotes and
the title taken out), lxml serialises that text in one C call, and `Markers.finish` turns it
into the quotable text. Only the elements that shape the layout are touched.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from lxml import etree

from fontes.corpus.document import PageBreak
from fontes.corpus.marked_text import USUAL_LEAD, Markers

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

#: Elements whose name shapes the layout; every other element is read as running text.
_LAYOUT = BLOCKS | {"note", "pb", "lb", "list", "cell", "choice", "quote"}
#: ... found by lxml in any namespace (or none); notes are taken out on their own.
_LAYOUT_TAGS = tuple(f"{{*}}{name}" for name in sorted(_LAYOUT - {"note"}))
#: Block elements with no rule of their own (not the title head, a list item, an opener...).
_PLAIN_BLOCKS = BLOCKS - {"head", "div", "item", "opener", "closer"}

_NORMALIZE_SPACE = etree.XPath("normalize-space()", smart_strings=False)  # a plain str: one copy fewer
#: Whether an element's text holds the usual markers' lead character: asked in C, no text copied.
_HOLDS_USUAL_LEAD = etree.XPath(f"contains(., '{USUAL_LEAD}')")
#: What str.split() takes for whitespace besides XML's own (space, tab, CR, LF).
SPACES_NOT_XML = (
    "\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)
#: ... found in one pass; XML text holds none of the ASCII ones, so ASCII text needs no search.
_SPACE_NOT_XML = re.compile(f"[{re.escape(SPACES_NOT_XML)}]")

_local_names: dict[str, str] = {}


def _name(tag: object) -> str:
    """The local name of a tag (`{namespace}name` -> `name`, TEI and FRUS elements alike);
    "" for comments and processing instructions."""
    if not isinstance(tag, str):
        return ""
    name = _local_names.get(tag)
    if name is None:
        name = _local_names[tag] = tag.rpartition("}")[2]
    return name


@dataclass
class FlatDocument:
    """What a TEI document element says, in plain text."""

    title: str
    text: str
    pages: list[PageBreak]
    trailing_pages: list[str]
    notes: list[str] = field(default_factory=list)
    source_note: str = ""


def flatten_document(
    div: etree._Element, title_head: etree._Element | None, plain: bool = False
) -> FlatDocument:
    """Text, title (from `title_head`, footnotes removed), notes and page breaks of `div`.

    `div` is rewritten in place: read anything else from it first, and free it afterwards.
    `plain`: the caller knows that the text holds neither the markers' lead character nor a
    space beyond XML's (volume_bytes.holds_only_plain_text), so neither is looked for.
    """
    markers = Markers.absent_from("") if plain else _markers_for(div)
    rewrite = _Rewrite(div, title_head, markers)
    notes, source_note = rewrite.take_notes()
    title = ""
    if title_head is not None:
        title = rewrite.markers.one_line(_text(title_head))
        title_head.clear(keep_tail=True)  # the body goes on after it, with nothing in between
    page_names = rewrite.mark_pages()
    body = rewrite.markers.finish(_collapsed_text(div, plain), "\n\n", page_names)
    return FlatDocument(
        title=title,
        text=body.text,
        pages=body.pages,
        trailing_pages=body.trailing_pages,
        notes=notes,
        source_note=source_note,
    )


def plain_text(element: etree._Element) -> str:
    """An element's text on one line, footnotes left out (for names and places)."""
    if not len(element):
        return " ".join((element.text or "").split())
    if not any(_name(e.tag) in _LAYOUT for e in element.iterdescendants()):
        return " ".join(_text(element).split())  # running text only (the usual name)
    element = copy.deepcopy(element)  # the rewriting changes what it reads
    rewrite = _Rewrite(element, None, _markers_for(element))
    rewrite.take_notes()
    return rewrite.markers.one_line(_text(element))


def _text(element: etree._Element) -> str:
    """All the text inside `element` (not its tail), as lxml serialises it: one C call."""
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def _markers_for(element: etree._Element) -> Markers:
    """Markers its text cannot be holding (its text is read only if it holds the usual lead)."""
    return Markers.absent_from(_text(element) if _HOLDS_USUAL_LEAD(element) else "")


def _collapsed_text(element: etree._Element, plain: bool = False) -> str:
    """The text inside `element`, whitespace runs as single spaces (as str.split() sees them).

    For a long text: XPath's normalize-space() does it in C for the XML whitespace; the other
    Unicode spaces (no-break, em, ...), rare, send the text through str.split() as well
    (unless `plain` says there are none).
    """
    text = _NORMALIZE_SPACE(element)
    if not plain and not text.isascii() and _SPACE_NOT_XML.search(text):
        text = " ".join(text.split())
    return text


class _Rewrite:
    """An element rewritten so that its text says its layout with markers (see marked_text).

    On creation, paragraph, line and space markers are put in and what is never read is
    dropped. The rules, in the order they apply to an element inside `root`: a `note` is
    left for `take_notes`; `pb` and `lb` lose their content (an `lb` breaks the line); the
    title head is left for the title; a `list` makes its labels and items paragraphs (a label
    opens the item that follows it); a `cell` is set apart by spaces; a `choice` keeps only
    its preferred reading; a block element (BLOCKS, a block `quote`, any child of an opener
    or closer) is a paragraph; anything else is running text.

    A marker before an element goes at the end of the text before it (its previous sibling's
    tail, or its parent's text), usually a short run of whitespace, rather than in front of
    its own text, usually long: lxml copies a text whole to change it.
    """

    def __init__(self, root: etree._Element, title_head: etree._Element | None, markers: Markers):
        self.root = root
        self.markers = markers
        block = markers.block
        names = _local_names
        for element in list(root.iter(*_LAYOUT_TAGS)):  # a list: the marking removes subtrees
            name = names.get(element.tag) or _name(element.tag)
            if name in _PLAIN_BLOCKS and element is not root:  # the most common case first
                self._before(element, block)
                element.tail = block + (element.tail or "")
                continue
            if name in _STACKED:
                self._mark_stacked_children(element)
            if element is root or element is title_head:
                continue
            if name == "pb":
                _drop_content(element)
            elif name == "lb":
                _drop_content(element)
                element.tail = markers.line + (element.tail or "")
            elif name == "list":
                self._mark_list(element)
            elif name == "cell":
                self._before(element, markers.space)
                element.tail = markers.space + (element.tail or "")
            elif name == "choice":
                _keep_preferred_reading(element)
            elif name == "item" and _is_marked_by_its_list(element, root):
                continue
            elif name in BLOCKS or (name == "quote" and _is_block_quote(element)):
                self._before(element, block)
                element.tail = block + (element.tail or "")

    def _before(self, element: etree._Element, marker: str) -> None:
        """Put `marker` just before `element` (once is enough for a paragraph end)."""
        previous = element.getprevious()
        if previous is not None:
            text = previous.tail
            if text is None:
                previous.tail = marker
            elif not (marker == self.markers.block and text.rstrip().endswith(marker)):
                previous.tail = text + marker
            return
        parent = element.getparent()
        if parent is None:  # inside a subtree the rewriting removed: never read
            return
        text = parent.text
        parent.text = marker if text is None else text + marker

    def _mark_stacked_children(self, stacked: etree._Element) -> None:
        """Every child of an opener or closer is a paragraph (those in _LAYOUT say so themselves)."""
        block = self.markers.block
        for child in stacked:
            name = _name(child.tag)
            if name and name not in _LAYOUT:
                self._before(child, block)
                child.tail = block + (child.tail or "")

    def _mark_list(self, element: etree._Element) -> None:
        """Items are paragraphs; a `label` ("(a)", "1.") opens the item that follows it."""
        block, space = self.markers.block, self.markers.space
        element.text = block + (element.text or "")
        after_label = False
        for child in element:
            name = _name(child.tag)
            if name == "label":
                self._before(child, block)
                child.tail = space + (child.tail or "")
                after_label = True
            elif name == "item":
                if not after_label:
                    self._before(child, block)
                child.tail = block + (child.tail or "")
                after_label = False
            else:  # read by the rules of its own name; only a comment or a break keeps the label open
                after_label = after_label and name in ("", "pb", "lb")
        element.tail = block + (element.tail or "")

    def take_notes(self) -> tuple[list[str], str]:
        """Take the footnotes out: ("[n] text" each, in order; the first source note, on one line).

        Innermost first, so that a note inside a note is not read twice; each leaves its tail.
        """
        root = self.root
        notes = [note for note in root.iter("{*}note") if note is not root]
        if not notes:
            return [], ""
        sources = [note.get("type") == "source" for note in notes]
        # the source note is the first one read to its end: one holding no other source note
        first_source = next(
            (
                i
                for i, note in enumerate(notes)
                if sources[i]
                and not any(inner.get("type") == "source" for inner in note.iterdescendants("{*}note"))
            ),
            -1,
        )
        markers, lead = self.markers, self.markers.lead
        texts = [""] * len(notes)
        source_note = ""
        for i in range(len(notes) - 1, -1, -1):
            note = notes[i]
            label = note.get("n") or ("source" if sources[i] else "*")
            marked = " ".join(_text(note).split())  # short: an XPath call would cost more
            note.clear(keep_tail=True)
            if i == first_source:
                source_note = markers.one_line(marked)
            elif lead in marked:
                text = markers.finish(marked, "\n").text
                if text:
                    texts[i] = f"[{label}] {text}"
            elif marked:
                texts[i] = f"[{label}] {marked}"
        return [text for text in texts if text], source_note

    def mark_pages(self) -> list[str]:
        """A page marker after each page break left in the body; their page numbers, in order."""
        names = []
        page = self.markers.page
        for page_break in list(self.root.iter("{*}pb")):
            if page_break is not self.root:
                names.append(page_break.get("n") or "")
                page_break.tail = page + (page_break.tail or "")
        return names


def _is_marked_by_its_list(item: etree._Element, root: etree._Element) -> bool:
    parent = item.getparent()
    return parent is not None and parent is not root and _name(parent.tag) == "list"


def _is_block_quote(element: etree._Element) -> bool:
    return "block" in (element.get("rend") or "") or any(
        _name(child.tag) in ("p", "lg", "list") for child in element
    )


def _keep_preferred_reading(choice: etree._Element) -> None:
    """A `choice` with a corrected, regularised or expanded reading shows only that reading."""
    readings = {_name(child.tag): child for child in choice if _name(child.tag)}
    kept = next((readings[r] for r in _PREFERRED_READINGS if r in readings), None)
    if kept is None:  # no preferred reading: everything in it is read
        return
    choice.text = None
    for child in list(choice):
        if child is not kept:
            choice.remove(child)  # with its tail
    kept.tail = None


def _drop_content(element: etree._Element) -> None:
    if element.text is not None or len(element):
        element.text = None
        for child in list(element):
            element.remove(child)
