"""Normalise text for matching while remembering where every character came from.

A quotation and a source are compared after NFKC, case folding, one kind of quote mark,
one kind of dash, single spaces and line-end hyphenation undone (DESIGN.md, "Quotation
fidelity"), and with the harmless variants of harmless.py (ordinals, number words, per cent,
British spellings, hyphens inside words) brought to one form. Results must still be reported in the raw text, so every normalised character
keeps the raw span [start, end) it was made from.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache

#: Every quotation mark (single, double, curly, straight, angle, prime) becomes "'", so a
#: quotation inside a quotation matches whichever marks the source used.
QUOTE_MARKS = frozenset("'\"‘’‚‛“”„‟«»‹›`´′″〈〉「」『』")
#: Hyphens, dashes and minus signs all become "-".
DASHES = frozenset("-‐‑‒–—―−⁃﹘﹣－⸺⸻")
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")
#: Only a hyphen breaks a word at a line end; a dash there ("attack—\nand") is punctuation.
HYPHENS = frozenset("-\u2010\u2011")
#: FRUS page markers such as "[Page 126]" are zero-width for quotation: a quote may run across one.
PAGE_MARKER = re.compile(r"\[Page \d+\]")


@dataclass(frozen=True)
class Normalized:
    """Normalised text, and for each of its characters the raw span it came from."""

    text: str
    starts: array  # raw start of each normalised character (compact: a cached text keeps these)
    ends: array

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw [start, end) that the normalised [start, end) was made from."""
        if end <= start:
            at = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return at, at
        return self.starts[start], self.ends[end - 1]


def _fold(char: str) -> str:
    """One character of NFKC-casefolded text to its matching form ('' drops it)."""
    if char in LINE_BREAKS:
        return "\n"
    if char.isspace():
        return " "
    if char in QUOTE_MARKS:
        return "'"
    if char in DASHES or unicodedata.category(char) == "Pd":
        return "-"
    if unicodedata.category(char) == "Cf":  # soft hyphen, zero-width joiners, BOM
        return ""
    return char


#: Plain ASCII that normalising only lower-cases: copied in bulk (most of any English text).
PLAIN = re.compile(r"[A-Za-z0-9 \n.,;:!?()/&%$#@*+=<>_|~^{}\]'-]+")
#: What pass 2 must look at (a leading space, line breaks, quote marks, dashes, a space before
#: another space or a dash); everything between is copied in bulk.
SPECIAL = re.compile(r"\A |[\n'-]| (?=[ \n-])")

Folded = tuple[list[str], list[int], list[int]]


def _folded_characters(raw: str) -> Folded:
    """Pass 1: characters after NFKC, case folding and _fold, each with its raw [start, end).

    Combining marks stay with their base character, so NFKC composes them as a unit.
    """
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(raw)
    while i < n:
        plain = PLAIN.match(raw, i)
        if plain:
            j = plain.end()
            if j < n and unicodedata.combining(raw[j]):
                j -= 1  # the last letter takes its accent: leave it to the cluster path
            if j > i:
                chars.extend(raw[i:j].lower())
                starts.extend(range(i, j))
                ends.extend(range(i + 1, j + 1))
                i = j
                continue
        if raw[i] == "[":
            marker = PAGE_MARKER.match(raw, i)
            if marker:
                chars.append(" ")
                starts.append(i)
                ends.append(marker.end())
                i = marker.end()
                continue
        j = i + 1
        while j < n and unicodedata.combining(raw[j]):
            j += 1
        cluster = raw[i:j]
        if cluster.isascii():
            folded = cluster.lower()
        else:
            folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", cluster).casefold())
        for char in folded:
            char = _fold(char)
            if char:
                chars.append(char)
                starts.append(i)
                ends.append(j)
        i = j
    return chars, starts, ends


def _line_end_hyphen(chars: list[str], starts: list[int], k: int, raw: str, previous: str) -> int | None:
    """If chars[k] is a hyphen breaking a word at a line end ("Ko-\\nrean"), where the word goes on."""
    if not previous.isalpha() or raw[starts[k]] not in HYPHENS:
        return None
    m, saw_line_break = k + 1, False
    while m < len(chars) and chars[m] in " \n":
        saw_line_break |= chars[m] == "\n"
        m += 1
    if saw_line_break and m < len(chars) and raw[starts[m]].islower():
        return m
    return None


def _collapse(folded: Folded, raw: str) -> Normalized:
    """Pass 2: undo line-end hyphenation, collapse runs of space, dash and quote mark."""
    chars, raw_starts, raw_ends = folded
    flat = "".join(chars)
    text: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    k, n = 0, len(chars)
    while k < n:
        special = SPECIAL.search(flat, k)
        stop = special.start() if special else n
        if stop > k:  # ordinary characters: copied as they are
            text.extend(chars[k:stop])
            starts.extend(raw_starts[k:stop])
            ends.extend(raw_ends[k:stop])
            k = stop
            continue
        char = chars[k]
        if char == "-" and text:
            resume = _line_end_hyphen(chars, raw_starts, k, raw, text[-1])
            if resume is not None:
                k = resume
                continue
        run = " \n" if char in " \n" else char
        m = k
        while m < n and chars[m] in run:
            m += 1
        if run == " \n":
            # no space at the start, nor beside a dash: "traveled -- by" == "traveled—by"
            if not text or text[-1] == "-" or (m < n and chars[m] == "-"):
                k = m
                continue
            char = " "
            text.append(char)
            starts.append(raw_starts[k])
            ends.append(raw_ends[m - 1])
            k = m
            continue
        if char == "-" and text and text[-1] == "-":  # "a - - b": one dash
            ends[-1] = raw_ends[m - 1]
        else:
            text.append(char)
            starts.append(raw_starts[k])
            ends.append(raw_ends[m - 1])
        k = m
        if char == "-":  # no space after a dash either
            while k < n and chars[k] in " \n":
                k += 1
    while text and text[-1] == " ":
        text.pop()
        starts.pop()
        ends.pop()
    return Normalized("".join(text), array("i", starts), array("i", ends))


#: Texts kept normalised: the candidates of a few quotations (a source is often quoted again).
CACHED_TEXTS = 256


@lru_cache(maxsize=CACHED_TEXTS)
def normalize(raw: str) -> Normalized:
    """The matching form of `raw` with its map back to raw offsets (cached: sources repeat);
    forms that are no misquotation (harmless.py) are rewritten alike."""
    from fontes.anchor.harmless import harmless_forms

    return harmless_forms(folded(raw), raw)


def folded(raw: str) -> Normalized:
    """The first stage of `normalize`: case, marks, dashes, spaces and line-end hyphens only.

    Normalising this form again leaves it as it is; the harmless forms that follow rewrite what
    the raw text shows ("Pak-Kim" keeps a hyphen that "pak-kim" would lose), so they need not."""
    return _collapse(_folded_characters(raw), raw)
