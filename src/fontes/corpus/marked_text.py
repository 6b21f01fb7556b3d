"""Finish text that carries its layout as markers: paragraph ends, line breaks, gaps, pages.

A fast alternative to feeding a `TextBuilder` piece by piece: the markup is first rewritten so
that its text alone, serialised in one C call, holds a marker wherever a paragraph ends
(`block`), a line is broken (`line`), a gap is implied (`space`) or a page starts (`page`).
Between two words the strongest signal wins, as in `TextBuilder`: a paragraph end gives the
block separator, a line break "\\n", whitespace or a space marker one space, a page break
alone nothing, so "the Ko<pb/>rean" stays "the Korean". Page breaks are zero-width: each is
recorded at the offset of the word that follows it.

A marker is a lead character, a Unicode noncharacter (U+FDD0, which exists for such internal
use), and a letter saying which; a text that holds the lead character itself gets another
(`Markers.absent_from`), so nothing in a source is ever read as a marker. The text given to
`finish` has its whitespace collapsed to single spaces already (as `" ".join(text.split())`
does), so the only line breaks in the result are those the markers make.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fontes.corpus.document import PageBreak

#: Lead characters, in the order they are tried: the noncharacters, then the private use area.
_LEADS = [chr(c) for c in range(0xFDD0, 0xFDF0)] + [chr(c) for c in range(0xE000, 0xF900)]
#: The lead character of the usual markers: a text without it needs no other.
USUAL_LEAD = _LEADS[0]
_KINDS = "blsp"  # block, line, space, page
#: How a separator that spaces two words starts (not a page break alone, which joins them).
_SPACING = (" ", "\n")


@dataclass(frozen=True)
class FinishedText:
    """Text with its page breaks; `trailing_pages` turned after its last character."""

    text: str
    pages: list[PageBreak]
    trailing_pages: list[str]


class Markers:
    """The markers of one text: `block`, `line`, `space` and `page`, each two characters."""

    def __init__(self, lead: str):
        self.lead = lead
        self.block, self.line, self.space, self.page = (lead + kind for kind in _KINDS)
        lead_ = re.escape(lead)
        # A gap: markers with single spaces between and maybe after them. It starts with the
        # lead character, a literal, so the regex engine finds gaps as fast as str.find.
        # Captured, so that re.split hands back the gaps between the runs of words.
        self._gap = re.compile(f"({lead_}[{_KINDS}](?: ?{lead_}[{_KINDS}])* ?)")
        self._leading_gap = re.compile(f"(?:{lead_}[{_KINDS}] ?)+")
        self._separators: dict[str, _Separators] = {}

    @staticmethod
    def absent_from(text: str) -> Markers:
        """Markers that `text` cannot be holding: the usual ones unless it has their lead."""
        if _USUAL.lead not in text:
            return _USUAL
        lead = next((c for c in _LEADS if c not in text), None)
        if lead is None:
            raise ValueError("the text holds every character that could mark its layout")
        return _markers(lead)

    def finish(
        self, collapsed: str, block_separator: str = "\n\n", page_names: list[str] | None = None
    ) -> FinishedText:
        """The text of `collapsed` (whitespace as single spaces already), markers resolved;
        its page markers, named in order by `page_names`, placed."""
        page_names = page_names or []
        lead = self.lead
        if lead not in collapsed:  # plain running text (most footnotes)
            return self._placed(collapsed, page_names)
        leading = self._leading_gap.match(collapsed)
        start = leading.end() if leading else 0
        end = len(collapsed)
        while end > start:  # the markers (and spaces) after the last word
            if collapsed[end - 1] == " ":
                end -= 1
            elif collapsed[end - 2 : end - 1] == lead:
                end -= 2
            else:
                break
        page = self.page
        # words, gap, words, gap, ..., words: each gap becomes its separator (and its pages)
        pieces = self._gap.split(collapsed[start:end])
        separator_of = self._separators_for(block_separator)
        for i in range(1, len(pieces), 2):
            separator = pieces[i] = separator_of(pieces[i])
            # a space just before a gap: gone before a line break, one with a space
            if separator[:1] in _SPACING and pieces[i - 1][-1:] == " ":
                pieces[i - 1] = pieces[i - 1][:-1]
        inner = "".join(pieces)
        text = lead * collapsed.count(page, 0, start) + inner + lead * collapsed.count(page, end)
        return self._placed(text, page_names)

    def one_line(self, marked: str) -> str:
        """The text of `marked` on one line with single spaces (titles, names, source notes)."""
        if self.lead in marked:
            marked = (
                marked.replace(self.page, "")
                .replace(self.block, " ")
                .replace(self.line, " ")
                .replace(self.space, " ")
            )
        return " ".join(marked.split())

    def _separators_for(self, block_separator: str) -> _Separators:
        separators = self._separators.get(block_separator)
        if separators is None:
            separators = self._separators[block_separator] = _Separators(self, block_separator)
        return separators

    def _placed(self, text: str, page_names: list[str]) -> FinishedText:
        """Page breaks where `text` holds a lone lead character, which goes."""
        lead = self.lead
        offsets: list[int] = []
        position = text.find(lead)
        while position >= 0:
            offsets.append(position - len(offsets))
            position = text.find(lead, position + 1)
        if len(offsets) != len(page_names):
            raise ValueError(f"{len(offsets)} page markers for {len(page_names)} page names")
        if not offsets:
            return FinishedText(text, [], [])
        plain = text.replace(lead, "")
        pages = [PageBreak(offset=o, page=n) for o, n in zip(offsets, page_names) if o < len(plain)]
        trailing = [n for o, n in zip(offsets, page_names) if o >= len(plain)]
        return FinishedText(plain, pages, trailing)


class _Separators:
    """One gap between two words -> its separator and its pages (lone leads)."""

    _REMEMBERED = 256  # distinct gaps; a volume has a few dozen

    def __init__(self, markers: Markers, block_separator: str):
        self._markers = markers
        self._block_separator = block_separator
        self._known: dict[str, str] = {}

    def __call__(self, run: str) -> str:
        known = self._known.get(run)
        if known is None:
            markers = self._markers
            if markers.block in run:
                separator = self._block_separator
            elif markers.line in run:
                separator = "\n"
            elif " " in run or markers.space in run:
                separator = " "
            else:
                separator = ""
            known = separator + markers.lead * run.count(markers.page)
            if len(self._known) < self._REMEMBERED:
                self._known[run] = known
        return known


@lru_cache(maxsize=16)
def _markers(lead: str) -> Markers:
    return Markers(lead)


_USUAL = _markers(USUAL_LEAD)
