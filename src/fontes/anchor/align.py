"""Where a quotation sits in one normalised text: exactly (ellipses as gaps), or by edit distance.

The exact search finds the quotation's pieces (split at `...`/`…` and at bracketed
interpolations such as "[Stalin]") in order, each within its gap of the last. The approximate
search is edlib's infix alignment (mode "HW") of each piece, snapped to word boundaries and
re-scored globally (mode "NW") over the span reported, so the score describes exactly the
words returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import edlib

from fontes.anchor.normalize import Normalized, normalize
from fontes.anchor.words import tokens
from fontes.errors import AnchorError

#: An elision in a normalised quotation: "...", ". . .", "[...]" ("…" is "..." after NFKC).
ELLIPSIS = re.compile(r" ?(?:\[ ?\.(?: ?\.){2,} ?\]|\.(?: ?\.){2,}) ?")
#: An editor's interpolation in a quotation: "Comrade [N.V.] Roshchin", "he [Stalin] agreed".
INTERPOLATION = re.compile(r" ?\[[^\[\]]{1,60}\] ?")
GAP = re.compile(f"{ELLIPSIS.pattern}|{INTERPOLATION.pattern}")
#: Characters a quotation's pieces are trimmed of: outer quote marks, closing punctuation.
TRIM = " '.,;:!?-"
#: The most source text an ellipsis may stand for (normalised characters) ...
MAX_GAP = 2000
#: ... and an interpolation (it replaces a word or two, or nothing).
MAX_INTERPOLATED = 60
#: The lowest similarity an approximate alignment can have and still be reported.
LOWEST_SIMILARITY = 0.75
#: Alignments tried per piece when edlib finds several equally good ones.
MAX_LOCATIONS = 32

Span = tuple[int, int]


@dataclass(frozen=True)
class ParsedQuote:
    """A quotation parsed for matching (not the essay's `Quotation`, which is where an essay quotes):
    its normalised form, the pieces between its ellipses and interpolations, and how much source
    text may lie before each piece (0 for the first)."""

    raw: str
    norm: Normalized
    pieces: tuple[Span, ...]
    gaps: tuple[int, ...]

    @classmethod
    def parse(cls, raw: str) -> ParsedQuote:
        """Normalise and split at gaps; AnchorError when no words are left to look for."""
        norm = normalize(raw or "")
        pieces, gaps, at, gap_before = [], [], 0, 0
        for gap in [*GAP.finditer(norm.text), None]:
            end = gap.start() if gap else len(norm.text)
            piece = _trimmed(norm.text, at, end)
            if piece and any(c.isalnum() for c in norm.text[piece[0] : piece[1]]):
                pieces.append(piece)
                gaps.append(gap_before if len(pieces) > 1 else 0)
                gap_before = 0
            if gap:
                elided = ELLIPSIS.fullmatch(gap.group())
                gap_before += MAX_GAP if elided else MAX_INTERPOLATED
                at = gap.end()
        if not pieces:
            raise AnchorError(
                "the quotation has no words to look for",
                field="quote",
                hint="give the words to look for in the sources",
            )
        return cls(raw, norm, tuple(pieces), tuple(gaps))

    def piece_texts(self) -> list[str]:
        return [self.norm.text[s:e] for s, e in self.pieces]

    @property
    def length(self) -> int:
        """Normalised characters to match (ellipses excluded)."""
        return sum(e - s for s, e in self.pieces)

    @property
    def word_count(self) -> int:
        return sum(1 for s, e in self.pieces for t in tokens(self.norm.text, s, e) if t.is_word)

    def search_text(self) -> str:
        """The quotation's words without ellipses, for a candidate search."""
        return " ".join(self.piece_texts())


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return (start, end) if start < end else None


def _at_word_boundaries(text: str, start: int, end: int) -> bool:
    """A match must not begin or end inside a word: "war" is not found in "wars"."""
    inside_start = 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum()
    inside_end = 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    return not (inside_start or inside_end)


def find_exact(quotation: ParsedQuote, text: str) -> list[Span] | None:
    """Spans of the quotation's pieces found verbatim, in order, each within its gap of the last."""
    pieces = quotation.piece_texts()
    dead_ends: set[tuple[int, int]] = set()

    def search(k: int, low: int, high: int) -> list[Span] | None:
        piece = pieces[k]
        at = text.find(piece, low)
        while at != -1 and at + len(piece) <= high:
            end = at + len(piece)
            if _at_word_boundaries(text, at, end) and (k, at) not in dead_ends:
                if k == len(pieces) - 1:
                    return [(at, end)]
                rest = search(k + 1, end, end + quotation.gaps[k + 1] + len(pieces[k + 1]) + 2)
                if rest:
                    return [(at, end), *rest]
                dead_ends.add((k, at))
            at = text.find(piece, at + 1)
        return None

    return search(0, 0, len(text))


@dataclass(frozen=True)
class Alignment:
    """The quotation's pieces aligned approximately: spans, and edits over quoted characters."""

    spans: list[Span]
    distance: int
    length: int

    @property
    def similarity(self) -> float:
        return 1 - self.distance / self.length


def align_approximately(quotation: ParsedQuote, text: str) -> Alignment | None:
    """The best approximate alignment with similarity >= LOWEST_SIMILARITY, piece by piece in order."""
    spans: list[Span] = []
    distance, low = 0, 0
    for piece, gap in zip(quotation.piece_texts(), quotation.gaps):
        high = len(text) if not spans else min(len(text), low + gap + 2 * len(piece) + 2)
        found = align_piece(piece, text, low, high)
        if found is None:
            return None
        start, end, edits = found
        spans.append((start, end))
        distance += edits
        low = end
    alignment = Alignment(spans, distance, quotation.length)
    return alignment if alignment.similarity >= LOWEST_SIMILARITY else None


def align_piece(piece: str, text: str, low: int, high: int) -> tuple[int, int, int] | None:
    """(start, end, edits) of the best word-bounded span of text[low:high] for `piece`."""
    window = text[low:high]
    if not window:
        return None
    encode = _encoder(piece)
    query, target = encode(piece), encode(window)
    limit = int(len(piece) * (1 - LOWEST_SIMILARITY))
    found = edlib.align(query, target, mode="HW", task="locations", k=limit)
    if found["editDistance"] < 0:
        return None
    best: tuple[int, int, int, int] | None = None
    for start, last in dict.fromkeys(found["locations"][:MAX_LOCATIONS]):
        for s, e in _word_bounded(window, start, last + 1):
            edits = edlib.align(query, target[s:e], mode="NW", task="distance")["editDistance"]
            candidate = (edits, abs((e - s) - len(piece)), s, e)
            if best is None or candidate < best:
                best = candidate
    if best is None or best[0] > limit:
        return None
    edits, _, s, e = best
    return low + s, low + e, edits


def _word_bounded(text: str, start: int, end: int) -> set[Span]:
    """The span widened or narrowed to whole words (both ways tried), without edge spaces."""
    starts, ends = {start}, {end}
    if 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        wider = start
        while wider > 0 and text[wider - 1].isalnum():
            wider -= 1
        narrower = start
        while narrower < end and text[narrower].isalnum():
            narrower += 1
        starts = {wider, narrower}
    if 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        wider = end
        while wider < len(text) and text[wider].isalnum():
            wider += 1
        narrower = end
        while narrower > start and text[narrower - 1].isalnum():
            narrower -= 1
        ends = {wider, narrower}
    spans = set()
    for s in starts:
        for e in ends:
            while s < e and text[s] == " ":
                s += 1
            while e > s and text[e - 1] == " ":
                e -= 1
            if s < e:
                spans.add((s, e))
    return spans


def _encoder(piece: str):
    """Map characters to bytes for edlib (at most 256 symbols): the quotation's own characters
    get codes 1..255; every other character can only mismatch, so they all share code 0."""
    alphabet = sorted(set(piece), key=piece.count, reverse=True)
    table = {ord(c): min(i + 1, 255) for i, c in enumerate(alphabet)}
    others = re.compile("[^" + "".join(re.escape(c) for c in alphabet) + "]")

    def encode(text: str) -> bytes:
        return bytes(others.sub("\x00", text).translate(table), "latin-1")

    return encode
