"""Build a document's quotable text from marked-up pieces, keeping page breaks zero-width.

Ingesters walk their markup (TEI, HTML) and feed text, paragraph ends, line breaks and page
breaks into a `TextBuilder`; it collapses whitespace the way a reader sees it, separates
paragraphs by one blank line, and records where each printed page starts without inserting
any character, so "the Ko<pb/>rean" stays "the Korean".
"""

from __future__ import annotations

from fontes.corpus.document import PageBreak

# What separates the next word from the text before it, weakest first.
_NONE, _SPACE, _LINE, _BLOCK = 0, 1, 2, 3


class TextBuilder:
    """Accumulates text: runs of whitespace become one space, blocks end with a blank line."""

    def __init__(self, block_separator: str = "\n\n"):
        self._parts: list[str] = []
        self._length = 0
        self._gap = _NONE
        self._block_separator = block_separator
        self._waiting_pages: list[str] = []
        self.pages: list[PageBreak] = []

    def add(self, text: str | None) -> None:
        """Append running text; whitespace only counts as a gap between words."""
        if not text:
            return
        if text[0].isspace() and self._gap < _SPACE:
            self._gap = _SPACE
        words = text.split()
        if words:  # inside one piece of text only spaces separate words: emit them at once
            self._emit(" ".join(words))
            if text[-1].isspace():
                self._gap = _SPACE

    def space(self) -> None:
        """A gap between words that the markup implies (e.g. between table cells)."""
        self._gap = max(self._gap, _SPACE)

    def line_break(self) -> None:
        """A forced line break inside a paragraph (TEI `lb`, HTML `br`)."""
        self._gap = max(self._gap, _LINE)

    def end_block(self) -> None:
        """End the current paragraph: the next word starts a new one after a blank line."""
        self._gap = _BLOCK

    def page_break(self, page: str) -> None:
        """A printed page starts here; it is placed on the next character that follows."""
        self._waiting_pages.append(page)

    @property
    def text(self) -> str:
        return "".join(self._parts)

    @property
    def trailing_pages(self) -> list[str]:
        """Page breaks after the last character (they belong to whatever comes next)."""
        return list(self._waiting_pages)

    def _emit(self, words: str) -> None:
        if self._length:
            separator = {_NONE: "", _SPACE: " ", _LINE: "\n", _BLOCK: self._block_separator}[self._gap]
            if separator:
                self._parts.append(separator)
                self._length += len(separator)
        for page in self._waiting_pages:
            self.pages.append(PageBreak(offset=self._length, page=page))
        self._waiting_pages.clear()
        self._parts.append(words)
        self._length += len(words)
        self._gap = _NONE


def normalise_space(text: str | None) -> str:
    """One line with single spaces: for titles, names and metadata fields."""
    return " ".join((text or "").split())
